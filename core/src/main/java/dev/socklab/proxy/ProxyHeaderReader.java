package dev.socklab.proxy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;

import dev.socklab.framing.ByteSource;

/**
 * Reads the PROXY protocol header (haproxy.org's proxy-protocol.txt, versions 1 and 2) that starts
 * a connection from a trusted proxy.
 */
public final class ProxyHeaderReader {
    private ProxyHeaderReader() {
    }

    /**
     * A header and the bytes read past it, which belong to the stream that follows (a TLS
     * ClientHello, a request).
     *
     * @param header what the header said
     * @param after bytes after the header, read with it; flipped, possibly empty
     */
    public record Read(ProxyHeader header, ByteBuffer after) {
    }

    /**
     * Reads one header from {@code in}, of a version in {@code accepted}.
     *
     * @throws ProxyHeaderException if the bytes are not such a header, the header is longer than its
     *     format allows, or the stream ends before it does
     */
    public static Read read(ByteSource in, Set<ProxyVersion> accepted) throws IOException {
        throw new UnsupportedOperationException("being written");
    }
}
