package dev.socklab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The rate table in memory, with the clock given: a source in its cool-off is remembered until it
 * ends whatever other sources come, and both tables stay bounded.
 */
class SourceRateTest {
    private static final long COOL_OFF = TimeUnit.SECONDS.toNanos(60);
    private static final InetAddress COOLING = address(0);

    @Test
    void aSourceCoolingOffIsNotForgottenWhenTenThousandOthersConnect() {
        SourceRate table = new SourceRate(1, COOL_OFF);
        long now = 0;
        assertThat(table.tryTake(COOLING, now)).isTrue();
        assertThat(table.tryTake(COOLING, now)).as("over the rate: the cool-off starts").isFalse();
        for (int i = 1; i <= SourceRate.MAX_SOURCES + 1; i++) {
            now += 1000;
            assertThat(table.tryTake(address(i), now)).as("source %d, within its rate", i).isTrue();
        }
        now += TimeUnit.SECONDS.toNanos(2); // the bucket alone would have a token again
        assertThat(table.tryTake(COOLING, now)).as("still in its cool-off").isFalse();
        assertThat(table.tryTake(COOLING, COOL_OFF)).as("once the cool-off ends").isTrue();
        assertThat(table.coolOffsNotKept()).isZero();
    }

    @Test
    void whenTheCoolOffsFillTheTableTheNextOffenderIsCountedAndHeldToItsBucket() {
        SourceRate table = new SourceRate(1, COOL_OFF);
        long now = 0;
        for (int i = 0; i < SourceRate.MAX_SOURCES; i++) {
            assertThat(table.tryTake(address(i), now)).isTrue();
            assertThat(table.tryTake(address(i), now)).isFalse();
        }
        InetAddress late = address(SourceRate.MAX_SOURCES);
        assertThat(table.tryTake(late, now)).isTrue();
        assertThat(table.tryTake(late, now)).as("over the rate, though its cool-off is not kept").isFalse();
        assertThat(table.coolOffsNotKept()).isEqualTo(1);
        now += TimeUnit.SECONDS.toNanos(2);
        assertThat(table.tryTake(late, now)).as("its bucket has a token again").isTrue();
        for (int i = 0; i < SourceRate.MAX_SOURCES; i++) {
            assertThat(table.tryTake(address(i), now)).as("source %d, still cooling off", i).isFalse();
        }
        // Once they end, the table makes room again.
        now = COOL_OFF + 1;
        assertThat(table.tryTake(address(0), now)).isTrue();
        InetAddress later = address(SourceRate.MAX_SOURCES + 1);
        assertThat(table.tryTake(later, now)).isTrue();
        assertThat(table.tryTake(later, now)).isFalse();
        assertThat(table.tryTake(later, now + TimeUnit.SECONDS.toNanos(2))).as("its cool-off is kept").isFalse();
        assertThat(table.coolOffsNotKept()).isEqualTo(1);
    }

    /** A distinct source for each {@code i}: 10.x.y.z. */
    private static InetAddress address(int i) {
        try {
            return InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
