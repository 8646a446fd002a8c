package dev.socklab.arena;

/**
 * One input, as a player's keys at one client tick: a byte of bits. The other three bits must be
 * zero; an input with any of them set is impossible, and the server warns and then drops a player
 * who sends them.
 */
public final class Buttons {
    public static final int UP = 1;
    public static final int DOWN = 2;
    public static final int LEFT = 4;
    public static final int RIGHT = 8;
    public static final int FIRE = 16;
    /** Every bit an input may have set. */
    public static final int VALID = UP | DOWN | LEFT | RIGHT | FIRE;

    private Buttons() {
    }

    /** Whether {@code buttons} is an input a client could send: no bit outside {@link #VALID}. */
    public static boolean isPossible(int buttons) {
        return (buttons & ~VALID) == 0;
    }
}
