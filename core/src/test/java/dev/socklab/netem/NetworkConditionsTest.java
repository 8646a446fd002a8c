package dev.socklab.netem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Network conditions are checked as they are made, read from percentages, and described for a person. */
class NetworkConditionsTest {
    @Test
    void noneChangesNothingAndSaysSo() {
        assertThat(NetworkConditions.NONE.isNone()).isTrue();
        assertThat(NetworkConditions.NONE.describe()).isEqualTo("none");
        assertThat(new NetworkConditions(Duration.ZERO, Duration.ofMillis(1), 0, 0, 0).isNone()).isFalse();
    }

    @Test
    void describeNamesOnlyTheConditionsSet() {
        assertThat(new NetworkConditions(Duration.ofMillis(100), Duration.ofMillis(20), 0.05, 0.02, 0.01).describe())
                .isEqualTo("lag 100ms, jitter 20ms, loss 5%, duplicate 2%, reorder 1%");
        assertThat(new NetworkConditions(Duration.ZERO, Duration.ZERO, 0.005, 0, 0.07).describe())
                .isEqualTo("loss 0.5%, reorder 7%");
        assertThat(new NetworkConditions(Duration.ofMillis(1500), Duration.ZERO, 0, 1, 0).describe())
                .isEqualTo("lag 1.5s, duplicate 100%");
    }

    @Test
    void jitterAloneIsAllowed() {
        assertThat(new NetworkConditions(Duration.ZERO, Duration.ofMillis(30), 0, 0, 0).describe()).isEqualTo("jitter 30ms");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            -1   | 0   | 0   | 0    | 0  | the lag cannot be negative: -1ms
            0    | -1  | 0   | 0    | 0  | the jitter cannot be negative: -1ms
            61000| 0   | 0   | 0    | 0  | the lag is at most 1m, not 61s
            0    | 0   | 1.5 | 0    | 0  | the loss is a fraction from 0 to 1 (0% to 100%), not 1.5
            0    | 0   | 0   | -0.1 | 0  | the duplicate is a fraction from 0 to 1 (0% to 100%), not -0.1
            0    | 0   | 0   | 0    | NaN| the reorder is a fraction from 0 to 1 (0% to 100%), not NaN
            """)
    void conditionsOutOfRangeAreRefusedInOneSentence(long lagMillis, long jitterMillis, double loss, double duplicate,
                                                      double reorder, String message) {
        assertThatThrownBy(() -> new NetworkConditions(Duration.ofMillis(lagMillis), Duration.ofMillis(jitterMillis),
                loss, duplicate, reorder)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource({"5%, 0.05", "5, 0.05", "0.5%, 0.005", "0, 0", "100%, 1", "' 2.5% ', 0.025"})
    void percentagesAreReadAsFractions(String text, double fraction) {
        assertThat(NetworkConditions.parsePercent(text)).isEqualTo(fraction);
    }

    @ParameterizedTest
    @ValueSource(strings = {"five", "-5%", "5%%", "0.05.1", "", "1e2", "NaN", "%"})
    void textThatIsNoPercentageIsRefusedWithAnExample(String text) {
        assertThatThrownBy(() -> NetworkConditions.parsePercent(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a percentage; write it like 5% or 0.5%");
    }

    @Test
    void percentageOverAHundredIsRefused() {
        assertThatThrownBy(() -> NetworkConditions.parsePercent("150%")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'150%' is more than 100%; write a percentage like 5% or 0.5%");
    }
}
