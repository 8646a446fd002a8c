package dev.socklab.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.SelectionKey;
import java.time.Duration;

/**
 * A point in time that a socket call must not wait past, and the selector wait that honours it.
 * Non-blocking channels are used because a blocking channel's read, write and connect have no
 * timeout at all.
 */
final class Deadline {
    private final long endNanos;

    private Deadline(long endNanos) {
        this.endNanos = endNanos;
    }

    /** The deadline {@code timeout} from now; the timeout must be positive. */
    static Deadline after(Duration timeout) {
        requirePositive(timeout);
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    /** Rejects a null, zero or negative timeout, which would otherwise mean "never wait" or "wait forever". */
    static Duration requirePositive(Duration timeout) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("the timeout must be positive, not " + timeout);
        }
        return timeout;
    }

    /**
     * Waits until the key's channel is ready for {@code ops} or the deadline passes. The key must be
     * the only one registered with its selector.
     *
     * @return false once the deadline has passed with the channel not ready; true otherwise, and
     *     then the caller retries its call, which may still find nothing and wait again
     * @throws InterruptedIOException if the thread is interrupted, since the selector would
     *     otherwise return at once on every call until the deadline
     */
    boolean await(SelectionKey key, int ops) throws IOException {
        long remaining = endNanos - System.nanoTime();
        if (remaining <= 0) {
            return false;
        }
        key.interestOps(ops);
        // Round up: select(0) would wait forever.
        long millis = Math.max(1, (remaining + 999_999) / 1_000_000);
        int ready = key.selector().select(millis);
        key.selector().selectedKeys().clear();
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("interrupted while waiting on the socket");
        }
        return ready > 0 || !passed();
    }

    /** The earlier of this deadline and {@code nanos} from now. */
    Deadline within(long nanos) {
        long end = System.nanoTime() + nanos;
        return end - endNanos < 0 ? new Deadline(end) : this;
    }

    /** The nanoseconds left until the deadline, at least 1, so that it still means "wait a little". */
    long remainingNanos() {
        return Math.max(1, endNanos - System.nanoTime());
    }

    /** Whether the deadline has passed. */
    boolean passed() {
        return endNanos - System.nanoTime() <= 0;
    }
}
