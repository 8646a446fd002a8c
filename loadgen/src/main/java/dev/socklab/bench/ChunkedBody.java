package dev.socklab.bench;

import java.nio.ByteBuffer;

import dev.socklab.http.HttpException;

/**
 * Finds where a chunked response body (RFC 9112 §7.1) ends, as its bytes come, without keeping
 * them: the chunk sizes and the trailer are read, the data counted and skipped. socklab's own
 * chunked decoder pulls from a blocking source; the load generator's connections are
 * non-blocking and hand over whatever arrived, so this reads a byte at a time where the framing
 * is and skips the data in bulk. A line may end in CRLF or a bare LF, as RFC 9112 §2.2 allows.
 * One per connection, reset for each response; allocates nothing.
 */
final class ChunkedBody {
    /** Enough hex digits for any chunk a load test meets; more would overflow a long. */
    private static final int MAX_SIZE_DIGITS = 15;

    private enum State { SIZE, EXTENSION, DATA, DATA_END, TRAILER, DONE }

    private final int maxTrailerBytes;
    private State state;
    private long chunk;
    private int digits;
    private long left;
    private int trailerBytes;
    private boolean lineEmpty;
    private long data;

    /** A reader that allows a trailer of at most {@code maxTrailerBytes}, line ends included. */
    ChunkedBody(int maxTrailerBytes) {
        this.maxTrailerBytes = maxTrailerBytes;
        reset();
    }

    /** Starts on the next response's body. */
    void reset() {
        state = State.SIZE;
        chunk = 0;
        digits = 0;
        trailerBytes = 0;
        lineEmpty = true;
        data = 0;
    }

    /** The data bytes of the chunks so far: the body without its framing. */
    long data() {
        return data;
    }

    /**
     * Takes bytes from {@code bytes} up to the end of the body, and no further.
     *
     * @return whether the body has ended; the bytes after it are left in {@code bytes}
     * @throws HttpException 502 when the framing is not chunked as RFC 9112 says
     */
    boolean consume(ByteBuffer bytes) throws HttpException {
        // Bounded by the bytes given: each pass takes at least one, or ends the body.
        while (bytes.hasRemaining() && state != State.DONE) {
            if (state == State.DATA) {
                int n = (int) Math.min(left, bytes.remaining());
                bytes.position(bytes.position() + n);
                left -= n;
                data += n;
                if (left == 0) {
                    state = State.DATA_END;
                }
                continue;
            }
            framing(bytes.get());
        }
        return state == State.DONE;
    }

    private void framing(byte b) throws HttpException {
        switch (state) {
            case SIZE -> size(b);
            case EXTENSION -> {
                if (b == '\n') {
                    endOfSizeLine();
                }
            }
            case DATA_END -> {
                if (b == '\n') {
                    state = State.SIZE;
                } else if (b != '\r') {
                    throw malformed("a chunk's data runs past its size");
                }
            }
            case TRAILER -> trailer(b);
            case DATA, DONE -> throw new IllegalStateException(state + " takes no framing byte");
        }
    }

    private void size(byte b) throws HttpException {
        int digit = Character.digit(b, 16);
        if (digit >= 0) {
            if (++digits > MAX_SIZE_DIGITS) {
                throw malformed("a chunk size of more than " + MAX_SIZE_DIGITS + " hex digits");
            }
            chunk = chunk << 4 | digit;
        } else if (digits == 0) {
            throw malformed("a chunk size line without a size");
        } else if (b == '\n') {
            endOfSizeLine();
        } else if (b == ';' || b == ' ' || b == '\t' || b == '\r') {
            state = State.EXTENSION; // extensions are the server's business; the line's end is ours
        } else {
            throw malformed("a chunk size that is not hexadecimal");
        }
    }

    private void endOfSizeLine() {
        if (chunk == 0) {
            state = State.TRAILER;
            lineEmpty = true;
        } else {
            left = chunk;
            state = State.DATA;
        }
        chunk = 0;
        digits = 0;
    }

    private void trailer(byte b) throws HttpException {
        if (++trailerBytes > maxTrailerBytes) {
            throw malformed("a trailer of more than " + maxTrailerBytes + " bytes");
        }
        if (b == '\n') {
            if (lineEmpty) {
                state = State.DONE;
            }
            lineEmpty = true;
        } else if (b != '\r') {
            lineEmpty = false;
        }
    }

    private static HttpException malformed(String what) {
        return new HttpException(502, "the chunked body has " + what);
    }
}
