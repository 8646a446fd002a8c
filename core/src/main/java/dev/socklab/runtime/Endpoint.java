package dev.socklab.runtime;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.Objects;

import dev.socklab.net.SocketAddresses;

/**
 * Where a service listens: a transport and a socket address (an {@link InetSocketAddress} for TCP
 * and UDP, whose port may be 0 for an ephemeral one; a {@link UnixDomainSocketAddress} for Unix
 * sockets), and whether its connections speak TLS (TCP only), with the server's
 * {@link Server.Builder#tls certificate}.
 */
public record Endpoint(Transport transport, SocketAddress address, boolean tls) {
    /** Checks that the address fits the transport, and that only TCP asks for TLS. */
    public Endpoint {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        boolean fits = transport == Transport.UNIX
                ? address instanceof UnixDomainSocketAddress
                : address instanceof InetSocketAddress;
        if (!fits) {
            throw new IllegalArgumentException(transport.label() + " cannot listen on " + address);
        }
        if (tls && transport != Transport.TCP) {
            throw new IllegalArgumentException("TLS is served over tcp only, not " + transport.label());
        }
    }

    /** A plain endpoint. */
    public Endpoint(Transport transport, SocketAddress address) {
        this(transport, address, false);
    }

    /** A TCP endpoint whose connections speak TLS. */
    public static Endpoint tls(InetSocketAddress address) {
        return new Endpoint(Transport.TCP, address, true);
    }

    /** This endpoint at {@code bound}, the address the system gave. */
    Endpoint at(SocketAddress bound) {
        return new Endpoint(transport, bound, tls);
    }

    /** {@code tcp}, {@code udp}, {@code unix}, or {@code tls} for TCP with TLS, as log lines name it. */
    public String label() {
        return tls ? "tls" : transport.label();
    }

    /** A TCP endpoint. */
    public static Endpoint tcp(InetSocketAddress address) {
        return new Endpoint(Transport.TCP, address);
    }

    /** A UDP endpoint. */
    public static Endpoint udp(InetSocketAddress address) {
        return new Endpoint(Transport.UDP, address);
    }

    /** A Unix domain stream socket at {@code path}. */
    public static Endpoint unix(Path path) {
        return new Endpoint(Transport.UNIX, UnixDomainSocketAddress.of(path));
    }

    /** {@code tcp 127.0.0.1:10000}, {@code tls 127.0.0.1:10443}, {@code unix /run/hello.sock}. */
    @Override
    public String toString() {
        return transport == Transport.UNIX
                ? "unix " + ((UnixDomainSocketAddress) address).getPath()
                : label() + " " + SocketAddresses.format(address);
    }
}
