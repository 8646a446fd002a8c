package dev.socklab.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The clock ticks of /proc's CPU times, from getconf, or 100 with a note when it cannot say. */
class ClockTicksTest {
    @TempDir
    Path dir;

    @Test
    void getconfSaysHowManyTicksMakeASecond() {
        ClockTicks ticks = ClockTicks.detect(new Children(), dir.resolve("clk-tck.txt"));

        assertThat(ticks.perSecond()).isPositive();
        if (Pinning.onPath("getconf")) {
            assertThat(ticks.note()).isEmpty();
        } else {
            assertThat(ticks.note()).endsWith("CPU times assume 100 clock ticks a second");
        }
        assertThat(new ClockTicks(100, "").seconds(250)).isEqualTo(2.5);
    }
}
