package dev.socklab.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The server's cost taken over the load generator's counted window, sampled on this test's own process. */
@EnabledOnOs(OS.LINUX)
class UsageSamplerTest {
    private static final ClockTicks TICKS = new ClockTicks(ClockTicks.USUAL, "");
    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    @Test
    void theWindowEndsWhenTheReportAppearsAndReachesBackTheSecondsItCounted() throws IOException {
        Path report = Files.createFile(dir.resolve("bench.json"));
        UsageSampler sampler = new UsageSampler(PID, report);
        sampler.sample();
        burnCpuMillis(300); // the warm-up: before the window
        sampler.sample();
        long windowStart = System.nanoTime();
        burnCpuMillis(300); // the counted window
        Files.writeString(report, "[{}]");
        double seconds = (System.nanoTime() - windowStart) / 1e9;
        sampler.sample();

        ServerCost cost = sampler.counted(seconds, TICKS);

        // The warm-up's 0.3 s of CPU is left out: the window holds the last 0.3 s, and a tick or two either side.
        assertThat(cost.cpuSeconds()).isBetween(0.2, 0.55);
        assertThat(cost.voluntarySwitches()).isNotNegative();
    }

    @Test
    void readingsAfterTheReportAppearedChangeNothing() throws IOException {
        Path report = Files.createFile(dir.resolve("bench.json"));
        UsageSampler sampler = new UsageSampler(PID, report);
        sampler.sample();
        Files.writeString(report, "[{}]");
        sampler.sample();
        ServerCost first = sampler.counted(0, TICKS);
        burnCpuMillis(100);
        sampler.sample();

        assertThat(sampler.counted(0, TICKS)).isEqualTo(first);
    }

    @Test
    void withoutAReportOrAProcessThereIsNoCost() throws IOException {
        Path report = Files.createFile(dir.resolve("bench.json"));
        UsageSampler noReport = new UsageSampler(PID, report);
        noReport.sample();
        noReport.sample();
        UsageSampler noProcess = new UsageSampler(Long.MAX_VALUE, Files.writeString(dir.resolve("r.json"), "[{}]"));
        noProcess.sample();

        assertThat(noReport.counted(1, TICKS)).isEqualTo(ServerCost.NONE);
        assertThat(noProcess.counted(1, TICKS)).isEqualTo(ServerCost.NONE);
    }

    @Test
    void aWindowLongerThanTheSamplesGoBackHasNoCost() throws IOException {
        Path report = Files.writeString(dir.resolve("bench.json"), "[{}]");
        UsageSampler sampler = new UsageSampler(PID, report);
        sampler.sample();

        assertThat(sampler.counted(60, TICKS)).isEqualTo(ServerCost.NONE);
    }

    /** Spins until this thread has used {@code millis} of CPU, however the machine shares its cores. */
    private static void burnCpuMillis(long millis) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + millis * 1_000_000;
        long spins = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            spins++;
        }
        assertThat(spins).isPositive();
    }
}
