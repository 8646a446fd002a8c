package dev.socklab.services.arena;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.socklab.arena.PacketCodec;

/**
 * The handshake's stateless cookies, as DTLS's HelloVerifyRequest (RFC 6347, 4.2.1) makes them: an
 * HMAC-SHA256, under a secret drawn at start, over the client's address and port, its nonce and the
 * server's time in seconds, cut to {@link PacketCodec#COOKIE_SIZE} bytes. A JOIN that brings one
 * back within {@link #VALID_SECONDS} seconds proves that its sender receives at its address, and the
 * server keeps nothing for a CONNECT. Safe to use from any thread.
 */
final class Cookies {
    /** How long a cookie is good for, in seconds. */
    static final long VALID_SECONDS = 10;
    private static final String ALGORITHM = "HmacSHA256";

    /** Guarded by itself: a MAC takes about a microsecond, so one is enough for every receiving thread. */
    private final Mac mac;

    Cookies() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
        } catch (GeneralSecurityException e) {
            // Every JDK has HmacSHA256: the Java SE platform requires it.
            throw new IllegalStateException(e);
        }
    }

    /** The cookie for {@code address}, {@code nonce} at {@code timestamp} (32-bit seconds). */
    byte[] make(SocketAddress address, long nonce, long timestamp) {
        byte[] input = ByteBuffer.allocate(Long.BYTES + Integer.BYTES).putLong(nonce).putInt((int) timestamp).array();
        byte[] full;
        synchronized (mac) {
            mac.update(addressBytes(address));
            full = mac.doFinal(input);
        }
        return Arrays.copyOf(full, PacketCodec.COOKIE_SIZE);
    }

    /** Whether {@code cookie} is the one made for {@code address}, {@code nonce} and {@code timestamp}. */
    boolean isGenuine(byte[] cookie, SocketAddress address, long nonce, long timestamp) {
        return MessageDigest.isEqual(cookie, make(address, nonce, timestamp));
    }

    /** Whether a cookie made at {@code timestamp} is still good at {@code now}, both 32-bit seconds that wrap. */
    static boolean isFresh(long timestamp, long now) {
        long age = (now - timestamp) & 0xFFFF_FFFFL;
        return age <= VALID_SECONDS;
    }

    /** The address and port as bytes; a WebSocket's or a Unix socket's address by its text. */
    private static byte[] addressBytes(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            byte[] ip = inet.getAddress().getAddress();
            return ByteBuffer.allocate(ip.length + 2).put(ip).putShort((short) inet.getPort()).array();
        }
        return String.valueOf(address).getBytes(StandardCharsets.UTF_8);
    }
}
