package dev.socklab.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The chat client's pace, without a socket: a burst at once, then the rate. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LinePaceTest {
    @Test
    void aBurstGoesAtOnceAndTheLinesAfterItAtTheRate() throws Exception {
        LinePace pace = LinePace.of(10);
        long start = System.nanoTime();

        for (int i = 0; i < 10; i++) {
            pace.await();
        }
        Duration burst = Duration.ofNanos(System.nanoTime() - start);
        for (int i = 0; i < 10; i++) {
            pace.await();
        }
        Duration all = Duration.ofNanos(System.nanoTime() - start);

        // Paced from the first line, ten lines would take 900 ms.
        assertThat(burst).as("the burst").isLessThan(Duration.ofMillis(900));
        assertThat(all).as("the burst and ten more at 10 a second").isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void noPaceNeverWaits() throws Exception {
        LinePace pace = LinePace.of(0);
        Thread.currentThread().interrupt(); // a wait would fail at once
        try {
            for (int i = 0; i < 1000; i++) {
                pace.await();
            }
        } finally {
            assertThat(Thread.interrupted()).isTrue();
        }
    }

    @Test
    void aWaitThatIsInterruptedFailsAndKeepsTheInterrupt() throws Exception {
        LinePace pace = LinePace.of(1);
        pace.await(); // the burst of one

        Thread.currentThread().interrupt();
        assertThatThrownBy(pace::await).isInstanceOf(InterruptedIOException.class)
                .hasMessage("interrupted while pacing the lines sent");
        assertThat(Thread.interrupted()).as("the interrupt, kept").isTrue();
    }

    @Test
    void aNegativePaceIsRefused() {
        assertThatThrownBy(() -> LinePace.of(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a pace of lines a second is 0 (none) or more, not -1");
    }
}
