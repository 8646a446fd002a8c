package dev.socklab.services.http;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

import dev.socklab.framing.ByteSource;
import dev.socklab.service.Connection;
import dev.socklab.text.Durations;

/**
 * A connection's input under the deadline of what is being read: a request's head must arrive
 * within the head timeout, its body within the request timeout. Every read waits at most until
 * the deadline, however the client trickles its bytes, which is what stops a slowloris.
 */
final class DeadlineSource implements ByteSource {
    private final Connection connection;
    /** By when ({@link System#nanoTime()}) the current read must be done; what is read, for the error. */
    private long deadline;
    private String what = "the request";
    private Duration allowed = Duration.ZERO;

    DeadlineSource(Connection connection) {
        this.connection = connection;
    }

    /** From now on, reads must be done within {@code allowed}: {@code what} must arrive by then. */
    void deadline(Duration allowed, String what) {
        this.deadline = System.nanoTime() + allowed.toNanos();
        this.allowed = allowed;
        this.what = what;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        long left = deadline - System.nanoTime();
        if (left > 0) {
            int n = connection.read(dst, Duration.ofNanos(left));
            if (n != 0 || !dst.hasRemaining()) {
                return n;
            }
        }
        throw new SocketTimeoutException(what + " did not arrive within " + Durations.format(allowed));
    }

    @Override
    public int read(ByteBuffer dst, Duration wait) throws IOException {
        return connection.read(dst, wait);
    }
}
