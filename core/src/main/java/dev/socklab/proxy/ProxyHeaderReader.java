package dev.socklab.proxy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

import dev.socklab.framing.ByteSource;

/**
 * Reads the PROXY protocol header (haproxy.org's proxy-protocol.txt, versions 1 and 2) that starts
 * a connection from a trusted proxy. The first bytes say which version it is, and a version not
 * accepted is refused as soon as its signature is complete; nothing is guessed, so a connection
 * that starts with anything else is refused too. Reads take what has arrived, a chunk at a time,
 * and what came in behind the header is handed back with it.
 */
public final class ProxyHeaderReader {
    /** The longest version 1 line, with its CRLF: {@code PROXY UNKNOWN} with two full IPv6 addresses and ports (section 2.1). */
    public static final int MAX_V1_LINE = 107;
    /**
     * The longest version 2 header taken, its 16 fixed bytes, addresses and TLVs together: 4 KiB.
     * The format allows 64 KiB of TLVs, but what proxies send (HAProxy's unique ID and TLS fields,
     * AWS's VPC endpoint ID, Azure's link ID) is a few hundred bytes; a proxy that sends more is
     * misconfigured, and no connection should hold 64 KiB before its service has seen a byte.
     */
    public static final int MAX_V2_HEADER = 4096;

    static final byte[] V1_SIGNATURE = {'P', 'R', 'O', 'X', 'Y', ' '};
    static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

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
        ByteBuffer buffer = ByteBuffer.allocate(MAX_V2_HEADER);
        ProxyVersion version = identify(in, buffer);
        if (!accepted.contains(version)) {
            throw new ProxyHeaderException("a PROXY " + name(version) + " header, and this service takes "
                    + (accepted.contains(ProxyVersion.V1) ? "v1" : "v2") + " only (--proxy-protocol)");
        }
        int length;
        ProxyHeader header;
        if (version == ProxyVersion.V1) {
            length = v1LineLength(in, buffer);
            header = V1Line.parse(new String(buffer.array(), 0, length - 2, StandardCharsets.ISO_8859_1));
        } else {
            fill(in, buffer, V2Header.FIXED_LENGTH);
            length = V2Header.length(buffer.array());
            fill(in, buffer, length);
            header = V2Header.parse(ByteBuffer.wrap(buffer.array(), 0, length));
        }
        byte[] after = Arrays.copyOfRange(buffer.array(), length, buffer.position());
        return new Read(header, ByteBuffer.wrap(after));
    }

    /** Reads until the first bytes are one signature or cannot be either. */
    private static ProxyVersion identify(ByteSource in, ByteBuffer buffer) throws IOException {
        while (true) {
            int n = buffer.position();
            boolean v1 = startsAs(buffer.array(), n, V1_SIGNATURE);
            boolean v2 = startsAs(buffer.array(), n, V2_SIGNATURE);
            if (!v1 && !v2) {
                throw new ProxyHeaderException("not a PROXY protocol header");
            }
            if (v1 && n >= V1_SIGNATURE.length) {
                return ProxyVersion.V1;
            }
            if (v2 && n >= V2_SIGNATURE.length) {
                return ProxyVersion.V2;
            }
            readMore(in, buffer);
        }
    }

    /** Whether the {@code n} bytes read so far agree with {@code signature} as far as either goes. */
    private static boolean startsAs(byte[] read, int n, byte[] signature) {
        int common = Math.min(n, signature.length);
        return Arrays.equals(read, 0, common, signature, 0, common);
    }

    /** The length of the v1 line with its CRLF, once it is all read; a CR or LF alone in it is refused. */
    private static int v1LineLength(ByteSource in, ByteBuffer buffer) throws IOException {
        byte[] read = buffer.array();
        int at = V1_SIGNATURE.length;
        while (true) {
            for (; at < buffer.position() && at < MAX_V1_LINE; at++) {
                if (read[at] == '\n') {
                    throw new ProxyHeaderException("PROXY v1 line with a LF that follows no CR");
                }
                if (read[at] == '\r') {
                    if (at + 2 > MAX_V1_LINE) {
                        throw tooLong();
                    }
                    if (at + 1 == buffer.position()) {
                        break; // its LF has yet to come
                    }
                    if (read[at + 1] != '\n') {
                        throw new ProxyHeaderException("PROXY v1 line with a CR that no LF follows");
                    }
                    return at + 2;
                }
            }
            if (at >= MAX_V1_LINE) {
                throw tooLong();
            }
            readMore(in, buffer);
        }
    }

    private static ProxyHeaderException tooLong() {
        return new ProxyHeaderException("PROXY v1 line longer than " + MAX_V1_LINE + " bytes");
    }

    /** Reads until at least {@code length} bytes are in {@code buffer}, which has room for them. */
    private static void fill(ByteSource in, ByteBuffer buffer, int length) throws IOException {
        while (buffer.position() < length) {
            readMore(in, buffer);
        }
    }

    private static void readMore(ByteSource in, ByteBuffer buffer) throws IOException {
        if (in.read(buffer) < 0) {
            throw new ProxyHeaderException(buffer.position() == 0
                    ? "the connection ended before its PROXY header"
                    : "the connection ended inside the PROXY header");
        }
    }

    static String name(ProxyVersion version) {
        return version == ProxyVersion.V1 ? "v1" : "v2";
    }
}
