package dev.socklab.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The comparison's estimates of how long it takes, which need no run. */
class ComparisonTest {

    @Test
    void estimatesReadToTheSecondThenToTheMinute() {
        assertThat(Comparison.rough(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(Comparison.rough(Duration.ofSeconds(768))).isEqualTo("13 min");
        assertThat(Comparison.rough(Duration.ofMinutes(125))).isEqualTo("2 h 05 min");
    }
}
