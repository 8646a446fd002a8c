package dev.socklab.services.arena;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * A player's broken rules (inputs too fast, impossible inputs) and what they earn: a WARNING at
 * most once a second, and, once {@value #WARNINGS_BEFORE_DROP} warnings went out within
 * {@value #WINDOW_SECONDS} seconds, to be dropped at the next. Between warnings, offences are
 * counted (as drops) and nothing is sent. Thread-safe: the receiving thread records, the tick thread
 * sends.
 */
final class Strikes {
    static final int WARNINGS_BEFORE_DROP = 3;
    static final long WINDOW_SECONDS = 10;
    private static final long WARNING_INTERVAL = TimeUnit.SECONDS.toNanos(1);
    private static final long WINDOW = TimeUnit.SECONDS.toNanos(WINDOW_SECONDS);

    /** When each recent warning was given. */
    private final ArrayDeque<Long> warned = new ArrayDeque<>();
    /** The reason of a WARNING due, or 0. */
    private int pending;
    private boolean dropped;

    /** Counts an offence for {@code reason} (a {@code PacketCodec.WARNING_*}) at {@code now}. */
    synchronized void offence(int reason, long now) {
        while (!warned.isEmpty() && now - warned.peekFirst() > WINDOW) {
            warned.pollFirst();
        }
        if (warned.size() >= WARNINGS_BEFORE_DROP) {
            dropped = true;
        } else if (warned.isEmpty() || now - warned.peekLast() >= WARNING_INTERVAL) {
            warned.addLast(now);
            pending = reason;
        }
    }

    /** The reason of the WARNING to send now, or 0 for none; it is sent once. */
    synchronized int takeWarning() {
        int reason = pending;
        pending = 0;
        return reason;
    }

    /** Whether the player broke the rules once too often. */
    synchronized boolean isDropped() {
        return dropped;
    }
}
