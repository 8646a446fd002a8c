package dev.socklab.benchmarks.compare;

import java.util.List;

/**
 * One server's results on one case: the medians of its rounds.
 *
 * @param server            the server
 * @param testCase          connections and file
 * @param requestsPerSecond the median requests a second; NaN with no successful run
 * @param p99Micros         the median p99, microseconds; NaN with none
 * @param errors            errors over every round
 * @param failedRuns        rounds without a result (the server did not start, h2load did not finish)
 */
record HttpRow(HttpServer server, HttpCase testCase, double requestsPerSecond, double p99Micros, long errors,
               int failedRuns) {
    /** The row of {@code runs}, each a successful round, and {@code failedRuns} rounds without one. */
    static HttpRow of(HttpServer server, HttpCase testCase, List<H2load> runs, int failedRuns) {
        return new HttpRow(server, testCase, median(runs.stream().mapToDouble(H2load::requestsPerSecond).toArray()),
                median(runs.stream().mapToDouble(H2load::p99Micros).toArray()),
                runs.stream().mapToLong(H2load::errors).sum(), failedRuns);
    }

    /** The median of the numbers among {@code values}; NaN when there are none. */
    static double median(double[] values) {
        double[] v = java.util.Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }
}
