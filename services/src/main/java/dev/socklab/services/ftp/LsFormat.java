package dev.socklab.services.ftp;

import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * LIST's lines, as {@code ls -l} writes them and vsftpd sends them, which is what curl, lftp, wget and
 * Python's ftplib users parse: {@code -rw-r--r--    1 ftp      ftp          1234 Dec 06 19:42 name}. The
 * time is UTC, as vsftpd's by default; a time more than six months away shows its year instead.
 */
final class LsFormat {
    private static final DateTimeFormatter RECENT = DateTimeFormatter.ofPattern("MMM dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter OLD = DateTimeFormatter.ofPattern("MMM dd  uuuu", Locale.ROOT);
    private static final Duration HALF_A_YEAR = Duration.ofDays(182);

    private LsFormat() {
    }

    static String line(String name, BasicFileAttributes attributes, Instant now) {
        boolean dir = attributes.isDirectory();
        Instant modified = attributes.lastModifiedTime().toInstant();
        ZonedDateTime time = modified.atZone(ZoneOffset.UTC);
        boolean recent = Duration.between(modified, now).abs().compareTo(HALF_A_YEAR) < 0;
        return String.format(Locale.ROOT, "%s %4d %-8s %-8s %8d %s %s", dir ? "drwxr-xr-x" : "-rw-r--r--",
                dir ? 2 : 1, "ftp", "ftp", attributes.size(), (recent ? RECENT : OLD).format(time), name);
    }
}
