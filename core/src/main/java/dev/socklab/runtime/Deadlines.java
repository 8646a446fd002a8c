package dev.socklab.runtime;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.socklab.text.Durations;

/**
 * The deadlines of one stream connection, which the {@link Watchdog} enforces: blocking socket
 * channels have no timeouts of their own (and a blocked write has none in any Java API), so a
 * call publishes by when it must make progress, and the watchdog resets the connection once that
 * time has passed ({@link ChannelWire#abort()}: nothing it wrote stays queued in the kernel); the
 * blocked call then fails, and the connection ends as timed out by the {@link Deadline} that
 * fired.
 *
 * <p>A read and a write have deadlines apart, because with an outbox one thread reads while
 * another writes. The first-request deadline is counted from the accept and holds only while the
 * service is in a read call: a service that has not started reading is not waiting on its client.
 * Each is a {@link System#nanoTime()}, or 0 for none; set by the connection's threads, read by the
 * watchdog's.
 */
final class Deadlines implements Watchdog.Watched {
    /** What the runtime gives a client's last line (a refusal, a notice) to go out. */
    static final long LAST_WORDS_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** The deadline that fired, for the connection's closing line. */
    enum Deadline {
        /** A read made no progress within the idle timeout. */
        READ,
        /** A write made no progress within the write timeout. */
        WRITE,
        /** No request was complete within the first-request timeout. */
        FIRST_REQUEST
    }

    /** The idle timeout; a reload may change it ({@link #idleTimeout}). */
    private volatile long idleNanos;
    /** The first-request timeout, or 0 for none. */
    private final long firstRequestNanos;
    /** Gives up on the connection: resets it (an abortive close), so the kernel keeps none of its bytes. */
    private final Runnable close;
    /** How long a write may make no progress; shortened only for last words. Set from any thread. */
    private volatile long writeNanos;
    private volatile long read;
    private volatile long write;
    /** By when the first request must be complete; 0 once one is, or when there is no such deadline. */
    private volatile long firstRequest;
    /** Whether the service is in a read call. */
    private volatile boolean reading;
    /** Which deadline fired; null while none has. */
    private volatile Deadline fired;

    /** The deadlines of {@code limits}, the first request's armed now, at the accept; {@code close} resets the connection. */
    Deadlines(Limits limits, Runnable close) {
        this.idleNanos = limits.idleTimeout().toNanos();
        this.writeNanos = limits.writeTimeout().toNanos();
        this.firstRequestNanos = limits.firstRequestTimeout().toNanos();
        this.firstRequest = firstRequestNanos == 0 ? 0 : deadlineIn(firstRequestNanos);
        this.close = close;
    }

    /**
     * The idle timeout from now on, as a reload sets it: the next read is held to it, and a read
     * under way to no more than that from now.
     */
    void idleTimeout(long nanos) {
        idleNanos = nanos;
        long r = read;
        long soon = deadlineIn(nanos);
        if (r != 0 && r - soon > 0) {
            read = soon;
        }
    }

    /** A blocking read starts: it must make progress within the idle timeout. */
    void readStarted() {
        read = deadlineIn(idleNanos);
    }

    void readEnded() {
        read = 0;
    }

    /** A blocking write starts: it must make progress within the write timeout. */
    void writeStarted() {
        write = deadlineIn(writeNanos);
    }

    void writeEnded() {
        write = 0;
    }

    /**
     * The connection waits for its client's first bytes before its service runs: held to the
     * idle timeout and the first-request deadline as the service's first read would be, until
     * {@link #serviceStarted()}.
     */
    void awaitingFirstBytes() {
        reading = true;
        readStarted();
    }

    /** The service runs: from now on its own calls arm the deadlines. */
    void serviceStarted() {
        reading = false;
        readEnded();
    }

    /** Whether no request is complete yet and one must be by a deadline. */
    boolean awaitingFirstRequest() {
        return firstRequest != 0;
    }

    /** The service enters ({@code true}) or leaves a read call while the first request is awaited. */
    void reading(boolean inRead) {
        reading = inRead;
    }

    /** A read completed a request: the first-request deadline no longer applies. */
    void requestCompleted() {
        firstRequest = 0;
    }

    /** Only last words are left to send: each write from now on gets a second at most. */
    void lastWordsOnly() {
        writeNanos = Math.min(writeNanos, LAST_WORDS_NANOS);
    }

    /**
     * The runtime is dropping the client: the write under way, too, gets a second at most. Its
     * deadline passing then reads as a timeout here, but the closing line gives the drop's reason,
     * which {@link ConnectionTask} checks first.
     */
    void dropping() {
        lastWordsOnly();
        long soon = deadlineIn(LAST_WORDS_NANOS);
        long w = write;
        if (w != 0 && w - soon > 0) {
            write = soon;
        }
    }

    /** Closes the socket if the call under way has passed its deadline. */
    @Override
    public void check(long now) {
        long r = read;
        long w = write;
        long f = firstRequest;
        if (w != 0 && now - w > 0) {
            expire(Deadline.WRITE);
        } else if (f != 0 && reading && now - f > 0) {
            expire(Deadline.FIRST_REQUEST);
        } else if (r != 0 && now - r > 0) {
            expire(Deadline.READ);
        }
    }

    /** The deadline that closed the connection, if one did. */
    Optional<Deadline> fired() {
        return Optional.ofNullable(fired);
    }

    /** Why the connection timed out: {@code no progress for 1m} of a read, or of a write, or no first request in time. */
    String timeoutDetail() {
        return switch (fired) {
            case WRITE -> "a write made no progress for " + Durations.format(Duration.ofNanos(writeNanos));
            case FIRST_REQUEST -> "no complete request within " + Durations.format(Duration.ofNanos(firstRequestNanos));
            case READ -> "no progress for " + Durations.format(Duration.ofNanos(idleNanos));
        };
    }

    private void expire(Deadline which) {
        fired = which;
        close.run();
    }

    /** A deadline {@code nanos} from now; never 0, which means none. */
    private static long deadlineIn(long nanos) {
        long d = System.nanoTime() + nanos;
        return d == 0 ? 1 : d;
    }
}
