package dev.socklab.bench;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import dev.socklab.net.SocketAddresses;

/**
 * What a process holds, read from {@code /proc} (Linux): its open file descriptors, its threads
 * (the kernel's: a JVM's carrier threads, not its virtual threads) and its resident memory.
 *
 * @param fds entries of {@code /proc/PID/fd}
 * @param threads the {@code Threads} line of {@code /proc/PID/status}
 * @param rssBytes the {@code VmRSS} line of {@code /proc/PID/status}, in bytes
 */
public record ServerVitals(long fds, long threads, long rssBytes) {
    /** Reads them for {@code pid}. */
    static ServerVitals read(long pid) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        long fds;
        try (Stream<Path> entries = Files.list(proc.resolve("fd"))) {
            fds = entries.count();
        }
        long threads = -1;
        long rss = -1;
        Path status = proc.resolve("status");
        for (String line : Files.readAllLines(status, StandardCharsets.ISO_8859_1)) {
            if (line.startsWith("Threads:")) {
                threads = number(status, line);
            } else if (line.startsWith("VmRSS:")) {
                rss = number(status, line) * 1024; // the kernel writes it in kB, which are KiB
            }
        }
        if (threads < 0 || rss < 0) {
            throw new IOException(status + " has no Threads or VmRSS line: is " + pid + " a kernel thread?");
        }
        return new ServerVitals(fds, threads, rss);
    }

    /** Whether {@code pid}'s file descriptors and status can be read, which needs its user or root. */
    static boolean readable(long pid) {
        try {
            read(pid);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Refuses a PID that does not hold the socket the run goes to: most likely that of the shell or
     * wrapper that started the server, whose figures would be measured without a word.
     */
    static void requireListening(long pid, SocketAddress target, boolean datagram) {
        boolean held;
        try {
            held = ListeningSocket.heldBy(pid, target, datagram);
        } catch (IOException | RuntimeException e) {
            throw new BenchPlanException("--server-pid " + pid + ": cannot tell from /proc whether it listens on "
                    + SocketAddresses.format(target) + ": " + e.getMessage());
        }
        if (!held) {
            throw new BenchPlanException("--server-pid " + pid + " does not hold the " + (datagram ? "UDP " : "")
                    + "socket at " + SocketAddresses.format(target) + ": give the PID of the server process itself"
                    + " (./socklab serve becomes its java process, so the PID it started with is the server's)");
        }
    }

    private static long number(Path status, String line) throws IOException {
        String[] fields = line.substring(line.indexOf(':') + 1).strip().split("\\s+");
        try {
            return Long.parseLong(fields[0]);
        } catch (NumberFormatException e) {
            throw new IOException(status + " has an unreadable line: " + line, e);
        }
    }
}
