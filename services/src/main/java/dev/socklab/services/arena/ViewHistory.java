package dev.socklab.services.arena;

import dev.socklab.arena.View;

/**
 * The last {@value #SIZE} views sent to one player, by snapshot number: the baselines a snapshot can
 * be encoded against. The client keeps as many, so an acknowledged view older than these is one
 * neither side can use, and the next snapshot is full. The tick thread alone uses it.
 */
final class ViewHistory {
    static final int SIZE = 32;

    private final View[] views = new View[SIZE];
    private final long[] numbers = new long[SIZE];
    private long newest;

    /** The newest snapshot number sent, 0 before the first. */
    long newest() {
        return newest;
    }

    /** The view sent as snapshot {@code number}, or null if it is not kept (0, never sent, or too old). */
    View find(long number) {
        if (number <= 0 || number > newest || newest - number >= SIZE) {
            return null;
        }
        int slot = (int) (number % SIZE);
        return numbers[slot] == number ? views[slot] : null;
    }

    /** Keeps {@code view} as the next snapshot's, and returns that snapshot's number. */
    long add(View view) {
        long number = ++newest;
        int slot = (int) (number % SIZE);
        views[slot] = view;
        numbers[slot] = number;
        return number;
    }
}
