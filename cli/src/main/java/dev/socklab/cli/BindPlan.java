package dev.socklab.cli;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.socklab.net.Family;
import dev.socklab.net.Host;
import dev.socklab.net.SocketAddresses;
import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Transport;
import dev.socklab.services.ServiceInfo;

/**
 * Where each selected service listens: every selection on every bind address, over each of its
 * transports, with TLS where it asked for it. With no {@code --bind}, the loopback addresses, so
 * that a new server is reachable from this machine only until its user opens it on purpose. A
 * service may be named more than once ({@code http http:10443/tls}), but no two selections may
 * take one port of one transport.
 */
record BindPlan(List<Entry> entries, List<InetAddress> addresses) {
    /** One service on one endpoint. */
    record Entry(ServiceInfo service, Endpoint endpoint) {
    }

    static BindPlan of(List<ServiceSelection> selections, List<String> binds, Family family, boolean standardPorts) {
        Map<InetAddress, String> named = binds.isEmpty() ? Map.of() : resolve(binds, family);
        List<InetAddress> addresses = binds.isEmpty() ? loopback(family) : List.copyOf(named.keySet());
        List<Entry> entries = new ArrayList<>();
        Map<String, String> taken = new HashMap<>();
        for (ServiceSelection selection : selections) {
            if (selection.unixPath().isPresent()) {
                entries.add(new Entry(selection.service(), Endpoint.unix(selection.unixPath().get())));
                continue;
            }
            int port = selection.port().orElse(selection.service().port(standardPorts));
            if (port != 0) {
                refuseOverlap(named, port);
            }
            for (Transport transport : selection.transports()) {
                if (port != 0) {
                    refuseTaken(taken, transport, port, selection);
                }
                for (InetAddress address : addresses) {
                    entries.add(new Entry(selection.service(),
                            new Endpoint(transport, new InetSocketAddress(address, port), selection.tls())));
                }
            }
        }
        return new BindPlan(entries, addresses);
    }

    /**
     * Two selections on one port of one transport would fail at the bind as if another program
     * held it: say which two clash instead.
     */
    private static void refuseTaken(Map<String, String> taken, Transport transport, int port,
                                    ServiceSelection selection) {
        String key = transport.label() + " " + port;
        String by = selection.service().name() + (selection.tls() ? " over TLS" : "");
        String before = taken.putIfAbsent(key, by);
        if (before != null) {
            throw new Errors.UsageException(before + " and " + by + " both ask for " + transport.label() + " port "
                    + port + "; give each its own port (SERVICE:PORT)");
        }
    }

    /** Whether every endpoint is a Unix socket, so that no address is listened on at all. */
    boolean unixOnly() {
        return entries.stream().allMatch(e -> e.endpoint().transport() == Transport.UNIX);
    }

    /** Whether no address outside this machine can reach the server. */
    boolean loopbackOnly() {
        return addresses.stream().allMatch(InetAddress::isLoopbackAddress);
    }

    private static List<InetAddress> loopback(Family family) {
        List<InetAddress> loopback = new ArrayList<>();
        if (family != Family.IPV6) {
            loopback.add(InetAddress.getLoopbackAddress() instanceof Inet6Address
                    ? Host.parse("127.0.0.1").resolve(Family.IPV4).getFirst()
                    : InetAddress.getLoopbackAddress());
        }
        if (family != Family.IPV4 && hasIpv6Loopback()) {
            loopback.add(Host.parse("::1").resolve(Family.IPV6).getFirst());
        }
        if (loopback.isEmpty()) {
            throw new Errors.UsageException("this machine has no IPv6 loopback address (::1); drop --ipv6-only,"
                    + " or --bind an IPv6 address it has");
        }
        return loopback;
    }

    /** Each address to bind, with the {@code --bind} that named it first. */
    private static Map<InetAddress, String> resolve(List<String> binds, Family family) {
        Map<InetAddress, String> addresses = new LinkedHashMap<>();
        for (String bind : binds) {
            Host host = Host.parse(bind);
            // "::" serves IPv4 too where the system allows; without IPv6 at all, only 0.0.0.0 can bind.
            Family wanted = host.isAny() && family == Family.ANY && !hasIpv6Loopback() ? Family.IPV4 : family;
            host.resolve(wanted).forEach(address -> addresses.putIfAbsent(address, bind));
        }
        return addresses;
    }

    /**
     * A wildcard address holds its port on every address it covers, so binding one of those too
     * would fail as if another program held the port: say whose binds clash instead.
     */
    private static void refuseOverlap(Map<InetAddress, String> named, int port) {
        for (InetAddress any : named.keySet()) {
            if (!any.isAnyLocalAddress()) {
                continue;
            }
            for (InetAddress other : named.keySet()) {
                if (!other.equals(any) && covers(any, other)) {
                    throw new Errors.UsageException("--bind " + named.get(any) + " already covers "
                            + shown(named.get(other), other) + " on port " + port + ": give one of them");
                }
            }
        }
    }

    /** 0.0.0.0 covers every IPv4 address; Java's :: socket is dual-stack, so it covers every address. */
    private static boolean covers(InetAddress any, InetAddress other) {
        return any instanceof Inet6Address || other instanceof Inet4Address;
    }

    /** The bind as the user wrote it, and the address it stands for where that differs. */
    private static String shown(String bind, InetAddress address) {
        String literal = SocketAddresses.format(address);
        return bind.equals(literal) ? bind : bind + " (" + literal + ")";
    }

    private static boolean hasIpv6Loopback() {
        try {
            return NetworkInterface.getByInetAddress(Host.parse("::1").resolve(Family.IPV6).getFirst()) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
