package dev.socklab.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP's dates (RFC 9110 §5.6.7): written as IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37 GMT});
 * read in that form and in the two obsolete ones a recipient must still accept.
 */
public final class HttpDate {
    /** IMF-fixdate. The JDK's RFC_1123_DATE_TIME writes a one-digit day without its zero, which IMF-fixdate does not allow. */
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC_850 =
            DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** The {@code Date} field's value for the current second, made once a second. */
    private static volatile Cached now = new Cached(0, "");

    private record Cached(long second, String text) {
    }

    private HttpDate() {
    }

    /** {@code instant} as IMF-fixdate, to the second. */
    public static String format(Instant instant) {
        return IMF_FIXDATE.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** The current time as IMF-fixdate, for the {@code Date} field of each response. */
    public static String now() {
        long second = System.currentTimeMillis() / 1000;
        Cached cached = now;
        if (cached.second != second) {
            cached = new Cached(second, format(Instant.ofEpochSecond(second)));
            now = cached;
        }
        return cached.text;
    }

    /** {@code text} as a date in any of HTTP's three forms, or empty if it is none of them. */
    public static Optional<Instant> parse(String text) {
        for (DateTimeFormatter form : new DateTimeFormatter[] {IMF_FIXDATE, RFC_850, ASCTIME}) {
            try {
                return Optional.of(ZonedDateTime.parse(text, form).toInstant());
            } catch (DateTimeParseException e) {
                // Not this form: try the next.
            }
        }
        return Optional.empty();
    }
}
