package dev.socklab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --source-range}: loopback alone, and taken in turn. */
class SourceRangeTest {
    @Test
    void aRangeOffLoopbackIsRefusedInOneSentence() {
        assertThatThrownBy(() -> SourceRange.parse("10.0.0.1-10.0.0.9"))
                .isInstanceOf(BenchPlanException.class)
                .hasMessage("--source-range 10.0.0.1-10.0.0.9 is not on loopback: source addresses must lie in "
                        + "127.0.0.1-127.255.255.254, such as 127.0.0.2-127.0.0.254");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.0-127.0.0.9", "127.0.0.2-128.0.0.1", "126.255.255.255-127.0.0.3",
            "0.0.0.0-127.0.0.1", "127.0.0.2-127.255.255.255"})
    void aRangeThatLeavesLoopbackAnywhereIsRefused(String text) {
        assertThatThrownBy(() -> SourceRange.parse(text)).isInstanceOf(BenchPlanException.class)
                .hasMessageContaining("is not on loopback");
    }

    @ParameterizedTest
    @ValueSource(strings = {"::1", "::1-::1", "127.0.0.1-", "-127.0.0.1", "127.0.0.1-127.0.0.2-127.0.0.3", "localhost"})
    void whatIsNotARangeOfIpv4AddressesIsRefused(String text) {
        assertThatThrownBy(() -> SourceRange.parse(text)).isInstanceOf(BenchPlanException.class)
                .hasMessageStartingWith("--source-range");
    }

    @Test
    void aBackwardRangeIsRefused() {
        assertThatThrownBy(() -> SourceRange.parse("127.0.0.9-127.0.0.2")).hasMessageContaining("runs backwards");
    }

    @Test
    void aLoopbackRangeIsAcceptedAndTakenInTurn() throws Exception {
        SourceRange range = SourceRange.parse("127.0.0.2-127.0.0.9");

        assertThat(range.size()).isEqualTo(8);
        assertThat(range).hasToString("127.0.0.2-127.0.0.9");
        Set<InetAddress> seen = new HashSet<>();
        for (int i = 0; i < 16; i++) {
            InetAddress next = range.next().getAddress();
            assertThat(range.contains(next)).as("%s in the range", next).isTrue();
            seen.add(next);
        }
        assertThat(seen).hasSize(8);
        assertThat(range.contains(InetAddress.getByName("127.0.0.10"))).isFalse();
    }

    @Test
    void oneAddressIsARangeOfOne() {
        assertThat(SourceRange.parse("127.0.0.5").size()).isEqualTo(1);
    }
}
