package dev.socklab.services.arena;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Tick times in a small histogram: percentiles within a quarter above the truth, the maximum exact. */
class TickTimesTest {
    @Test
    void eachValueLiesInItsBucketAndTheBucketsTopIsAtMostAQuarterAbove() {
        for (long micros = 0; micros < 100_000; micros++) {
            int bucket = TickTimes.bucket(micros);
            assertThat(TickTimes.top(bucket)).as("top of %d", micros).isGreaterThanOrEqualTo(micros)
                    .isLessThanOrEqualTo(micros + micros / 4 + 1);
            if (bucket > 0) {
                assertThat(TickTimes.top(bucket - 1)).as("top below %d", micros).isLessThan(micros);
            }
        }
    }

    @Test
    void percentilesAndTheMaximum() {
        TickTimes times = new TickTimes();
        for (int i = 1; i <= 100; i++) {
            times.record(TimeUnit.MICROSECONDS.toNanos(i * 100L));
        }

        assertThat(times.count()).isEqualTo(100);
        assertThat(times.maxMicros()).isEqualTo(10_000);
        assertThat(times.percentileMicros(0.5)).isBetween(5_000L, 6_250L);
        assertThat(times.percentileMicros(0.99)).isBetween(9_900L, 10_000L);
        assertThat(times.percentileMicros(1)).isEqualTo(10_000);
        assertThat(new TickTimes().percentileMicros(0.5)).isZero();
    }
}
