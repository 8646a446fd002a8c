package dev.socklab.services.http.files;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * Dates as HTTP writes them (RFC 9110 §5.6.7): IMF-fixdate, {@code Sun, 06 Nov 1994 08:49:37 GMT}.
 * The JDK's {@link DateTimeFormatter#RFC_1123_DATE_TIME} reads it, but writes a day before the
 * 10th with one digit, which IMF-fixdate does not allow; so the writing has its own pattern.
 */
final class HttpDate {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private HttpDate() {
    }

    /** {@code instant} as an IMF-fixdate, to the second. */
    static String format(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }

    /**
     * The instant {@code text} names, if it is an IMF-fixdate; the obsolete formats a recipient
     * may also read are read as no date, which makes a condition false, the safe way: the client
     * gets the whole file.
     */
    static Optional<Instant> parse(String text) {
        try {
            return Optional.of(ZonedDateTime.parse(text.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
