package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import picocli.CommandLine.TypeConversionException;

/** An option's duration, without sockets: the forms themselves are {@code DurationsTest}'s. */
@Timeout(10)
class DurationConverterTest {
    private final DurationConverter converter = new DurationConverter();

    @Test
    void readsWhatDurationsReads() {
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void aMistakeIsPicocliConversionErrorWithTheSameSentence() {
        assertThatThrownBy(() -> converter.convert("5 parsecs"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage("'5 parsecs' is not a duration; write it like 500ms, 5s, 2m or 1h");
    }
}
