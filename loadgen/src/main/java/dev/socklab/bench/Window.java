package dev.socklab.bench;

import java.time.Duration;

/**
 * The times of one run on the {@link System#nanoTime()} clock: it starts, counts from the end of
 * the warm-up, and ends. Times are compared by subtraction, as nanoTime requires. A chat run
 * first sets up (its members get into the room) for an unknown time within a limit, and its
 * coordinator then {@linkplain #begin begins} the warm-up: the times are volatile, so that every
 * worker sees them move.
 */
final class Window {
    final long start;
    private volatile long measureStart;
    private volatile long end;
    private volatile boolean settingUp;
    /** Whether the run sets up first (chat): its errors then count from its start, through the warm-up. */
    private final boolean setsUp;

    Window(long start, Duration warmup, Duration counted) {
        this(start, warmup, counted, false);
    }

    private Window(long start, Duration warmup, Duration counted, boolean setsUp) {
        this.start = start;
        this.setsUp = setsUp;
        this.settingUp = setsUp;
        this.measureStart = start + warmup.toNanos();
        this.end = measureStart + counted.toNanos();
    }

    /**
     * A window that sets up, for at most {@code limit}, until {@link #begin}; no operation counts before,
     * and if begin never comes the run is over at the limit.
     */
    static Window afterSetup(long start, Duration limit) {
        return new Window(start, limit, Duration.ZERO, true);
    }

    /** The set-up is over at {@code now}: the warm-up starts, then {@code counted} is counted. */
    void begin(long now, Duration warmup, Duration counted) {
        long from = now + warmup.toNanos();
        end = from + counted.toNanos(); // later first, so that no worker ever sees the run over in between
        measureStart = from;
        settingUp = false;
    }

    /**
     * Whether an error at {@code now} is counted: while counting, and in a run that sets up (chat) from
     * its start, since a run whose members cannot get in, or are warned in the warm-up, fails.
     */
    boolean countsErrors(long now) {
        return counting(now) || settingUp || (setsUp && !over(now));
    }

    /** Whether something that happens at {@code now} is counted. */
    boolean counting(long now) {
        return now - measureStart >= 0 && now - end < 0;
    }

    /** Whether the run is over at {@code now}. */
    boolean over(long now) {
        return now - end >= 0;
    }

    long measureStart() {
        return measureStart;
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
