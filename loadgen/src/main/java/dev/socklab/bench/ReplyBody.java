package dev.socklab.bench;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The bytes of one rpc reply's payload as they arrive (a line without its end, or an HTTP body),
 * kept to be judged: it starts at a size that holds the expected reply and doubles up to a limit.
 * One per connection, reset for each reply.
 */
final class ReplyBody {
    private final int maxBytes;
    private byte[] bytes;
    private int length;

    ReplyBody(int firstBytes, int maxBytes) {
        this.maxBytes = maxBytes;
        this.bytes = new byte[Math.min(firstBytes, maxBytes)];
    }

    void reset() {
        length = 0;
    }

    /**
     * Takes {@code n} bytes from {@code from}.
     *
     * @throws ReplyFailure {@link ErrorKind#MALFORMED} past the limit
     */
    void add(ByteBuffer from, int n) throws ReplyFailure {
        if (n > maxBytes - length) {
            throw new ReplyFailure(ErrorKind.MALFORMED, "the reply is longer than " + maxBytes + " bytes");
        }
        if (n > bytes.length - length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(Math.max(2L * bytes.length, length + n), maxBytes));
        }
        from.get(bytes, length, n);
        length += n;
    }

    /** Drops the last byte if it is {@code b}: a line's CR, which may have come in an earlier read than its LF. */
    void dropLast(byte b) {
        if (length > 0 && bytes[length - 1] == b) {
            length--;
        }
    }

    /** The bytes so far, valid up to {@link #length}. */
    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }
}
