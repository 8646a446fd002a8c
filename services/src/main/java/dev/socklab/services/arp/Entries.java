package dev.socklab.services.arp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One immutable set of entries, indexed both ways: each IP address has one hardware address,
 * and each hardware address lists its IP addresses in the order they were added.
 *
 * <p>Instances are never changed after {@link Builder#build()}, so any number of threads may
 * read one without locking; a reload builds a new instance and swaps it in.
 */
final class Entries {

    static final Entries EMPTY = new Builder().build();

    private final Map<InetAddress, HardwareAddress> byIp;
    private final Map<HardwareAddress, List<InetAddress>> byHardware;

    private Entries(LinkedHashMap<InetAddress, HardwareAddress> byIp) {
        this.byIp = byIp;
        Map<HardwareAddress, List<InetAddress>> lists = new HashMap<>();
        byIp.forEach((ip, hw) -> lists.computeIfAbsent(hw, k -> new ArrayList<>()).add(ip));
        lists.replaceAll((hw, ips) -> List.copyOf(ips));
        this.byHardware = lists;
    }

    /** The hardware address of {@code ip}, looked up by its normalised {@link #key}. */
    Optional<HardwareAddress> hardwareAddressOf(InetAddress ip) {
        return Optional.ofNullable(byIp.get(key(ip)));
    }

    /** The IP addresses of {@code hw} in the order they were added; an unmodifiable list. */
    List<InetAddress> ipAddressesOf(HardwareAddress hw) {
        return byHardware.getOrDefault(hw, List.of());
    }

    int size() {
        return byIp.size();
    }

    /** Whether {@code other} maps the same IP addresses to the same hardware addresses, in the same order. */
    boolean sameAs(Entries other) {
        return byIp.equals(other.byIp) && List.copyOf(byIp.keySet()).equals(List.copyOf(other.byIp.keySet()));
    }

    /**
     * Merges sets of entries, the first set winning for an IP address that several hold. An IP
     * that a stronger set takes drops out of the weaker set's reverse lists, so both directions
     * always agree.
     */
    static Entries merge(List<Entries> strongestFirst) {
        Builder merged = new Builder();
        for (Entries part : strongestFirst) {
            part.byIp.forEach(merged::add);
        }
        return merged.build();
    }

    /**
     * The form an address is stored and looked up in: bytes only, with no host name or IPv6
     * scope, and an IPv4-mapped IPv6 address as plain IPv4. The JDK already parses
     * {@code ::ffff:10.0.0.1} as IPv4, but {@code Inet6Address.getByAddress} keeps it as IPv6,
     * and such an address would not equal its IPv4 twin.
     */
    static InetAddress key(InetAddress ip) {
        try {
            return InetAddress.getByAddress(ip.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an InetAddress always has 4 or 16 bytes", e);
        }
    }

    /** Collects entries in order; the first hardware address given for an IP address stays. */
    static final class Builder {
        private final LinkedHashMap<InetAddress, HardwareAddress> byIp = new LinkedHashMap<>();

        /**
         * Adds an entry unless the IP address already has one.
         *
         * @return the hardware address the IP already had, if it differs from {@code hw}
         */
        Optional<HardwareAddress> add(InetAddress ip, HardwareAddress hw) {
            HardwareAddress held = byIp.putIfAbsent(key(ip), hw);
            return held == null || held.equals(hw) ? Optional.empty() : Optional.of(held);
        }

        Entries build() {
            return new Entries(new LinkedHashMap<>(byIp));
        }
    }
}
