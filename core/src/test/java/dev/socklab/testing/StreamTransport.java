package dev.socklab.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import dev.socklab.runtime.Endpoint;

/**
 * The stream transports every behaviour test runs over (as Netty's SocketTestPermutation does):
 * use as {@code @EnumSource(StreamTransport.class)} and call {@link #endpoint(Path)} first.
 */
public enum StreamTransport {
    TCP_IPV4, TCP_IPV6, UNIX;

    /** Numbers the socket files: a test that binds several in one directory, at once, gets a name for each. */
    private static final AtomicLong SOCKET_FILES = new AtomicLong();

    /** A fresh endpoint on loopback, port 0, or a socket file in {@code dir}; skips the test where the machine lacks ::1. */
    public Endpoint endpoint(Path dir) {
        return switch (this) {
            case TCP_IPV4 -> Endpoint.tcp(new InetSocketAddress(address("127.0.0.1"), 0));
            case TCP_IPV6 -> {
                assumeTrue(hasIpv6Loopback(), "this machine has no ::1");
                yield Endpoint.tcp(new InetSocketAddress(address("::1"), 0));
            }
            case UNIX -> Endpoint.unix(dir.resolve("s" + SOCKET_FILES.incrementAndGet() + ".sock"));
        };
    }

    /** Whether ::1 is configured here. */
    public static boolean hasIpv6Loopback() {
        try {
            return NetworkInterface.getByInetAddress(address("::1")) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    /** A loopback UDP endpoint on port 0, IPv4 or IPv6. */
    public static Endpoint udp(boolean ipv6) {
        if (ipv6) {
            assumeTrue(hasIpv6Loopback(), "this machine has no ::1");
        }
        return Endpoint.udp(new InetSocketAddress(address(ipv6 ? "::1" : "127.0.0.1"), 0));
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal: no look-up is made
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
