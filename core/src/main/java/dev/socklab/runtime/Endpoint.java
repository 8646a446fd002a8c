package dev.socklab.runtime;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.Objects;

import dev.socklab.net.SocketAddresses;

/**
 * Where a service listens: a transport and a socket address (an {@link InetSocketAddress} for TCP
 * and UDP, whose port may be 0 for an ephemeral one; a {@link UnixDomainSocketAddress} for Unix sockets).
 */
public record Endpoint(Transport transport, SocketAddress address) {
    /** Checks that the address fits the transport. */
    public Endpoint {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        boolean fits = transport == Transport.UNIX
                ? address instanceof UnixDomainSocketAddress
                : address instanceof InetSocketAddress;
        if (!fits) {
            throw new IllegalArgumentException(transport.label() + " cannot listen on " + address);
        }
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

    /** {@code tcp 127.0.0.1:10000}, {@code unix /run/hello.sock}. */
    @Override
    public String toString() {
        return transport == Transport.UNIX
                ? "unix " + ((UnixDomainSocketAddress) address).getPath()
                : transport.label() + " " + SocketAddresses.format(address);
    }
}
