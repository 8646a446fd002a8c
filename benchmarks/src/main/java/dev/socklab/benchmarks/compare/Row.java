package dev.socklab.benchmarks.compare;

import java.util.Map;

/**
 * One line of the results: a workload's medians on one metric, one per server, and the verdict.
 *
 * @param workload the workload's name
 * @param metric   what is compared
 * @param medians  each server's median; a server that did not run, or had no successful run, has none
 * @param verdict  the target met or not, on socklab's default engine when it ran (see {@link WorkloadRuns})
 * @param notes    what qualifies the numbers: failed runs, errors, a load-bound generator; empty when nothing does
 */
record Row(String workload, Metric metric, Map<Side, Double> medians, Verdict verdict, String notes) {
    Row {
        medians = Map.copyOf(medians);
    }

    /** {@code side}'s median; NaN when it has none. */
    double median(Side side) {
        return medians.getOrDefault(side, Double.NaN);
    }

    /** {@code side}'s median over Netty's; NaN when either is missing or Netty's is zero. */
    double ratio(Side side) {
        double value = median(side);
        double netty = median(Side.NETTY);
        return Double.isNaN(value) || Double.isNaN(netty) || netty == 0 ? Double.NaN : value / netty;
    }
}
