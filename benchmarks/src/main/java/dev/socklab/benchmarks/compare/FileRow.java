package dev.socklab.benchmarks.compare;

import java.util.List;

/**
 * One server's results on one case of the file-transfer comparison.
 *
 * @param server     the server
 * @param testCase   the case
 * @param runs       the MB (10^6 bytes) a second of each measured run that completed, in order
 * @param negotiated what the server acknowledged of the client's options; empty when unknown or none asked
 * @param failedRuns measured runs without a result
 */
record FileRow(FileServer server, FileCase testCase, List<Double> runs, String negotiated, int failedRuns) {
    FileRow {
        runs = List.copyOf(runs);
    }

    /** The best run: what the server can do when nothing else on the machine got in its way. NaN with none. */
    double best() {
        return runs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
