package dev.socklab.benchmarks.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * What a server process has used so far, read from {@code /proc} (Linux).
 *
 * @param voluntarySwitches {@code voluntary_ctxt_switches} summed over {@code /proc/PID/task/*}{@code /status}:
 *                          the threads alive when it was read. A thread that ends takes its count with it, so
 *                          a difference between two readings misses what threads that ended in between did
 * @param cpuTicks          {@code utime + stime} of {@code /proc/PID/stat}, in clock ticks: the whole process,
 *                          threads that ended included
 */
record ServerUsage(long voluntarySwitches, long cpuTicks) {
    private static final String SWITCHES = "voluntary_ctxt_switches:";
    /** utime's place among the fields after the command name's closing parenthesis ({@code state} is the first); stime follows. */
    private static final int UTIME = 11;

    /** Reads it for {@code pid}. */
    static ServerUsage read(long pid) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        long switches = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"))) {
            for (Path task : tasks) {
                try {
                    switches += voluntarySwitches(Files.readString(task.resolve("status"), StandardCharsets.ISO_8859_1));
                } catch (NoSuchFileException e) {
                    // The thread ended between the listing and the read: its count is gone with it.
                }
            }
        }
        return new ServerUsage(switches, cpuTicks(Files.readString(proc.resolve("stat"), StandardCharsets.ISO_8859_1)));
    }

    /** The {@code voluntary_ctxt_switches} line of a thread's {@code status}. */
    static long voluntarySwitches(String status) throws IOException {
        return status.lines().filter(l -> l.startsWith(SWITCHES)).findFirst()
                .map(l -> Long.parseLong(l.substring(SWITCHES.length()).strip()))
                .orElseThrow(() -> new IOException("a thread's status has no " + SWITCHES + " line"));
    }

    /** utime + stime of a process's {@code stat}; the command name may hold spaces and parentheses, so fields count from its last {@code )}. */
    static long cpuTicks(String stat) throws IOException {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 1).strip().split("\\s+");
        try {
            return Long.parseLong(fields[UTIME]) + Long.parseLong(fields[UTIME + 1]);
        } catch (RuntimeException e) {
            throw new IOException("a process's stat is not as Linux writes it: " + stat.strip());
        }
    }

    /** What was used since {@code earlier}. */
    ServerUsage since(ServerUsage earlier) {
        return new ServerUsage(voluntarySwitches - earlier.voluntarySwitches, cpuTicks - earlier.cpuTicks);
    }
}
