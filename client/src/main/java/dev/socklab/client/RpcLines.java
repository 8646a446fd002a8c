package dev.socklab.client;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.socklab.text.Durations;

/**
 * The lines a JSON-RPC server sends over a stream, one JSON text each, read as they come: bytes
 * after a line's end stay for the next call's answer, and a line longer than the bound fails
 * rather than growing without end.
 */
final class RpcLines {
    private final ClientConnection conn;
    private final int maxBytes;
    /** Bytes read but not yet taken, between its position and its limit. */
    private final ByteBuffer buffer = ByteBuffer.allocate(8192).flip();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    RpcLines(ClientConnection conn, int maxBytes) {
        this.conn = conn;
        this.maxBytes = maxBytes;
    }

    /**
     * The next line, without its line end (LF or CRLF), all of it by {@code end}.
     *
     * @param end the deadline, a {@link System#nanoTime()}
     * @param timeout the time the deadline allows, for the message of a timeout
     *
     * @throws SocketTimeoutException if the line does not end in time
     * @throws EOFException if the server closes before the line ends
     * @throws ReplyTooLongException past {@code maxBytes} with no line end
     */
    String next(long end, Duration timeout) throws IOException {
        line.reset();
        while (true) {
            while (buffer.hasRemaining()) {
                byte b = buffer.get();
                if (b == '\n') {
                    return text();
                }
                if (line.size() == maxBytes) {
                    throw new ReplyTooLongException(maxBytes);
                }
                line.write(b);
            }
            long left = end - System.nanoTime();
            int n;
            try {
                if (left <= 0) {
                    throw new SocketTimeoutException();
                }
                n = conn.read(buffer.clear(), Duration.ofNanos(left));
            } catch (SocketTimeoutException e) {
                // The whole answer is due within the timeout, not each of its reads.
                SocketTimeoutException late = new SocketTimeoutException("no answer within "
                        + Durations.format(timeout));
                late.initCause(e);
                throw late;
            } finally {
                buffer.flip();
            }
            if (n < 0) {
                throw new EOFException(line.size() == 0 ? "the server closed the connection without answering"
                        : "the server closed the connection in the middle of its answer");
            }
        }
    }

    private String text() {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
