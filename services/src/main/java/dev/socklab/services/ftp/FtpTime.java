package dev.socklab.services.ftp;

import java.nio.file.attribute.FileTime;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** RFC 3659's time-val, {@code YYYYMMDDHHMMSS} in UTC: MDTM's answer, MLSx's {@code modify} fact, MFMT's argument. */
final class FtpTime {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

    private FtpTime() {
    }

    static String format(FileTime time) {
        return FORMAT.format(time.toInstant().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }

    /** Reads a time-val; fractions of a second ({@code .123}) are allowed and dropped. Empty if it is not one. */
    static Optional<FileTime> parse(String text) {
        int dot = text.indexOf('.');
        String seconds = dot < 0 ? text : text.substring(0, dot);
        if (seconds.length() != 14 || !seconds.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        try {
            Instant instant = LocalDateTime.parse(seconds, FORMAT).toInstant(ZoneOffset.UTC);
            return Optional.of(FileTime.from(instant));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
