package dev.socklab.benchmarks.compare;

import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** What a workload is judged on or shown with, which way is better, and how a value reads in the table. */
enum Metric {
    /** Operations a second: round trips, connections, datagrams answered. */
    OPS_PER_SECOND("ops/s", true, true, r -> r.load().opsPerSecond()),
    /** Payload bytes a second. */
    BYTES_PER_SECOND("bytes/s", true, true, r -> r.load().bytesPerSecond()),
    /** The 99th percentile round trip. */
    P99_LATENCY("p99 latency", false, true, r -> r.load().p99()),
    /** What an idle connection costs the server in memory. */
    SERVER_BYTES_PER_CONNECTION("server bytes/connection", false, true, r -> r.load().serverBytesPerConnection()),
    /** Round trips per second of the server's CPU: its speed where the load generator, not the server, is the limit. */
    ROUND_TRIPS_PER_CPU_SECOND("round trips/server CPU-s", true, false, RunResult::roundTripsPerCpuSecond),
    /** The server's CPU time over the counted window of a run. */
    SERVER_CPU_SECONDS("server CPU-s", false, false, r -> r.server().cpuSeconds()),
    /** The server's voluntary context switches per round trip: how often its threads block. */
    VOLUNTARY_SWITCHES_PER_ROUND_TRIP("server voluntary switches/round trip", false, false,
            RunResult::voluntarySwitchesPerRoundTrip),
    /** {@code epoll_ctl} calls per round trip, under strace. */
    EPOLL_CTL_PER_ROUND_TRIP("epoll_ctl/round trip", false, false, RunResult::epollCtlPerRoundTrip),
    /** {@code epoll_wait} calls per round trip, under strace. */
    EPOLL_WAIT_PER_ROUND_TRIP("epoll_wait/round trip", false, false, RunResult::epollWaitPerRoundTrip),
    /** Every system call per round trip, under strace. */
    SYSCALLS_PER_ROUND_TRIP("system calls/round trip", false, false, RunResult::syscallsPerRoundTrip);

    private final String label;
    private final boolean higherIsBetter;
    private final boolean judged;
    private final ToDoubleFunction<RunResult> read;

    Metric(String label, boolean higherIsBetter, boolean judged, ToDoubleFunction<RunResult> read) {
        this.label = label;
        this.higherIsBetter = higherIsBetter;
        this.judged = judged;
        this.read = read;
    }

    String label() {
        return label;
    }

    boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Whether it has a target; the others are shown for reference and never change the verdict or the exit code. */
    boolean judged() {
        return judged;
    }

    double of(RunResult result) {
        return read.applyAsDouble(result);
    }

    /** The target for socklab/Netty: at least even where more is better, at most even where less is; {@code -} for none. */
    String target() {
        if (!judged) {
            return "-";
        }
        return higherIsBetter ? ">= 1.00" : "<= 1.00";
    }

    /**
     * A value as the table shows it: {@code 52,310 ops/s}, {@code 1.21 GB/s}, {@code 38 us}, {@code 3,112 B},
     * {@code 8.41 s}, {@code 1.025} per round trip; {@code -} for none.
     */
    String format(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return switch (this) {
            case OPS_PER_SECOND -> String.format(Locale.ROOT, "%,.0f ops/s", value);
            case BYTES_PER_SECOND -> value >= 1e9
                    ? String.format(Locale.ROOT, "%.2f GB/s", value / 1e9)
                    : String.format(Locale.ROOT, "%.1f MB/s", value / 1e6);
            case P99_LATENCY -> String.format(Locale.ROOT, "%,.0f us", value);
            case SERVER_BYTES_PER_CONNECTION -> String.format(Locale.ROOT, "%,.0f B", value);
            case ROUND_TRIPS_PER_CPU_SECOND -> String.format(Locale.ROOT, "%,.0f", value);
            case SERVER_CPU_SECONDS -> String.format(Locale.ROOT, "%.2f s", value);
            case VOLUNTARY_SWITCHES_PER_ROUND_TRIP, EPOLL_CTL_PER_ROUND_TRIP, EPOLL_WAIT_PER_ROUND_TRIP,
                 SYSCALLS_PER_ROUND_TRIP -> String.format(Locale.ROOT, "%.3f", value);
        };
    }
}
