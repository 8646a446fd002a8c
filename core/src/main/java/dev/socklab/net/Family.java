package dev.socklab.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * Which IP versions the user allows, as chosen with {@code --ipv4-only} or
 * {@code --ipv6-only}.
 */
public enum Family {

    /** Both IPv4 and IPv6 addresses may be used; the default. */
    ANY,

    /** Only IPv4 addresses may be used ({@code --ipv4-only}). */
    IPV4,

    /** Only IPv6 addresses may be used ({@code --ipv6-only}). */
    IPV6;

    /**
     * Tells whether an address belongs to an IP version this family allows.
     *
     * <p>An IPv4-mapped IPv6 address such as {@code ::ffff:127.0.0.1} arrives from the JDK as
     * an {@link Inet4Address} and so counts as IPv4.
     *
     * @param a the address to check
     * @return {@code true} if {@code a} may be used
     */
    public boolean admits(InetAddress a) {
        Objects.requireNonNull(a, "a");
        return switch (this) {
            case ANY -> true;
            case IPV4 -> a instanceof Inet4Address;
            case IPV6 -> a instanceof Inet6Address;
        };
    }

    /** The restriction as messages word it, e.g. "IPv6 only"; ANY has no restriction to name. */
    String restriction() {
        return switch (this) {
            case ANY -> "any IP version";
            case IPV4 -> "IPv4 only";
            case IPV6 -> "IPv6 only";
        };
    }

    /** The IP version an address belongs to, as messages word it. */
    static String versionOf(InetAddress a) {
        return a instanceof Inet6Address ? "IPv6" : "IPv4";
    }
}
