package dev.socklab.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Durations as written and printed, without sockets. */
@Timeout(10)
class DurationsTest {
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "500ms,  PT0.5S",
            "5s,     PT5S",
            "1.5s,   PT1.5S",
            "2m,     PT2M",
            "1h,     PT1H",
            "PT3S,   PT3S",
            "' 5s ', PT5S",
            "0s,     PT0S",
            "0,      PT0S"})
    void readsTheFormsTheDocumentationWrites(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"5 parsecs", "5", "ms", "", "5S", "-5s", "5d", "1.s", "0.0000000001s"})
    void rejectsAnythingElseWithAnExample(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'" + text + "' is not a duration")
                .hasMessageEndingWith("write it like 500ms, 5s, 2m or 1h");
    }

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource({
            "PT0S,     0ms",
            "PT0.25S,  250ms",
            "PT1.5S,   1.5s",
            "PT30S,    30s",
            "PT90S,    90s",
            "PT2M,     2m",
            "PT30M,    30m",
            "PT1H,     1h",
            "PT1H0.5S, 3600.5s"})
    void printsTheShortestExactForm(Duration d, String text) {
        assertThat(Durations.format(d)).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PT0.25S", "PT1.5S", "PT30S", "PT90S", "PT2M", "PT1H", "PT1H0.5S", "PT0S"})
    void readsBackWhatItPrints(Duration d) {
        assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }

    @ParameterizedTest(name = "{0} ns is {1}")
    @CsvSource({"850000, 850 us", "12000000, 12 ms", "1500000000, 1.5 s", "60000000000, 60 s"})
    void elapsedTimesReadAsTheConnectionLogShowsThem(long nanos, String text) {
        assertThat(Durations.elapsed(nanos)).isEqualTo(text);
    }
}
