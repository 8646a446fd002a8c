package dev.socklab.services.arp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import dev.socklab.net.Host;

/** Shorthands for the tests: addresses from literals (never a lookup) and table files with a chosen time. */
final class TestAddresses {

    /** A fixed last-modified time, so that each rewrite can set a different one without sleeping. */
    static final Instant BASE_TIME = Instant.parse("2024-01-01T00:00:00Z");

    private TestAddresses() {
    }

    static InetAddress ip(String literal) {
        return ((Host.Literal) Host.parse(literal)).address();
    }

    static HardwareAddress hw(String text) {
        return HardwareAddress.parse(text);
    }

    /** Writes {@code text} and sets the last-modified time to {@code BASE_TIME} plus {@code second} seconds. */
    static Path write(Path file, String text, int second) {
        try {
            Files.writeString(file, text);
            Files.setLastModifiedTime(file, FileTime.from(BASE_TIME.plusSeconds(second)));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
