package dev.socklab.services.arena;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The replay window takes each packet number once, out of order within 64 of the newest, and nothing older. */
class ReplayWindowTest {
    private final ReplayWindow window = new ReplayWindow();

    @Test
    void eachNumberIsTakenOnceInAnyOrderWithinTheWindow() {
        assertThat(window.accept(5)).isTrue();
        assertThat(window.accept(3)).isTrue();
        assertThat(window.accept(4)).isTrue();
        assertThat(window.accept(1)).isTrue();
        assertThat(window.accept(3)).isFalse();
        assertThat(window.accept(5)).isFalse();
        assertThat(window.accept(6)).isTrue();
        assertThat(window.accept(2)).isTrue();
    }

    @Test
    void aNumberSixtyFourOrMoreBehindTheNewestIsTooOldToTell() {
        assertThat(window.accept(100)).isTrue();
        assertThat(window.accept(100 - ReplayWindow.SIZE + 1)).isTrue();
        assertThat(window.accept(100 - ReplayWindow.SIZE)).isFalse();
    }

    @Test
    void aJumpPastTheWindowForgetsEverythingBeforeIt() {
        assertThat(window.accept(1)).isTrue();
        assertThat(window.accept(1000)).isTrue();
        assertThat(window.accept(999)).isTrue();
        assertThat(window.accept(1000)).isFalse();
    }

    @Test
    void zeroIsNoPacketNumber() {
        assertThat(window.accept(0)).isFalse();
    }
}
