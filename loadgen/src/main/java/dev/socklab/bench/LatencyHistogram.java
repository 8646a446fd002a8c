package dev.socklab.bench;

/**
 * Latencies counted in a fixed array of log-linear buckets, from 1 µs to 60 s, as HdrHistogram
 * does it but small: each power of two is split into 64 equal buckets, so a bucket is at most
 * 1/64 (1.6%) of its values wide, and reporting its midpoint is within 0.8%. The array is fixed
 * (about 16 KiB), recording is an index computation and an increment, and one histogram per
 * thread is merged after the run, so the hot path shares nothing. Not thread-safe.
 */
final class LatencyHistogram {
    /** Below this, a latency is counted as 1 µs: the clock and the socket calls cost about that much. */
    static final long MIN_NANOS = 1_000;
    /** Above this, a latency is counted as 60 s: nothing a run waits for lasts longer. */
    static final long MAX_NANOS = 60_000_000_000L;
    private static final int SUB_BITS = 6;
    private static final int SUB_BUCKETS = 1 << SUB_BITS;
    private static final int BUCKETS = index(MAX_NANOS) + 1;

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;

    /** Counts one latency, in nanoseconds, clamped to 1 µs .. 60 s. */
    void record(long nanos) {
        long value = Math.clamp(nanos, MIN_NANOS, MAX_NANOS);
        counts[index(value)]++;
        total++;
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    /** Adds another histogram's counts to this one's. */
    void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    /** How many latencies were recorded. */
    long count() {
        return total;
    }

    /**
     * The latency, in nanoseconds, that {@code quantile} (0 &lt; q &le; 1) of the recorded ones do not
     * exceed: the midpoint of the bucket holding that rank, kept within the smallest and largest
     * recorded, so that a histogram of one value gives that value back. 0 when empty.
     */
    long valueAt(double quantile) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.clamp((long) Math.ceil(quantile * total), 1, total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.clamp(lowerBound(i) + width(i) / 2, min, max);
            }
        }
        return max; // unreachable: the counts add up to total
    }

    /** p50, p99, p999 and the longest, in microseconds. */
    Latency summary() {
        if (total == 0) {
            return Latency.NONE;
        }
        return new Latency(total, valueAt(0.50) / 1e3, valueAt(0.99) / 1e3, valueAt(0.999) / 1e3, max / 1e3);
    }

    /**
     * The bucket of a value: values below 128 have a bucket each; above, the power of two
     * {@code 2^m} holding the value picks a group of 64 buckets, and the six bits after its
     * leading one pick the bucket in the group.
     */
    static int index(long value) {
        if (value < 2 * SUB_BUCKETS) {
            return (int) value;
        }
        int magnitude = 63 - Long.numberOfLeadingZeros(value);
        int shift = magnitude - SUB_BITS;
        return shift * SUB_BUCKETS + (int) (value >>> shift);
    }

    /** The smallest value in bucket {@code index}. */
    static long lowerBound(int index) {
        if (index < 2 * SUB_BUCKETS) {
            return index;
        }
        int shift = index / SUB_BUCKETS - 1;
        return (long) (index % SUB_BUCKETS + SUB_BUCKETS) << shift;
    }

    /** How many values bucket {@code index} holds. */
    static long width(int index) {
        return index < 2 * SUB_BUCKETS ? 1 : 1L << (index / SUB_BUCKETS - 1);
    }
}
