package dev.socklab.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.util.Optional;

/**
 * A version 2 header, as section 2.2 lays it out: the 12-byte signature; version 2 and the command
 * (LOCAL or PROXY); the family and transport (UNSPEC, or TCP over IPv4 or IPv6, or a Unix stream);
 * the length of what follows; the addresses; then TLVs, which are checked to fit and skipped.
 */
final class V2Header {
    /** The signature, version and command, family and transport, and length. */
    static final int FIXED_LENGTH = 16;

    private static final int LOCAL = 0x0;
    private static final int PROXY = 0x1;
    private static final int UNSPEC = 0x00;
    private static final int TCP4 = 0x11;
    private static final int UDP4 = 0x12;
    private static final int TCP6 = 0x21;
    private static final int UDP6 = 0x22;
    private static final int UNIX_STREAM = 0x31;
    private static final int UNIX_DATAGRAM = 0x32;
    private static final int UNIX_PATH = 108;
    /** A TLV's type and length, before its value. */
    private static final int TLV_HEAD = 3;

    private V2Header() {
    }

    /**
     * The length of the whole header, from its first 16 bytes, once its version and command are
     * known to be ones this reader takes.
     *
     * @throws ProxyHeaderException for another version or command, or a header longer than
     *     {@link ProxyHeaderReader#MAX_V2_HEADER}
     */
    static int length(byte[] fixed) throws ProxyHeaderException {
        int version = (fixed[12] & 0xF0) >>> 4;
        int command = fixed[12] & 0x0F;
        if (version != 2) {
            throw new ProxyHeaderException("PROXY v2 signature with version " + version + ", not 2");
        }
        if (command != LOCAL && command != PROXY) {
            throw new ProxyHeaderException("PROXY v2 header with command " + command + ", neither LOCAL (0) nor PROXY (1)");
        }
        int length = FIXED_LENGTH + (((fixed[14] & 0xFF) << 8) | (fixed[15] & 0xFF));
        if (length > ProxyHeaderReader.MAX_V2_HEADER) {
            throw new ProxyHeaderException("PROXY v2 header of " + length + " bytes, longer than the "
                    + ProxyHeaderReader.MAX_V2_HEADER + " taken");
        }
        return length;
    }

    /** Reads the whole header, {@link #length} bytes from the signature on. */
    static ProxyHeader parse(ByteBuffer header) throws ProxyHeaderException {
        int command = header.get(12) & 0x0F;
        int family = header.get(13) & 0xFF;
        if (command == LOCAL) {
            // Section 2.2: a LOCAL connection's receiver uses the real endpoints and discards the rest, family included.
            return unnamed();
        }
        int addresses = switch (family) {
            case UNSPEC -> 0;
            case TCP4 -> 12;
            case TCP6 -> 36;
            case UNIX_STREAM -> 2 * UNIX_PATH;
            case UDP4, UDP6, UNIX_DATAGRAM -> throw new ProxyHeaderException("PROXY v2 header for a datagram connection");
            default -> throw new ProxyHeaderException(String.format("PROXY v2 header with unknown family and transport 0x%02x", family));
        };
        if (header.limit() - FIXED_LENGTH < addresses) {
            throw new ProxyHeaderException("PROXY v2 header too short for its addresses");
        }
        if (family == UNSPEC) {
            // Section 2.2: the receiver should ignore the address information, and cannot tell where TLVs begin.
            return unnamed();
        }
        header.position(FIXED_LENGTH);
        SocketAddress source;
        SocketAddress destination;
        if (family == UNIX_STREAM) {
            source = unixPath(header);
            destination = unixPath(header);
        } else {
            int size = family == TCP4 ? 4 : 16;
            InetAddress from = inet(header, size);
            InetAddress to = inet(header, size);
            source = new InetSocketAddress(from, header.getShort() & 0xFFFF);
            destination = new InetSocketAddress(to, header.getShort() & 0xFFFF);
        }
        skipTlvs(header);
        return new ProxyHeader(ProxyVersion.V2, Optional.of(source), Optional.of(destination));
    }

    private static ProxyHeader unnamed() {
        return new ProxyHeader(ProxyVersion.V2, Optional.empty(), Optional.empty());
    }

    private static InetAddress inet(ByteBuffer header, int size) {
        byte[] bytes = new byte[size];
        header.get(bytes);
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are an address", e);
        }
    }

    /** A Unix socket's path, NUL-padded; one that starts with NUL (unnamed, or Linux's abstract namespace) is unnamed. */
    private static UnixDomainSocketAddress unixPath(ByteBuffer header) throws ProxyHeaderException {
        byte[] bytes = new byte[UNIX_PATH];
        header.get(bytes);
        int end = 0;
        while (end < UNIX_PATH && bytes[end] != 0) {
            end++;
        }
        try {
            return UnixDomainSocketAddress.of(new String(bytes, 0, end, StandardCharsets.UTF_8));
        } catch (InvalidPathException e) {
            throw new ProxyHeaderException("PROXY v2 header with a Unix path that is not one");
        }
    }

    /** Section 2.2.1: type, length, value, to the header's end; each must fit in it. */
    private static void skipTlvs(ByteBuffer header) throws ProxyHeaderException {
        while (header.hasRemaining()) {
            if (header.remaining() < TLV_HEAD) {
                throw new ProxyHeaderException("PROXY v2 TLV cut short by the header's length");
            }
            header.get();
            int length = header.getShort() & 0xFFFF;
            if (length > header.remaining()) {
                throw new ProxyHeaderException("PROXY v2 TLV cut short by the header's length");
            }
            header.position(header.position() + length);
        }
    }
}
