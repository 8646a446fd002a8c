package dev.socklab.services.daytime;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

import dev.socklab.runtime.SettingException;

/**
 * How the daytime service writes the date: RFC 867 leaves the format free, so the default is the
 * lab's, {@code 21/11/2026 09:30:00}.
 */
public final class DaytimeFormat {
    /** The lab's format, {@code dd/MM/yyyy HH:mm:ss}. */
    public static final String LAB = "dd/MM/yyyy HH:mm:ss";

    private DaytimeFormat() {
    }

    /**
     * {@code lab}, {@code iso} (ISO 8601 with offset, {@code 2026-11-21T09:30:00+01:00}),
     * {@code rfc1123} ({@code Sat, 21 Nov 2026 09:30:00 +0100}), or any {@code java.time} pattern.
     *
     * @throws SettingException with a sentence saying how to write one
     */
    public static DateTimeFormatter parse(String text) {
        return switch (text) {
            case "lab" -> DateTimeFormatter.ofPattern(LAB, Locale.ROOT);
            case "iso" -> DateTimeFormatter.ISO_OFFSET_DATE_TIME;
            case "rfc1123" -> DateTimeFormatter.RFC_1123_DATE_TIME;
            default -> {
                try {
                    yield DateTimeFormatter.ofPattern(text, Locale.ROOT);
                } catch (IllegalArgumentException e) {
                    throw new SettingException("'" + text + "' is not a date format: use lab, iso, rfc1123,"
                            + " or a java.time pattern such as 'yyyy-MM-dd HH:mm:ss'");
                }
            }
        };
    }
}
