package dev.socklab.text;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as socklab's users write them and read them, in one place: every option, message and
 * log line goes through here, so that what socklab prints it also reads back.
 *
 * <p>Written forms: {@code 500ms}, {@code 5s}, {@code 1.5s}, {@code 2m}, {@code 1h}, ISO 8601
 * ({@code PT5S}), and a bare {@code 0} for none.
 */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");
    private static final String FORMS = "write it like 500ms, 5s, 2m or 1h";

    private Durations() {
    }

    /**
     * Reads a duration as the documentation writes it.
     *
     * @throws IllegalArgumentException with a sentence and an example, if the text is no duration
     */
    public static Duration parse(String text) {
        String trimmed = text.strip();
        if (trimmed.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = SHORT.matcher(trimmed);
        if (m.matches()) {
            BigDecimal nanosPerUnit = BigDecimal.valueOf(switch (m.group(2)) {
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            });
            try {
                return Duration.ofNanos(new BigDecimal(m.group(1)).multiply(nanosPerUnit).longValueExact());
            } catch (ArithmeticException e) {
                // Past what a Duration in nanoseconds holds (about 292 years), or a fraction of a nanosecond.
                throw new IllegalArgumentException("'" + text + "' is not a duration socklab can use; " + FORMS);
            }
        }
        try {
            return Duration.parse(trimmed);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; " + FORMS);
        }
    }

    /**
     * The shortest exact written form, which {@link #parse} reads back: {@code 250ms}, {@code 1.5s},
     * {@code 30s}, {@code 2m}, {@code 1h}. Below a millisecond it rounds down.
     */
    public static String format(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
    }

    /** An elapsed time as the connection log shows it, to two or three figures: {@code 850 us}, {@code 12 ms}, {@code 1.5 s}. */
    public static String elapsed(long nanos) {
        if (nanos < 1_000_000) {
            return nanos / 1000 + " us";
        }
        if (nanos < 10_000_000_000L) {
            long tenths = nanos / 100_000;
            return tenths < 10_000 ? nanos / 1_000_000 + " ms" : tenths / 10_000 + "." + tenths / 1000 % 10 + " s";
        }
        return nanos / 1_000_000_000 + " s";
    }
}
