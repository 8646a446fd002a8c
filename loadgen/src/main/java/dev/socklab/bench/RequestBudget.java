package dev.socklab.bench;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/** The {@code --requests} cap, shared by a run's threads: each counted operation takes one. Thread-safe. */
final class RequestBudget {
    private final boolean capped;
    private final AtomicLong left;
    private volatile boolean exhausted;
    private volatile long exhaustedAt;

    RequestBudget(OptionalLong cap) {
        this.capped = cap.isPresent();
        this.left = new AtomicLong(cap.orElse(0));
    }

    /** Takes one operation at {@code now}; false once the cap is spent, and that operation is not counted. */
    boolean take(long now) {
        if (!capped) {
            return true;
        }
        long after = left.decrementAndGet();
        if (after == 0) {
            exhaustedAt = now; // written before the flag, so a reader that sees the flag sees the time
            exhausted = true;
        }
        return after >= 0;
    }

    /** Whether the last operation has been taken; the run then stops. */
    boolean exhausted() {
        return exhausted;
    }

    /** When the last operation was taken; meaningful once {@link #exhausted()}. */
    long exhaustedAt() {
        return exhaustedAt;
    }
}
