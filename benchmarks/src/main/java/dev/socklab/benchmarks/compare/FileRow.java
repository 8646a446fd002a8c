package dev.socklab.benchmarks.compare;

import java.util.List;

/**
 * One server's results on one case of the file-transfer comparison.
 *
 * @param server     the server
 * @param testCase   the case
 * @param runs       the MB (10^6 bytes) a second of each measured run that completed, in order
 * @param cpu        the server's CPU milliseconds per MB in each of those runs, its children's included
 * @param negotiated what the server acknowledged of the client's options; empty when unknown or none asked
 * @param failedRuns measured runs without a result
 */
record FileRow(FileServer server, FileCase testCase, List<Double> runs, List<Double> cpu, String negotiated,
               int failedRuns) {
    FileRow {
        runs = List.copyOf(runs);
        cpu = List.copyOf(cpu);
    }

    /** The best run: what the server can do when nothing else on the machine got in its way. NaN with none. */
    double best() {
        return runs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** The median of the server's CPU milliseconds per MB: the work it does for a transfer, which load hardly moves. NaN with none. */
    double cpuPerMegabyte() {
        return HttpRow.median(cpu.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
