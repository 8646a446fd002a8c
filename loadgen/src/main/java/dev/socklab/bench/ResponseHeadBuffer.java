package dev.socklab.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import dev.socklab.framing.ByteSource;
import dev.socklab.http.HeadLimits;
import dev.socklab.http.HttpException;
import dev.socklab.http.HttpInput;
import dev.socklab.http.ResponseHead;

/**
 * A response's head as a non-blocking connection gets it, a piece at a time: the bytes up to and
 * with the empty line that ends it, then read by socklab's own parser ({@link HttpInput}), so that
 * the load generator judges a server's heads exactly as socklab's clients do. The buffer starts at
 * {@link #FIRST_BYTES}, which holds the heads of every server compared, and doubles for a larger
 * one, up to the limits. One per connection.
 */
final class ResponseHeadBuffer {
    /** What a connection keeps to begin with: nginx's, jwebserver's and socklab's heads take 150 to 300 bytes. */
    static final int FIRST_BYTES = 1024;

    private final HeadLimits limits;
    private final int maxBytes;
    private byte[] head;
    private int length;
    /** Where the line being gathered starts. */
    private int lineStart;

    ResponseHeadBuffer(HeadLimits limits) {
        this.limits = limits;
        this.maxBytes = limits.maxStartLine() + limits.maxFieldBytes() + 2;
        this.head = new byte[Math.min(FIRST_BYTES, maxBytes)];
    }

    /** Starts on the next response. */
    void reset() {
        length = 0;
        lineStart = 0;
    }

    /**
     * Takes bytes from {@code bytes} up to the end of the head, and no further.
     *
     * @return whether the head is complete; the bytes after it (the body) are left in {@code bytes}
     * @throws HttpException 502 when the head is longer than the limits allow
     */
    boolean consume(ByteBuffer bytes) throws HttpException {
        // Bounded by the bytes given.
        while (bytes.hasRemaining()) {
            if (length == maxBytes) {
                throw new HttpException(502, "the response head is longer than " + maxBytes + " bytes");
            }
            if (length == head.length) {
                head = Arrays.copyOf(head, Math.min(2 * head.length, maxBytes));
            }
            byte b = bytes.get();
            head[length++] = b;
            if (b == '\n') {
                int line = length - 1 - lineStart;
                if (lineStart > 0 && (line == 0 || line == 1 && head[lineStart] == '\r')) {
                    return true; // the empty line after the fields
                }
                lineStart = length;
            }
        }
        return false;
    }

    /**
     * The complete head, parsed.
     *
     * @throws HttpException 502 when it is not a valid response head
     */
    ResponseHead parse() throws HttpException {
        try {
            return new HttpInput(ByteSource.of(ByteBuffer.wrap(head, 0, length)), limits).readResponseHead();
        } catch (HttpException e) {
            throw e.status() == 502 ? e : new HttpException(502, e.getMessage());
        } catch (IOException e) {
            throw new HttpException(502, "the response head cannot be read: " + e.getMessage());
        }
    }
}
