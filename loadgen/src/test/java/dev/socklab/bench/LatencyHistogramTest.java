package dev.socklab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

import org.junit.jupiter.api.Test;

/** The histogram against inputs whose percentiles are known, without sockets. */
class LatencyHistogramTest {
    private static final long MICROS = 1_000;

    @Test
    void uniformLatenciesGiveTheirPercentilesWithinTwoPercent() {
        LatencyHistogram h = new LatencyHistogram();
        for (long us = 1; us <= 100_000; us++) {
            h.record(us * MICROS);
        }

        Latency l = h.summary();

        assertThat(l.samples()).isEqualTo(100_000);
        assertThat(l.p50()).isCloseTo(50_000, withPercentage(2));
        assertThat(l.p99()).isCloseTo(99_000, withPercentage(2));
        assertThat(l.p999()).isCloseTo(99_900, withPercentage(2));
    }

    @Test
    void oneRepeatedLatencyComesBackExactly() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < 1000; i++) {
            h.record(1_234 * MICROS);
        }

        assertThat(h.summary()).isEqualTo(new Latency(1000, 1234, 1234, 1234, 1234));
    }

    @Test
    void aRareSlowTailShowsInP999AloneNotInP99() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < 9_990; i++) {
            h.record(100 * MICROS);
        }
        for (int i = 0; i < 10; i++) {
            h.record(50_000 * MICROS);
        }

        Latency l = h.summary();

        assertThat(l.p50()).isEqualTo(100);
        assertThat(l.p99()).isEqualTo(100);
        assertThat(l.p999()).isEqualTo(100);
        h.record(50_000 * MICROS); // one more slow one tips the 99.9th percentile over
        assertThat(h.summary().p999()).isCloseTo(50_000, withPercentage(2));
    }

    @Test
    void mergingThreadsHistogramsEqualsRecordingIntoOne() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        LatencyHistogram both = new LatencyHistogram();
        for (long us = 1; us <= 10_000; us++) {
            (us % 2 == 0 ? a : b).record(us * MICROS);
            both.record(us * MICROS);
        }

        a.add(b);

        assertThat(a.summary()).isEqualTo(both.summary());
    }

    @Test
    void latenciesOutsideOneMicrosecondToSixtySecondsAreClamped() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(10);
        assertThat(h.summary().p50()).isEqualTo(1.0);

        LatencyHistogram slow = new LatencyHistogram();
        slow.record(3_600_000_000_000L);
        assertThat(slow.summary().p999()).isEqualTo(60_000_000.0);
    }

    @Test
    void anEmptyHistogramMeasuredNothing() {
        assertThat(new LatencyHistogram().summary()).isEqualTo(Latency.NONE);
        assertThat(Latency.NONE.measured()).isFalse();
    }

    @Test
    void everyBucketHoldsValuesWithinOnePointSixPercentOfEachOther() {
        for (long v = LatencyHistogram.MIN_NANOS; v <= LatencyHistogram.MAX_NANOS; v = v * 17 / 16 + 1) {
            int i = LatencyHistogram.index(v);
            long low = LatencyHistogram.lowerBound(i);
            assertThat(v).isBetween(low, low + LatencyHistogram.width(i) - 1);
            assertThat((double) LatencyHistogram.width(i) / low).isLessThanOrEqualTo(1.0 / 64 + 1e-9);
            assertThat(LatencyHistogram.index(low + LatencyHistogram.width(i))).isEqualTo(i + 1);
        }
        assertThat(LatencyHistogram.index(LatencyHistogram.MAX_NANOS)).isLessThan(2048);
        assertThat((double) LatencyHistogram.lowerBound(LatencyHistogram.index(1_000))).isCloseTo(1_000, within(8.0));
    }
}
