package dev.socklab.runtime;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Enforces the idle and write timeouts on blocking reads and writes. Blocking socket channels have no
 * timeouts of their own (and a blocked write has none in any Java API), so each connection
 * publishes the deadline of the call it is in, and one thread per server sweeps them and closes
 * the channels whose deadline has passed; the blocked call then fails and the connection ends
 * as timed out. A sweep costs one volatile read per open connection.
 */
final class Watchdog {
    private final Set<ChannelConnection> watched = ConcurrentHashMap.newKeySet();
    private final long tickNanos;
    private final Thread thread;
    /** What else the server does on each sweep, such as the connection log's summary. */
    private final java.util.function.LongConsumer housekeeping;
    private volatile boolean running = true;

    /** Sweeps often enough that the shortest timeout fires within a twentieth of it, between 10 and 250 ms. */
    Watchdog(long shortestTimeoutNanos, String name, java.util.function.LongConsumer housekeeping) {
        this.tickNanos = Math.clamp(shortestTimeoutNanos / 20, 10_000_000L, 250_000_000L);
        this.housekeeping = housekeeping;
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::sweep);
    }

    void start() {
        thread.start();
    }

    void watch(ChannelConnection connection) {
        watched.add(connection);
    }

    void unwatch(ChannelConnection connection) {
        watched.remove(connection);
    }

    void stop() {
        running = false;
        LockSupport.unpark(thread);
    }

    private void sweep() {
        while (running) {
            LockSupport.parkNanos(tickNanos);
            long now = System.nanoTime();
            for (ChannelConnection connection : watched) {
                connection.expireIfPast(now);
            }
            housekeeping.accept(now);
        }
    }
}
