package dev.socklab.rpc;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.Optional;

/**
 * XML-RPC's {@code dateTime.iso8601}: written as the specification's example and Python's
 * {@code DateTime} write it ({@code 19980717T14:08:55}), read in that form or ISO 8601's extended
 * one ({@code 1998-07-17T14:08:55}), with fractions of a second and an offset, which other
 * implementations send; a time with an offset is read as the same instant in UTC.
 */
final class XmlRpcDateTime {
    private static final DateTimeFormatter WRITE = DateTimeFormatter.ofPattern("uuuuMMdd'T'HH:mm:ss");
    private static final DateTimeFormatter READ = new DateTimeFormatterBuilder()
            .appendPattern("[uuuuMMdd][uuuu-MM-dd]'T'HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private XmlRpcDateTime() {
    }

    /** {@code time} as XML-RPC writes it, to the second. */
    static String format(LocalDateTime time) {
        return WRITE.format(time.truncatedTo(ChronoUnit.SECONDS));
    }

    /** The time {@code text} says, in UTC where it names an offset; empty if it is no such time. */
    static Optional<LocalDateTime> parse(String text) {
        try {
            TemporalAccessor parsed = READ.parse(text.strip());
            LocalDateTime local = LocalDateTime.from(parsed);
            if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
                ZoneOffset offset = ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS));
                local = local.atOffset(offset).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            }
            return Optional.of(local);
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
