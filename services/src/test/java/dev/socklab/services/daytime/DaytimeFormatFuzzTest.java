package dev.socklab.services.daytime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The {@code --daytime-format} value, arbitrary: a formatter that can write the daytime service's
 * date, or an IllegalArgumentException, so that a bad format fails at start-up and not on every
 * connection. See docs/security.md.
 */
class DaytimeFormatFuzzTest {
    private static final ZonedDateTime WHEN = ZonedDateTime.of(2026, 11, 21, 9, 30, 0, 0, ZoneId.of("Europe/Paris"));

    @FuzzTest(maxDuration = "30s")
    void daytimeFormatParseGivesAFormatterThatWritesTheDateOrIllegalArgumentException(byte[] data) {
        DateTimeFormatter format;
        try {
            format = DaytimeFormat.parse(new String(data, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(format.format(WHEN)).isNotNull();
    }
}
