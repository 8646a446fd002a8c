package dev.socklab.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A host as the lab writes it, parsed but not resolved: any address, the broadcast
 * address, an address literal, or a name to look up later.
 *
 * <p>Parsing and resolving are separate so that a typo is reported at once, and so that
 * nothing touches DNS until a caller actually needs addresses.
 */
public sealed interface Host {

    /**
     * Reads the lab's host vocabulary without any lookup.
     *
     * <ul>
     *   <li>{@code ""} or {@code *}: {@link Any};</li>
     *   <li>{@code <broadcast>}: {@link Broadcast};</li>
     *   <li>a strict dotted quad, an IPv6 literal with or without brackets (a {@code %zone}
     *       allowed), or one decimal integer 0..4294967295 read as a big-endian IPv4 address:
     *       {@link Literal};</li>
     *   <li>anything else made of letters, digits, '-', '.' and '_': {@link Name}.</li>
     * </ul>
     *
     * @param text what the user wrote; surrounding whitespace is ignored
     * @return the host
     * @throws AddressException     if the text is malformed, with a message naming it
     * @throws NullPointerException if {@code text} is null
     */
    static Host parse(String text) {
        return HostParser.parse(Objects.requireNonNull(text, "text"));
    }

    /**
     * The addresses to use for this host, in the resolver's order. Only a {@link Name}
     * causes a lookup.
     *
     * @param family which IP versions the user allows
     * @return a non-empty, unmodifiable list
     * @throws AddressException if the host has no address of an allowed version, or a name
     *                          is unknown
     */
    List<InetAddress> resolve(Family family);

    /**
     * Tells whether this host stands for every local address, so a server binds to the
     * wildcard and a client has no single peer to reach. True for {@link Any} and for a
     * literal {@code 0.0.0.0} or {@code ::}.
     *
     * @return {@code true} for a wildcard host
     */
    default boolean isAny() {
        return false;
    }

    /**
     * The host in the text form a user would recognise: {@code *}, {@code <broadcast>},
     * an address such as {@code 127.0.0.1} or {@code ::1}, or the name.
     *
     * @return the text form
     */
    @Override
    String toString();

    /** Any address: INADDR_ANY or in6addr_any, written {@code ""} or {@code *}. */
    record Any() implements Host {

        /**
         * {@code ::} (dual stack) for {@link Family#ANY} and {@link Family#IPV6},
         * {@code 0.0.0.0} for {@link Family#IPV4}.
         *
         * @param family which IP versions the user allows
         * @return the one wildcard address
         */
        @Override
        public List<InetAddress> resolve(Family family) {
            return List.of(family == Family.IPV4 ? KnownAddresses.IPV4_ANY : KnownAddresses.IPV6_ANY);
        }

        /**
         * Always true.
         *
         * @return {@code true}
         */
        @Override
        public boolean isAny() {
            return true;
        }

        /**
         * The text form.
         *
         * @return {@code *}
         */
        @Override
        public String toString() {
            return "*";
        }
    }

    /**
     * The limited broadcast address 255.255.255.255, written {@code <broadcast>} as in
     * Python's socket module; meaningful as a UDP client's destination.
     */
    record Broadcast() implements Host {

        /**
         * 255.255.255.255, unless only IPv6 is allowed.
         *
         * @param family which IP versions the user allows
         * @return the broadcast address
         * @throws AddressException for {@link Family#IPV6}, since IPv6 has no broadcast
         */
        @Override
        public List<InetAddress> resolve(Family family) {
            if (family == Family.IPV6) {
                throw new AddressException(HostParser.BROADCAST + " is the IPv4 address 255.255.255.255,"
                        + " but IPv6 only was asked for: IPv6 has no broadcast, so use a multicast"
                        + " address such as ff02::1");
            }
            return List.of(KnownAddresses.BROADCAST);
        }

        /**
         * The text form.
         *
         * @return {@code <broadcast>}
         */
        @Override
        public String toString() {
            return HostParser.BROADCAST;
        }
    }

    /**
     * An address written as a literal: a dotted quad, an IPv6 address, or a decimal integer.
     *
     * @param address the address; not null
     */
    record Literal(InetAddress address) implements Host {

        /**
         * Checks the address is present.
         *
         * @param address the address; not null
         */
        public Literal {
            Objects.requireNonNull(address, "address");
        }

        /**
         * The address itself, if its IP version is allowed.
         *
         * @param family which IP versions the user allows
         * @return a list holding the address
         * @throws AddressException if the family does not admit the address
         */
        @Override
        public List<InetAddress> resolve(Family family) {
            if (!family.admits(address)) {
                throw new AddressException(this + " is an " + Family.versionOf(address)
                        + " address, but " + family.restriction() + " was asked for");
            }
            return List.of(address);
        }

        /**
         * True for {@code 0.0.0.0} and {@code ::}.
         *
         * @return whether the address is a wildcard
         */
        @Override
        public boolean isAny() {
            return address.isAnyLocalAddress();
        }

        /**
         * The address as {@link SocketAddresses#format(InetAddress)} writes it.
         *
         * @return e.g. {@code 127.0.0.1} or {@code ::1}
         */
        @Override
        public String toString() {
            return SocketAddresses.format(address);
        }
    }

    /**
     * A host name, looked up only when {@link #resolve(Family)} is called.
     *
     * @param name letters, digits, '-', '.' and '_', at most 253 characters, no empty label
     */
    record Name(String name) implements Host {

        /**
         * Checks the name is well formed.
         *
         * @param name the host name
         * @throws AddressException if it is not a valid host name
         */
        public Name {
            HostParser.checkName(Objects.requireNonNull(name, "name"));
        }

        /**
         * Looks the name up and keeps the addresses the family admits.
         *
         * @param family which IP versions the user allows
         * @return the admitted addresses in the resolver's order
         * @throws AddressException if the name is unknown or has no admitted address
         */
        @Override
        public List<InetAddress> resolve(Family family) {
            InetAddress[] all;
            try {
                all = InetAddress.getAllByName(name);
            } catch (UnknownHostException e) {
                throw new AddressException("unknown host '" + name
                        + "': check the name, or give an address such as 127.0.0.1", e);
            }
            List<InetAddress> kept = Arrays.stream(all).filter(family::admits).toList();
            if (kept.isEmpty()) {
                String found = Arrays.stream(all).map(SocketAddresses::format)
                        .collect(Collectors.joining(", "));
                throw new AddressException(name + " has no " + (family == Family.IPV4 ? "IPv4" : "IPv6")
                        + " address (only " + found + "), but " + family.restriction() + " was asked for");
            }
            return kept;
        }

        /**
         * The name as written.
         *
         * @return the name
         */
        @Override
        public String toString() {
            return name;
        }
    }
}
