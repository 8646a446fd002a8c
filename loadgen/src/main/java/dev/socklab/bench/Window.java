package dev.socklab.bench;

import java.time.Duration;

/**
 * The times of one run on the {@link System#nanoTime()} clock: it starts, counts from the end of
 * the warm-up, and ends. Times are compared by subtraction, as nanoTime requires.
 */
final class Window {
    final long start;
    final long measureStart;
    /** Volatile: idle's coordinator moves it when the hold is over, and every worker must see it. */
    private volatile long end;

    Window(long start, Duration warmup, Duration counted) {
        this.start = start;
        this.measureStart = start + warmup.toNanos();
        this.end = measureStart + counted.toNanos();
    }

    /** Whether something that happens at {@code now} is counted. */
    boolean counting(long now) {
        return now - measureStart >= 0 && now - end < 0;
    }

    /** Whether the run is over at {@code now}. */
    boolean over(long now) {
        return now - end >= 0;
    }

    long end() {
        return end;
    }

    /** Ends the run at {@code now}, if that is sooner. */
    void endAt(long now) {
        if (now - end < 0) {
            end = now;
        }
    }
}
