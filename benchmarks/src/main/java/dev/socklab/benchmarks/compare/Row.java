package dev.socklab.benchmarks.compare;

/**
 * One line of the results: a workload's medians on one metric, their ratio, and the verdict.
 *
 * @param workload the workload's name
 * @param metric   what is compared
 * @param socklab  socklab's median, NaN with no successful run
 * @param netty    Netty's median, NaN with no successful run
 * @param verdict  the target met or not
 * @param notes    what qualifies the numbers: failed runs, errors, a load-bound generator; empty when nothing does
 */
record Row(String workload, Metric metric, double socklab, double netty, Verdict verdict, String notes) {
    /** socklab over Netty; NaN when either is missing or Netty's is zero. */
    double ratio() {
        return Double.isNaN(socklab) || Double.isNaN(netty) || netty == 0 ? Double.NaN : socklab / netty;
    }
}
