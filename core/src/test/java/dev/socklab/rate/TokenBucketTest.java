package dev.socklab.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The bucket on a clock of the test's own: times are given, never read. */
class TokenBucketTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long T0 = 1_000 * SECOND;

    @Test
    void aFullBucketGivesItsBurstThenOneTokenPerIntervalOfTheRate() {
        TokenBucket bucket = new TokenBucket(5, 10, T0);
        for (int i = 0; i < 10; i++) {
            assertThat(bucket.take(T0)).as("token %d of the burst", i + 1).isTrue();
        }
        assertThat(bucket.take(T0)).isFalse();
        assertThat(bucket.take(T0 + SECOND / 5 - 1)).isFalse();
        assertThat(bucket.take(T0 + SECOND / 5)).isTrue();
    }

    @Test
    void itNeverSavesMoreThanItsBurst() {
        TokenBucket bucket = new TokenBucket(5, 2, T0);
        long later = T0 + 3600 * SECOND;
        assertThat(bucket.take(later)).isTrue();
        assertThat(bucket.take(later)).isTrue();
        assertThat(bucket.take(later)).isFalse();
    }

    @Test
    void itSaysHowLongUntilTheNextToken() {
        TokenBucket bucket = new TokenBucket(4, 1, T0);
        assertThat(bucket.nanosUntilToken(T0)).isZero();
        assertThat(bucket.take(T0)).isTrue();

        long wait = bucket.nanosUntilToken(T0);
        assertThat(wait).isEqualTo(SECOND / 4);
        assertThat(bucket.nanosUntilToken(T0 + SECOND / 8)).isEqualTo(SECOND / 8);
        assertThat(bucket.take(T0 + wait - 1)).isFalse();
        assertThat(bucket.take(T0 + wait)).isTrue();
    }

    @Test
    void aRateOrBurstBelowOneIsRefused() {
        assertThatThrownBy(() -> new TokenBucket(0, 10, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(5, 0, T0)).isInstanceOf(IllegalArgumentException.class);
    }
}
