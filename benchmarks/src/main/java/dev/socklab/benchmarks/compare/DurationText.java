package dev.socklab.benchmarks.compare;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as socklab's command line writes them: {@code 500ms}, {@code 10s}, {@code 2m}. */
final class DurationText {
    private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m|h)?");

    private DurationText() {
    }

    /**
     * Reads {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, or a bare number of seconds.
     *
     * @throws IllegalArgumentException if the text is none of those
     */
    static Duration parse(String text) {
        Matcher m = FORM.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: write it as 500ms, 10s or 2m");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** The shortest exact form: {@code 10s}, {@code 2m}, {@code 1500ms}. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    /** A rough human form for estimates: {@code 45s}, {@code 12 min}, {@code 1 h 05 min}. */
    static String rough(Duration d) {
        long s = d.toSeconds();
        if (s < 120) {
            return s + "s";
        }
        long min = (s + 30) / 60;
        return min < 60 ? min + " min" : String.format(Locale.ROOT, "%d h %02d min", min / 60, min % 60);
    }
}
