package dev.socklab.bench;

/**
 * The latency percentiles of a run, in microseconds, each within about 1% of the true value
 * (see {@link LatencyHistogram}), and the longest.
 *
 * @param samples how many operations were timed; 0 when none completed, and the percentiles are then 0
 * @param p50 the median
 * @param p99 the 99th percentile
 * @param p999 the 99.9th percentile
 * @param max the longest, exactly
 */
public record Latency(long samples, double p50, double p99, double p999, double max) {
    /** No operation was timed. */
    public static final Latency NONE = new Latency(0, 0, 0, 0, 0);

    /** Whether any operation was timed, so that the percentiles mean something. */
    public boolean measured() {
        return samples > 0;
    }
}
