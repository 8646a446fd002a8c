package dev.socklab.framing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Where a {@link LineFraming} pulls its bytes from: a connection's socket in the runtime, bytes in
 * memory in a test, a fuzz target or a benchmark. Like a blocking channel, a read returns what
 * has arrived, at most the room {@code dst} has, and never blocks for more once it has some.
 */
public interface ByteSource {
    /**
     * Reads what has arrived into {@code dst}, waiting for at least one byte as long as the
     * source lets a read wait.
     *
     * @return the number of bytes read, or -1 at the end of the stream
     */
    int read(ByteBuffer dst) throws IOException;

    /**
     * Reads what arrives within {@code wait} into {@code dst}. Bytes that come after the wait
     * are not lost: a later read returns them.
     *
     * @return the number of bytes read, 0 if none came within {@code wait}, or -1 at the end of
     *     the stream
     */
    int read(ByteBuffer dst, Duration wait) throws IOException;

    /**
     * The bytes of {@code bytes} from its position to its limit, then the end: each read takes as
     * many as it has room for, as a socket does when the peer has sent plenty. {@code bytes} is not changed.
     */
    static ByteSource of(ByteBuffer bytes) {
        ByteBuffer rest = bytes.duplicate();
        return new ByteSource() {
            @Override
            public int read(ByteBuffer dst) {
                if (!rest.hasRemaining()) {
                    return -1;
                }
                return transfer(rest, dst);
            }

            @Override
            public int read(ByteBuffer dst, Duration wait) {
                return read(dst);
            }
        };
    }

    /**
     * Moves as many bytes from {@code from} to {@code to} as {@code to} has room for, advancing
     * both: how a source hands over what it already holds.
     *
     * @return the number of bytes moved
     */
    static int transfer(ByteBuffer from, ByteBuffer to) {
        int n = Math.min(from.remaining(), to.remaining());
        to.put(to.position(), from, from.position(), n);
        to.position(to.position() + n);
        from.position(from.position() + n);
        return n;
    }
}
