package dev.socklab.client;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reads one reply line from a server that may never end it: the lab's servers {@code send} a reply
 * with no line end and then wait for the client, so waiting for a line end or for EOF would wait
 * for ever. A reply ends at the first of:
 * <ul>
 * <li>a line end (LF or CRLF);</li>
 * <li>EOF: the server closed its sending side;</li>
 * <li>a pause of {@link #PAUSE} with no more bytes, once at least one has come;</li>
 * <li>the timeout, once at least one byte has come.</li>
 * </ul>
 * Until the first byte the read waits up to the whole timeout.
 */
final class ReplyReader {
    /**
     * How long a server that has started a reply may pause before the reply counts as complete. On
     * loopback and a LAN a reply's bytes come within a millisecond of each other; 200 ms is far
     * more than that, and short enough not to be felt.
     */
    static final Duration PAUSE = Duration.ofMillis(200);
    private static final int CHUNK = 4096;

    /**
     * One reply.
     *
     * @param text the reply, decoded as UTF-8, without its line end
     * @param serverClosed whether EOF was read: the server will send nothing more
     */
    record Reply(String text, boolean serverClosed) {
    }

    private ReplyReader() {
    }

    /**
     * Reads one reply. Bytes after the first line end, in the same read, are dropped: a server of
     * one-line replies sends none, and the trace shows them if it does.
     *
     * @param maxBytes the longest reply, line end included
     * @throws SocketTimeoutException if nothing comes within {@code timeout}
     * @throws EOFException if the server closes without sending a byte
     * @throws ReplyTooLongException if more than {@code maxBytes} come before the reply ends
     * @throws IOException if the connection fails
     */
    static Reply read(ClientConnection conn, int maxBytes, Duration timeout) throws IOException {
        long end = System.nanoTime() + timeout.toNanos();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        // One byte past the limit shows that a reply is too long, rather than exactly at the limit.
        ByteBuffer chunk = ByteBuffer.allocate(Math.min(CHUNK, maxBytes + 1));
        boolean serverClosed = false;
        while (true) {
            Duration wait = timeout;
            if (got.size() > 0) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                wait = left < PAUSE.toNanos() ? Duration.ofNanos(left) : PAUSE;
            }
            chunk.clear().limit(Math.min(chunk.capacity(), maxBytes + 1 - got.size()));
            int n;
            try {
                n = conn.read(chunk, wait);
            } catch (SocketTimeoutException e) {
                if (got.size() == 0) {
                    throw e;
                }
                break; // the server paused: its reply is complete
            }
            if (n < 0) {
                if (got.size() == 0) {
                    throw new EOFException("the server closed the connection without answering");
                }
                serverClosed = true;
                break;
            }
            int lineEnd = indexOfLf(chunk.array(), n);
            got.write(chunk.array(), 0, lineEnd < 0 ? n : lineEnd + 1);
            if (got.size() > maxBytes) {
                throw new ReplyTooLongException(maxBytes);
            }
            if (lineEnd >= 0) {
                break;
            }
        }
        return new Reply(LineEnds.strip(got.toString(StandardCharsets.UTF_8)), serverClosed);
    }

    private static int indexOfLf(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
