package dev.socklab.proxy;

import java.net.SocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * What a proxy's header said about the connection it relays.
 *
 * @param version the header's version
 * @param source the real client, for a PROXY command with a known family; empty for LOCAL (the
 *     proxy's own connection, a health check) and UNKNOWN, where the specification says to use the
 *     connection's own addresses
 * @param destination the address the client connected to at the proxy, when {@code source} is given
 */
public record ProxyHeader(ProxyVersion version, Optional<SocketAddress> source, Optional<SocketAddress> destination) {
    /** Checks that nothing is null. */
    public ProxyHeader {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
    }
}
