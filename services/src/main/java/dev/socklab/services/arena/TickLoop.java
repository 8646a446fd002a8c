package dev.socklab.services.arena;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The tick thread's loop: a tick at each absolute deadline, {@code period} apart, parked until it
 * comes. Deadlines do not drift with how long ticks take. A loop more than a tick late skips the
 * ticks it missed (counted) and runs one, rather than a burst to catch up: players would see the
 * arena jump either way, and a burst would make a slow server slower.
 */
final class TickLoop implements Runnable {
    private final long period;
    private final LongSupplier clock;
    /** Runs one tick; false when the loop should end (no players left, or the arena stopping). */
    private final BooleanSupplier tick;
    private final BooleanSupplier stopping;
    private final ArenaCounters counters;

    TickLoop(long periodNanos, LongSupplier clock, BooleanSupplier tick, BooleanSupplier stopping,
             ArenaCounters counters) {
        this.period = periodNanos;
        this.clock = clock;
        this.tick = tick;
        this.stopping = stopping;
        this.counters = counters;
    }

    @Override
    public void run() {
        long next = clock.getAsLong();
        while (true) {
            for (long wait = next - clock.getAsLong(); wait > 0; wait = next - clock.getAsLong()) {
                if (stopping.getAsBoolean()) {
                    return;
                }
                LockSupport.parkNanos(wait);
            }
            if (!tick.getAsBoolean()) {
                return;
            }
            next += period;
            long late = clock.getAsLong() - next;
            if (late > period) {
                long missed = late / period;
                next += missed * period;
                counters.skipped(missed);
            }
        }
    }
}
