package dev.socklab.services.arena;

import java.util.concurrent.TimeUnit;

/**
 * How long ticks took, as a histogram in microseconds with buckets a quarter of a power of two wide
 * (a bucket's top is at most 25% above any value in it), up to over an hour: 132 counters, with no
 * allocation per tick. One thread records; any may read.
 */
final class TickTimes {
    /** Four buckets to each power of two, for 2^0 to 2^32 microseconds. */
    private static final int SUB_BUCKETS = 4;
    private static final int BUCKETS = 33 * SUB_BUCKETS;

    private final long[] counts = new long[BUCKETS];
    private long count;
    private long maxMicros;

    synchronized void record(long nanos) {
        long micros = Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos));
        counts[bucket(micros)]++;
        count++;
        maxMicros = Math.max(maxMicros, micros);
    }

    /** Ticks recorded. */
    synchronized long count() {
        return count;
    }

    /** The longest tick, in microseconds. */
    synchronized long maxMicros() {
        return maxMicros;
    }

    /** The tick time at or below which {@code fraction} of the ticks took (0.99 for the 99th percentile), in microseconds, as its bucket's top; 0 with no ticks. */
    synchronized long percentileMicros(double fraction) {
        if (count == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(fraction * count);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= Math.max(rank, 1)) {
                return Math.min(top(i), maxMicros);
            }
        }
        return maxMicros;
    }

    /** The bucket of {@code micros}: 0 to 3 us each their own, then four to each power of two from 4 us up. */
    static int bucket(long micros) {
        if (micros < SUB_BUCKETS) {
            return (int) micros;
        }
        int power = 63 - Long.numberOfLeadingZeros(micros);
        int sub = (int) ((micros >>> (power - 2)) & (SUB_BUCKETS - 1));
        return Math.min(BUCKETS - 1, power * SUB_BUCKETS + sub);
    }

    /** The largest value bucket {@code i} holds, in microseconds. */
    static long top(int i) {
        if (i < SUB_BUCKETS) {
            return i;
        }
        int power = i / SUB_BUCKETS;
        long step = 1L << (power - 2);
        return (1L << power) + (i % SUB_BUCKETS + 1) * step - 1;
    }
}
