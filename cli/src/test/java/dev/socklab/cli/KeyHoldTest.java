package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.socklab.arena.Buttons;

/** Terminal keys as held buttons, on a clock the test moves. */
class KeyHoldTest {
    private static final long MS = 1_000_000L;
    private final KeyHold keys = new KeyHold();

    @Test
    void aPressHoldsItsDirectionForAWhileAndARepeatHoldsItLonger() {
        keys.press(Buttons.LEFT, 0);
        assertThat(keys.sample(0)).isEqualTo(Buttons.LEFT);
        assertThat(keys.sample(150 * MS)).isEqualTo(Buttons.LEFT);
        keys.press(Buttons.LEFT, 150 * MS); // the terminal's key repeat
        assertThat(keys.sample(300 * MS)).isEqualTo(Buttons.LEFT);
        assertThat(keys.sample(350 * MS)).as("let go: no repeat came").isZero();
    }

    @Test
    void twoDirectionsAtRightAnglesMakeADiagonalAndAnOppositeOneLetsGo() {
        keys.press(Buttons.UP, 0);
        keys.press(Buttons.RIGHT, 10 * MS);
        assertThat(keys.sample(20 * MS)).isEqualTo(Buttons.UP | Buttons.RIGHT);
        keys.press(Buttons.LEFT, 30 * MS);
        assertThat(keys.sample(40 * MS)).isEqualTo(Buttons.UP | Buttons.LEFT);
    }

    @Test
    void fireGoesOutOnceAtTheNextTick() {
        keys.fire();
        keys.press(Buttons.DOWN, 0);
        assertThat(keys.sample(10 * MS)).isEqualTo(Buttons.DOWN | Buttons.FIRE);
        assertThat(keys.sample(40 * MS)).isEqualTo(Buttons.DOWN);
    }
}
