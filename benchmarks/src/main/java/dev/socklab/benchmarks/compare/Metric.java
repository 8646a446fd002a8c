package dev.socklab.benchmarks.compare;

import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** What a workload is judged on, which way is better, and how a value reads in the table. */
enum Metric {
    /** Operations a second: round trips, connections, datagrams answered. */
    OPS_PER_SECOND("ops/s", true, RunReport::opsPerSecond),
    /** Payload bytes a second. */
    BYTES_PER_SECOND("bytes/s", true, RunReport::bytesPerSecond),
    /** The 99th percentile round trip. */
    P99_LATENCY("p99 latency", false, RunReport::p99),
    /** What an idle connection costs the server in memory. */
    SERVER_BYTES_PER_CONNECTION("server bytes/connection", false, RunReport::serverBytesPerConnection);

    private final String label;
    private final boolean higherIsBetter;
    private final ToDoubleFunction<RunReport> read;

    Metric(String label, boolean higherIsBetter, ToDoubleFunction<RunReport> read) {
        this.label = label;
        this.higherIsBetter = higherIsBetter;
        this.read = read;
    }

    String label() {
        return label;
    }

    boolean higherIsBetter() {
        return higherIsBetter;
    }

    double of(RunReport result) {
        return read.applyAsDouble(result);
    }

    /** The target for socklab/Netty: at least even where more is better, at most even where less is. */
    String target() {
        return higherIsBetter ? ">= 1.00" : "<= 1.00";
    }

    /** A value as the table shows it: {@code 52,310 ops/s}, {@code 1.21 GB/s}, {@code 38 us}, {@code 3,112 B}; {@code -} for none. */
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
        };
    }
}
