package dev.socklab.runtime;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Enforces the time bounds that no blocking call enforces itself: each connection's
 * {@link Deadlines} (idle, write and first request), and the age bound of each outbox. One thread
 * per server sweeps them all; once its time has passed, a connection is reset and an outbox's
 * client dropped, and the blocked call then fails. A sweep costs a few volatile reads per open connection.
 */
final class Watchdog {
    /** Something with a time bound, checked on every sweep. */
    interface Watched {
        /** Acts on whatever has passed its time at {@code now} ({@link System#nanoTime()}). */
        void check(long now);
    }

    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    /** How long a sweep sleeps; shortened or lengthened as a reload changes the shortest timeout. */
    private volatile long tickNanos;
    private final Thread thread;
    /** What else the server does on each sweep, such as the connection log's summary. */
    private final LongConsumer housekeeping;
    private volatile boolean running = true;

    /** Sweeps often enough that the shortest timeout fires within a twentieth of it, between 10 and 250 ms. */
    Watchdog(long shortestTimeoutNanos, String name, LongConsumer housekeeping) {
        resolve(shortestTimeoutNanos);
        this.housekeeping = housekeeping;
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::sweep);
    }

    /** Sweeps often enough for {@code shortestTimeoutNanos} from the next sweep on. */
    void resolve(long shortestTimeoutNanos) {
        this.tickNanos = Math.clamp(shortestTimeoutNanos / 20, 10_000_000L, 250_000_000L);
    }

    void start() {
        thread.start();
    }

    void watch(Watched bounded) {
        watched.add(bounded);
    }

    void unwatch(Watched bounded) {
        watched.remove(bounded);
    }

    void stop() {
        running = false;
        LockSupport.unpark(thread);
    }

    private void sweep() {
        while (running) {
            LockSupport.parkNanos(tickNanos);
            long now = System.nanoTime();
            for (Watched bounded : watched) {
                bounded.check(now);
            }
            housekeeping.accept(now);
        }
    }
}
