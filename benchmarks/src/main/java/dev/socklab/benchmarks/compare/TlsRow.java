package dev.socklab.benchmarks.compare;

import java.util.List;

/**
 * One server's results on one case of the TLS comparison: the medians of its rounds.
 *
 * @param server      the server
 * @param testCase    the case
 * @param value       the median handshakes a second, or MB a second each way; NaN with no run
 * @param roundTrips  the median echo round trips a second; NaN for the handshakes
 * @param session     the TLS version and cipher suite the load negotiated; empty when unknown
 * @param failedRuns  rounds without a result
 */
record TlsRow(TlsServer server, TlsCase testCase, double value, double roundTrips, String session, int failedRuns) {
    /** The row of the figures of the rounds that gave one, and {@code failedRuns} that did not. */
    static TlsRow of(TlsServer server, TlsCase testCase, List<Double> values, List<Double> roundTrips, String session,
                     int failedRuns) {
        return new TlsRow(server, testCase, HttpRow.median(values.stream().mapToDouble(Double::doubleValue).toArray()),
                HttpRow.median(roundTrips.stream().mapToDouble(Double::doubleValue).toArray()), session, failedRuns);
    }
}
