package dev.socklab.benchmarks.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reading what a process wrote to its log file, possibly while it still writes. */
final class Logs {
    private static final int TAIL_LINES = 4;

    private Logs() {
    }

    /** The file's lines so far; none if it cannot be read. A half-written character reads as a replacement, never an error. */
    static List<String> lines(Path file) {
        return text(file).lines().toList();
    }

    static String text(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The last few lines, joined into one for a report: {@code ... | ... }; or a note that there were none. */
    static String tail(Path file) {
        List<String> lines = lines(file).stream().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            return "(it printed nothing)";
        }
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }
}
