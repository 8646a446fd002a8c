package dev.socklab.client;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.time.Duration;

import dev.socklab.text.Durations;

/** The pieces of trace lines that the client's calls share, in the lab's C vocabulary. */
final class TraceText {
    private TraceText() {
    }

    /**
     * {@code socket(AF_INET6, SOCK_STREAM)}: {@code family} is one of the standard ones, {@code type}
     * is {@code SOCK_STREAM} or {@code SOCK_DGRAM}.
     */
    static String socket(ProtocolFamily family, String type) {
        String af = switch ((StandardProtocolFamily) family) {
            case INET -> "AF_INET";
            case INET6 -> "AF_INET6";
            case UNIX -> "AF_UNIX";
        };
        return "socket(" + af + ", " + type + ")";
    }

    /** A call that gave up waiting: {@code recv(4096) = EAGAIN (timed out after 2s)}, as with SO_RCVTIMEO in C. */
    static String timedOut(String call, Duration timeout) {
        return call + " = EAGAIN (timed out after " + Durations.format(timeout) + ")";
    }

    /** The protocol family a socket needs to reach {@code address}. */
    static ProtocolFamily familyOf(InetSocketAddress address) {
        return address.getAddress() instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }

    /**
     * A view of the bytes that one read put into {@code buffer}, or one write took out of it: from
     * {@code start}, its position before the call, to its position now. The buffer is not moved.
     */
    static ByteBuffer moved(ByteBuffer buffer, int start) {
        return buffer.duplicate().limit(buffer.position()).position(start);
    }
}
