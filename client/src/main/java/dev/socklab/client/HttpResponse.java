package dev.socklab.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.OptionalLong;
import java.util.function.LongConsumer;

import dev.socklab.http.BadBodyException;
import dev.socklab.http.BodyFraming;
import dev.socklab.http.ResponseHead;

/**
 * A response whose head has been read and whose body is still on the connection, to be copied
 * out as it comes by {@link #transferTo}, at most a chunk of it in memory at a time.
 */
public final class HttpResponse {
    private static final int CHUNK = 64 * 1024;

    private final ResponseHead head;
    private final BodyFraming framing;
    private final InputStream body;

    HttpResponse(ResponseHead head, BodyFraming framing, InputStream body) {
        this.head = head;
        this.framing = framing;
        this.body = body;
    }

    /** The status line and the fields. */
    public ResponseHead head() {
        return head;
    }

    /** The status code, such as 200. */
    public int status() {
        return head.status();
    }

    /** How long the body is, when the server said ({@code Content-Length}); empty for a chunked body or one that ends at the close. */
    public OptionalLong bodyLength() {
        return switch (framing) {
            case BodyFraming.Length length -> OptionalLong.of(length.length());
            case BodyFraming.None none -> OptionalLong.of(0);
            default -> OptionalLong.empty();
        };
    }

    /**
     * Copies the body to {@code out} as it comes, flushing after each read, and tells
     * {@code progress} the bytes copied so far after each.
     *
     * @param maxBytes the most bytes taken; past them the copy stops with what came before copied
     * @return the bytes copied: the whole body
     * @throws BodyTooLargeException past {@code maxBytes}
     * @throws BadResponseException if a chunked body is malformed
     * @throws java.io.EOFException if the server closes before the body's end
     * @throws java.net.SocketTimeoutException if the server sends nothing for the timeout
     * @throws IOException if the connection fails, or {@code out} cannot be written
     */
    public long transferTo(OutputStream out, long maxBytes, LongConsumer progress) throws IOException {
        byte[] chunk = new byte[CHUNK];
        long copied = 0;
        int n;
        while ((n = read(chunk)) >= 0) {
            if (n > maxBytes - copied) {
                out.write(chunk, 0, (int) (maxBytes - copied));
                out.flush();
                throw new BodyTooLargeException(maxBytes);
            }
            out.write(chunk, 0, n);
            out.flush();
            copied += n;
            progress.accept(copied);
        }
        return copied;
    }

    private int read(byte[] chunk) throws IOException {
        try {
            return body.read(chunk);
        } catch (BadBodyException e) {
            throw new BadResponseException("the server's chunked body is malformed: " + e.getMessage());
        }
    }
}
