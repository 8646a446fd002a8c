package dev.socklab.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;

/**
 * How socklab prints addresses, so logs, prompts and errors all show them the same way:
 * {@code 127.0.0.1:53422}, {@code [::1]:7000}, {@code unix:/run/lab.sock}.
 */
public final class SocketAddresses {

    private SocketAddresses() {
    }

    /**
     * Formats a socket address.
     *
     * <ul>
     *   <li>IPv4: {@code 127.0.0.1:53422}; an IPv4-mapped IPv6 address prints the same way;</li>
     *   <li>IPv6: {@code [::1]:7000}, compressed per RFC 5952, keeping any {@code %zone};</li>
     *   <li>unresolved: {@code host:port};</li>
     *   <li>Unix domain: {@code unix:/path/to.sock}, or {@code unix:(unnamed)} for an
     *       unbound peer such as a Unix client;</li>
     *   <li>null: {@code -}; any other kind: its {@code toString()}.</li>
     * </ul>
     *
     * @param a the address, or null
     * @return the text form
     */
    public static String format(SocketAddress a) {
        return switch (a) {
            case null -> "-";
            case InetSocketAddress inet -> withPort(
                    inet.isUnresolved() ? inet.getHostString() : format(inet.getAddress()), inet.getPort());
            case UnixDomainSocketAddress unix -> unix.getPath().toString().isEmpty()
                    ? "unix:(unnamed)"
                    : "unix:" + unix.getPath();
            default -> a.toString();
        };
    }

    /**
     * Formats an IP address: {@code 127.0.0.1}, or IPv6 compressed per RFC 5952 such as
     * {@code ::1} or {@code fe80::1%eth0}; an IPv4-mapped IPv6 address prints as IPv4.
     *
     * @param a the address, or null
     * @return the text form, or {@code -} for null
     */
    public static String format(InetAddress a) {
        if (a == null) {
            return "-";
        }
        if (!(a instanceof Inet6Address v6)) {
            return a.getHostAddress();
        }
        byte[] bytes = v6.getAddress();
        if (Ipv6Text.isIpv4Mapped(bytes)) {
            return Ipv4Text.format(bytes, 12);
        }
        return Ipv6Text.format(bytes) + zone(v6);
    }

    /** Brackets a host that holds colons, so the port's colon stays unambiguous. */
    private static String withPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The {@code %zone} suffix: the interface name when known, else the scope number. */
    private static String zone(Inet6Address a) {
        NetworkInterface nif = a.getScopedInterface();
        if (nif != null) {
            return "%" + nif.getName();
        }
        return a.getScopeId() != 0 ? "%" + a.getScopeId() : "";
    }
}
