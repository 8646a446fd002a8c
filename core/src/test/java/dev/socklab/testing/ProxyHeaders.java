package dev.socklab.testing;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import dev.socklab.net.SocketAddresses;

/** PROXY protocol headers (haproxy.org's proxy-protocol.txt) as a proxy sends them, for tests of what reads them. */
public final class ProxyHeaders {
    /** The version 2 signature, section 2.2. */
    public static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    private static final int UNIX_PATH = 108;

    private ProxyHeaders() {
    }

    /** {@code PROXY TCP4 203.0.113.7 192.0.2.1 5000 80\r\n}, TCP6 for IPv6 addresses. */
    public static byte[] v1(InetSocketAddress source, InetSocketAddress destination) {
        String family = source.getAddress() instanceof Inet4Address ? "TCP4" : "TCP6";
        return ("PROXY " + family + " " + SocketAddresses.format(source.getAddress()) + " "
                + SocketAddresses.format(destination.getAddress()) + " " + source.getPort() + " "
                + destination.getPort() + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A version 2 PROXY command over TCP, IPv4 or IPv6 as the addresses are, with {@code tlvs} after them. */
    public static byte[] v2(InetSocketAddress source, InetSocketAddress destination, byte[]... tlvs) {
        boolean ipv4 = source.getAddress() instanceof Inet4Address;
        ByteBuffer addresses = ByteBuffer.allocate(ipv4 ? 12 : 36);
        addresses.put(source.getAddress().getAddress()).put(destination.getAddress().getAddress())
                .putShort((short) source.getPort()).putShort((short) destination.getPort());
        return v2(0x21, ipv4 ? 0x11 : 0x21, concat(addresses.array(), concat(tlvs)));
    }

    /** A version 2 PROXY command from one Unix stream socket path to another; an empty path is unnamed. */
    public static byte[] v2Unix(String source, String destination) {
        byte[] addresses = new byte[2 * UNIX_PATH];
        byte[] from = source.getBytes(StandardCharsets.UTF_8);
        byte[] to = destination.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(from, 0, addresses, 0, from.length);
        System.arraycopy(to, 0, addresses, UNIX_PATH, to.length);
        return v2(0x21, 0x31, addresses);
    }

    /** A version 2 LOCAL command, as HAProxy's health checks send it: family UNSPEC, nothing after. */
    public static byte[] v2Local() {
        return v2(0x20, 0x00, new byte[0]);
    }

    /** A version 2 header of any version and command byte, family byte and body, its length field set to the body's. */
    public static byte[] v2(int versionAndCommand, int family, byte[] body) {
        ByteBuffer header = ByteBuffer.allocate(16 + body.length);
        header.put(V2_SIGNATURE).put((byte) versionAndCommand).put((byte) family).putShort((short) body.length).put(body);
        return header.array();
    }

    /** One TLV: type, length, value. */
    public static byte[] tlv(int type, byte[] value) {
        return ByteBuffer.allocate(3 + value.length).put((byte) type).putShort((short) value.length).put(value).array();
    }

    /** The arrays one after another. */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
