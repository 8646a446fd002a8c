package dev.socklab.benchmarks.compare;

import java.util.List;

/**
 * One row's results: the medians of its rounds.
 *
 * @param testCase       the server, and the calls it took
 * @param callsPerSecond the median calls (echo: round trips) a second; NaN with no successful run
 * @param p50Micros      the median p50, microseconds; NaN with none
 * @param p99Micros      the median p99, microseconds; NaN with none
 * @param errors         errors over every round
 * @param failedRuns     rounds without a result (the server did not start, the load generator failed)
 */
record RpcRow(RpcCase testCase, double callsPerSecond, double p50Micros, double p99Micros, long errors, int failedRuns) {
    /** The row of {@code runs}, each a successful round, and {@code failedRuns} rounds without one. */
    static RpcRow of(RpcCase testCase, List<RunReport> runs, int failedRuns) {
        return new RpcRow(testCase, HttpRow.median(runs.stream().mapToDouble(RunReport::opsPerSecond).toArray()),
                HttpRow.median(runs.stream().mapToDouble(RunReport::p50).toArray()),
                HttpRow.median(runs.stream().mapToDouble(RunReport::p99).toArray()),
                runs.stream().mapToLong(r -> (long) r.errors()).sum(), failedRuns);
    }
}
