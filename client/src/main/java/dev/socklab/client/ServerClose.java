package dev.socklab.client;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Waits for a server to close once the client has said all it has to say: the last state of a
 * stream exchange, where anything the server still sends is read and dropped, since a socket
 * closed with unread bytes would send a reset rather than EOF.
 */
final class ServerClose {
    private static final int DRAIN_CHUNK = 4096;

    private ServerClose() {
    }

    /**
     * Reads and drops bytes until EOF, a reset, or {@code timeout}, whichever comes first.
     *
     * @return whether the server closed (EOF or reset) in time; false after the timeout
     */
    static boolean await(ClientConnection conn, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        ByteBuffer sink = ByteBuffer.allocate(DRAIN_CHUNK);
        try {
            long left;
            while ((left = end - System.nanoTime()) > 0) {
                if (conn.read(sink.clear(), Duration.ofNanos(left)) < 0) {
                    return true;
                }
            }
            return false;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            // A reset is a close too, if an abrupt one; the trace shows which it was.
            return true;
        }
    }
}
