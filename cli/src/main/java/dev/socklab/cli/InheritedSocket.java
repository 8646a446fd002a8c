package dev.socklab.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import dev.socklab.net.SocketAddresses;
import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Server;
import dev.socklab.runtime.ServiceLimits;
import dev.socklab.runtime.Transport;
import dev.socklab.services.ServiceCatalog;
import dev.socklab.services.ServiceHalves;
import dev.socklab.services.ServiceInfo;

/**
 * The one socket {@code serve --inherit SERVICE} serves: the listening socket inetd or systemd
 * passes on standard input ({@link System#inheritedChannel()}), bound already, of the kind its
 * service takes: a stream socket (TCP or Unix) for a stream service, a UDP socket for a datagram
 * one. systemd's {@code LISTEN_FDS} is read as {@code sd_listen_fds} reads it: only when
 * {@code LISTEN_PID} is this process; one socket is served, more are refused, and since Java
 * finds an inherited socket on standard input alone, systemd's fd 3 must be moved there
 * ({@code 0<&3}).
 */
record InheritedSocket(ServiceInfo service, Channel channel, Endpoint endpoint) {
    /**
     * The socket on standard input for {@code name}, checked against systemd's {@code env} and
     * this process's {@code pid}.
     *
     * @param channel what {@link System#inheritedChannel()} gave, or null
     * @throws Errors.UsageException saying what is wrong and how to start socklab instead
     */
    static InheritedSocket of(String name, Map<String, String> env, long pid, Channel channel) {
        ServiceInfo service = ServiceCatalog.find(name).orElseThrow(() -> new Errors.UsageException(
                "--inherit " + name + ": unknown service; run 'socklab services' to list them"));
        OptionalInt passed = listenFds(env, pid);
        if (passed.isPresent() && passed.getAsInt() > 1) {
            throw new Errors.UsageException("systemd passed " + passed.getAsInt() + " sockets (LISTEN_FDS="
                    + passed.getAsInt() + "), and socklab serves one: run one instance per socket, each started by"
                    + " a .socket unit with one Listen line (socklab systemd-units writes them)");
        }
        return switch (channel) {
            case null -> throw new Errors.UsageException(passed.orElse(0) == 1
                    ? "systemd passed the socket as fd 3 (LISTEN_FDS=1), and Java takes an inherited socket from"
                            + " standard input alone: start socklab as /bin/sh -c 'exec socklab serve --inherit "
                            + name + " 0<&3', or with StandardInput=socket"
                    : "--inherit " + name + ": standard input is not a socket; --inherit serves the listening socket"
                            + " inetd (wait) or systemd (StandardInput=socket, or 0<&3) passes there");
            case SocketChannel connected -> throw new Errors.UsageException("--inherit " + name + ": standard input"
                    + " is one client's connection, not a listening socket; start socklab with inetd's wait, or"
                    + " systemd's Accept=no");
            case ServerSocketChannel listening -> stream(service, listening);
            case DatagramChannel datagram -> datagram(service, datagram);
            default -> throw new Errors.UsageException("--inherit " + name + ": standard input is a socket socklab"
                    + " cannot serve (" + channel + "); give it a stream or a UDP socket");
        };
    }

    /**
     * How many sockets systemd passed this process, as {@code sd_listen_fds} counts them: none
     * unless {@code LISTEN_PID} names this process, since a variable inherited from a parent
     * describes the parent's descriptors.
     */
    static OptionalInt listenFds(Map<String, String> env, long pid) {
        String fds = env.get("LISTEN_FDS");
        if (fds == null || !String.valueOf(pid).equals(env.get("LISTEN_PID"))) {
            return OptionalInt.empty();
        }
        try {
            int count = Integer.parseInt(fds.strip());
            if (count >= 0) {
                return OptionalInt.of(count);
            }
        } catch (NumberFormatException e) {
            // Said below, as for a negative count.
        }
        throw new Errors.UsageException("LISTEN_FDS=" + fds + " is not a number of sockets: systemd sets it to"
                + " the number it passes");
    }

    private static InheritedSocket stream(ServiceInfo service, ServerSocketChannel listening) {
        SocketAddress local = address(service, listening::getLocalAddress);
        Transport transport = local instanceof UnixDomainSocketAddress ? Transport.UNIX : Transport.TCP;
        if (!service.transports().contains(transport)) {
            throw wrongKind(service, transport.label() + " stream socket");
        }
        return new InheritedSocket(service, listening, new Endpoint(transport, local));
    }

    private static InheritedSocket datagram(ServiceInfo service, DatagramChannel datagram) {
        SocketAddress local = address(service, datagram::getLocalAddress);
        if (!(local instanceof InetSocketAddress inet)) {
            throw new Errors.UsageException("--inherit " + service.name() + ": standard input is a datagram socket"
                    + " on " + SocketAddresses.format(local) + ", and socklab serves datagrams over udp only");
        }
        if (!service.transports().contains(Transport.UDP)) {
            throw wrongKind(service, "udp datagram socket");
        }
        return new InheritedSocket(service, datagram, Endpoint.udp(inet));
    }

    /** What a socket's address is read through: {@code getLocalAddress}, which fails once it is closed. */
    @FunctionalInterface
    private interface LocalAddress {
        SocketAddress get() throws IOException;
    }

    private static SocketAddress address(ServiceInfo service, LocalAddress local) {
        try {
            SocketAddress address = local.get();
            if (address == null) {
                throw new Errors.UsageException("--inherit " + service.name() + ": the socket on standard input is"
                        + " not bound; inetd and systemd pass a bound one");
            }
            return address;
        } catch (IOException e) {
            throw new Errors.UsageException("--inherit " + service.name() + ": the socket on standard input cannot"
                    + " be read (" + e.getMessage() + ")");
        }
    }

    private static Errors.UsageException wrongKind(ServiceInfo service, String kind) {
        String wanted = service.transports().contains(Transport.UDP) && !service.transports().contains(Transport.TCP)
                ? "a udp socket (ListenDatagram=, inetd's dgram)"
                : "a stream socket (ListenStream=, inetd's stream)";
        return new Errors.UsageException("--inherit " + service.name() + ": standard input is a " + kind + ", and "
                + service.name() + " is served over " + String.join(" and ", service.transports().stream()
                        .map(Transport::label).toList()) + "; give it " + wanted);
    }

    /** How {@code serve} names this socket among its selections: the service, on this one transport. */
    ServiceSelection selection() {
        return new ServiceSelection(service, OptionalInt.empty(), Optional.empty(),
                EnumSet.of(endpoint.transport()), false);
    }

    /** The plan of one endpoint, bound already. */
    BindPlan plan() {
        return new BindPlan(List.of(new BindPlan.Entry(service, endpoint)),
                endpoint.address() instanceof InetSocketAddress inet ? List.of(inet.getAddress()) : List.of());
    }

    /** The banner's first line: whose socket is served, rather than what is reachable through --bind. */
    String reach() {
        return "socklab is serving the socket it inherited (" + endpoint + "), bound by whoever started it";
    }

    /** Registers the service on the socket with {@code builder}. */
    void serve(Server.Builder builder, ServiceHalves halves, ServiceLimits limits) throws IOException {
        switch (channel) {
            case ServerSocketChannel listening -> builder.inheritedStream(service.name(), halves.stream().orElseThrow(),
                    listening, limits);
            case DatagramChannel datagram -> builder.inheritedDatagram(service.name(), halves.datagram().orElseThrow(),
                    datagram, limits);
            default -> throw new IllegalStateException("checked in of: " + channel);
        }
    }
}
