package dev.socklab.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's {@link ServerUsage}, read again and again while a load runs, so that its cost can be
 * taken over the load generator's counted window alone: the load generator warms up before it
 * counts, and the round trips it reports are those of the window. The window is found from its end:
 * it closes when the load generator writes its report, and it lasts the seconds the report says it
 * counted. Samples {@link LoadRun#SAMPLE_INTERVAL} apart put each end of it within that interval.
 */
final class UsageSampler {
    private record Sample(long nanos, ServerUsage usage) {
    }

    private final long pid;
    private final Path report;
    private final List<Sample> samples = new ArrayList<>();
    private boolean reportSeen;
    private boolean unreadable;

    /** A sampler of process {@code pid}, whose load generator writes its report to {@code report}. */
    UsageSampler(long pid, Path report) {
        this.pid = pid;
        this.report = report;
    }

    /**
     * Reads the server's usage now; the first reading after the report appears closes the window.
     * The first call must come after the load generator started, whose start empties its report file.
     */
    void sample() {
        if (reportSeen || unreadable) {
            return;
        }
        long now = System.nanoTime();
        // The report is looked for before the usage is read, so that the reading covers the whole window.
        reportSeen = hasReport();
        try {
            samples.add(new Sample(now, ServerUsage.read(pid)));
        } catch (IOException | RuntimeException e) {
            unreadable = true; // not Linux, or the server is gone: there is no cost to report
        }
    }

    /**
     * The cost over the last {@code seconds} before the report appeared; {@link ServerCost#NONE}
     * when {@code /proc} could not be read or the report never appeared.
     */
    ServerCost counted(double seconds, ClockTicks ticks) {
        if (unreadable || !reportSeen || Double.isNaN(seconds)) {
            return ServerCost.NONE;
        }
        long opened = samples.getLast().nanos() - (long) (seconds * 1e9);
        Sample before = null;
        for (Sample s : samples) {
            if (s.nanos() - opened <= 0) {
                before = s; // the last reading at or before the window opened
            }
        }
        if (before == null) {
            return ServerCost.NONE;
        }
        ServerUsage used = samples.getLast().usage().since(before.usage());
        return new ServerCost(used.voluntarySwitches(), ticks.seconds(used.cpuTicks()));
    }

    private boolean hasReport() {
        try {
            return Files.size(report) > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
