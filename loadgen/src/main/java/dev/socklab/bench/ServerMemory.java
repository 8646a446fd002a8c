package dev.socklab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A process's resident memory, from the {@code VmRSS} line of {@code /proc/PID/status} (Linux). */
final class ServerMemory {
    private ServerMemory() {
    }

    /** Whether {@code pid}'s memory can be read. */
    static boolean readable(long pid) {
        try {
            rssBytes(pid);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The resident set size of {@code pid}, in bytes. */
    static long rssBytes(long pid) throws IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        List<String> lines = Files.readAllLines(status, StandardCharsets.ISO_8859_1);
        for (String line : lines) {
            if (line.startsWith("VmRSS:")) {
                String[] fields = line.substring("VmRSS:".length()).strip().split("\\s+");
                try {
                    return Long.parseLong(fields[0]) * 1024; // the kernel writes it in kB, which are KiB
                } catch (NumberFormatException e) {
                    throw new IOException(status + " has an unreadable VmRSS line: " + line, e);
                }
            }
        }
        throw new IOException(status + " has no VmRSS line: is " + pid + " a kernel thread?");
    }
}
