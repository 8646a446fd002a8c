package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import picocli.CommandLine.TypeConversionException;

/** Durations as written on the command line, without sockets. */
@Timeout(10)
class DurationConverterTest {
    private final DurationConverter converter = new DurationConverter();

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "500ms, PT0.5S",
            "5s,    PT5S",
            "2m,    PT2M",
            "1h,    PT1H",
            "PT3S,  PT3S",
            "' 5s ', PT5S",
            "0s,    PT0S"})
    void readsTheUnitsPeopleWrite(String text, Duration expected) {
        assertThat(converter.convert(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"5 parsecs", "5", "ms", "", "5S", "1.5s", "-5s", "5d"})
    void rejectsAnythingElseWithAnExample(String text) {
        assertThatThrownBy(() -> converter.convert(text))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage("'" + text + "' is not a duration; write it like 500ms, 5s, 2m or 1h");
    }
}
