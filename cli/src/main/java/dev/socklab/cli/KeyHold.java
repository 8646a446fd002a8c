package dev.socklab.cli;

import java.time.Duration;

import dev.socklab.arena.Buttons;

/**
 * The arena's buttons from a terminal's keys. A terminal reports a key when it is pressed, and
 * again and again while it is held (the key repeat), but never when it is let go: so a direction
 * counts as held for {@link #HOLD} after each press, which bridges the gaps between repeats, and
 * a tap moves the player a little. Pressing a direction lets go of its opposite; a shot is sent
 * once, at the next tick.
 */
final class KeyHold {
    /** How long one press holds a direction: a few ticks, more than the gap between two repeats. */
    static final Duration HOLD = Duration.ofMillis(200);
    private static final int[] DIRECTIONS = {Buttons.UP, Buttons.DOWN, Buttons.LEFT, Buttons.RIGHT};

    /** Until when each direction of {@link #DIRECTIONS} is held, as {@link System#nanoTime()} counts. */
    private final long[] heldUntil = new long[DIRECTIONS.length];
    private final boolean[] held = new boolean[DIRECTIONS.length];
    private boolean fire;

    /** {@code direction} ({@link Buttons#UP} and the others) pressed at {@code nowNanos}. */
    synchronized void press(int direction, long nowNanos) {
        for (int i = 0; i < DIRECTIONS.length; i++) {
            if (DIRECTIONS[i] == direction) {
                held[i] = true;
                heldUntil[i] = nowNanos + HOLD.toNanos();
            } else if (DIRECTIONS[i] == opposite(direction)) {
                held[i] = false;
            }
        }
    }

    /** Fire pressed: one shot at the next tick. */
    synchronized void fire() {
        fire = true;
    }

    /** The buttons for the tick at {@code nowNanos}. */
    synchronized int sample(long nowNanos) {
        int buttons = fire ? Buttons.FIRE : 0;
        fire = false;
        for (int i = 0; i < DIRECTIONS.length; i++) {
            if (held[i] && nowNanos - heldUntil[i] < 0) {
                buttons |= DIRECTIONS[i];
            } else {
                held[i] = false;
            }
        }
        return buttons;
    }

    private static int opposite(int direction) {
        return switch (direction) {
            case Buttons.UP -> Buttons.DOWN;
            case Buttons.DOWN -> Buttons.UP;
            case Buttons.LEFT -> Buttons.RIGHT;
            case Buttons.RIGHT -> Buttons.LEFT;
            default -> throw new IllegalArgumentException("not a direction: " + direction);
        };
    }
}
