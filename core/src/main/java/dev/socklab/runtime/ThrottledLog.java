package dev.socklab.runtime;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;

/**
 * Logs a recurring warning at most once per interval, with a count of the ones held back, so
 * that a flood (refused connections, a failing accept, a send that keeps failing) cannot flood
 * the log too. Safe to use from any thread.
 */
public final class ThrottledLog {
    private final Logger log;
    private final long intervalNanos;
    private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    /** Logs to {@code log}, at most once every {@code intervalNanos}. */
    public ThrottledLog(Logger log, long intervalNanos) {
        this.log = log;
        this.intervalNanos = intervalNanos;
    }

    /** A warning, unless one went out less than an interval ago (then it is counted, and said with the next). */
    public void warn(String message) {
        String admitted = admit(message);
        if (admitted != null) {
            log.warn(admitted);
        }
    }

    /** An error with its stack: for a bug, which may recur on every connection. */
    public void error(String message, Throwable cause) {
        String admitted = admit(message);
        if (admitted != null) {
            log.error(admitted, cause);
        }
    }

    /** The message to log now, with the count held back since the last, or null to hold this one back too. */
    private String admit(String message) {
        long now = System.nanoTime();
        long next = nextAllowed.get();
        if ((next == Long.MIN_VALUE || now - next >= 0) && nextAllowed.compareAndSet(next, now + intervalNanos)) {
            long held = suppressed.getAndSet(0);
            return held == 0 ? message : message + " (and " + held + " more like it)";
        }
        suppressed.incrementAndGet();
        return null;
    }
}
