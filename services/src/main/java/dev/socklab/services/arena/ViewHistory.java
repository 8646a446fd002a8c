package dev.socklab.services.arena;

import dev.socklab.arena.ViewBuffer;

/**
 * The last {@value #SIZE} views sent to one player, by snapshot number: the baselines a snapshot can
 * be encoded against. The client keeps as many, so an acknowledged view older than these is one
 * neither side can use, and the next snapshot is full. Each view is kept in a buffer of its own,
 * made once and reused {@value #SIZE} snapshots later. The tick thread alone uses it.
 */
final class ViewHistory {
    static final int SIZE = 32;

    private final ViewBuffer[] views = new ViewBuffer[SIZE];
    private final long[] numbers = new long[SIZE];
    private long newest;

    ViewHistory() {
        for (int i = 0; i < SIZE; i++) {
            views[i] = new ViewBuffer();
        }
    }

    /** The newest snapshot number sent, 0 before the first. */
    long newest() {
        return newest;
    }

    /** The view sent as snapshot {@code number}, or null if it is not kept (0, never sent, or too old). */
    ViewBuffer find(long number) {
        if (number <= 0 || number > newest || newest - number >= SIZE) {
            return null;
        }
        int slot = (int) (number % SIZE);
        return numbers[slot] == number ? views[slot] : null;
    }

    /**
     * Keeps a copy of {@code view} as snapshot {@code newest() + 1}'s, in the place of the oldest: a
     * snapshot encoded against that oldest must be written before its view is kept.
     */
    void add(ViewBuffer view) {
        long number = ++newest;
        int slot = (int) (number % SIZE);
        views[slot].copyFrom(view);
        numbers[slot] = number;
    }
}
