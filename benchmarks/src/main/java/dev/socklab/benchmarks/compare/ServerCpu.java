package dev.socklab.benchmarks.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The CPU time a server has used, its children's included: tftpd-hpa and vsftpd serve each
 * transfer in a child process, whose time the kernel adds to the parent's {@code cutime} and
 * {@code cstime} once the parent has reaped it. A figure the machine's load hardly moves, unlike a
 * rate: the work a server does for a transfer. A server that ignores SIGCHLD (tftpd-hpa) has its
 * children reaped by the kernel, which then discards their times: its figure cannot be known.
 */
final class ServerCpu {
    /** utime's place among the fields after the command name's closing parenthesis; stime, cutime and cstime follow. */
    private static final int UTIME = 11;
    /** SIGCHLD's bit in {@code SigIgn}: signal 17, bit 16. */
    private static final long SIGCHLD_BIT = 1L << 16;
    /** How long a server may take to reap the child of a transfer that has ended. */
    private static final long REAP_MILLIS = 5000;

    private ServerCpu() {
    }

    /** Whether the children of {@code pid} have their CPU times added to its own: it does not ignore SIGCHLD. */
    static boolean keepsChildrenTimes(long pid) throws IOException {
        return keepsChildrenTimes(Files.readString(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.ISO_8859_1));
    }

    /** Whether a process's {@code status} leaves SIGCHLD's bit clear in {@code SigIgn}. */
    static boolean keepsChildrenTimes(String status) throws IOException {
        String mask = status.lines().filter(l -> l.startsWith("SigIgn:")).findFirst()
                .orElseThrow(() -> new IOException("a process's status has no SigIgn line")).substring("SigIgn:".length()).strip();
        return (Long.parseUnsignedLong(mask, 16) & SIGCHLD_BIT) == 0;
    }

    /**
     * The clock ticks of CPU that {@code pid} and its reaped children have used, once it has no
     * child left (or after 5 s: a child still running is then left out).
     */
    static long ticks(long pid) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REAP_MILLIS);
        while (ProcessHandle.of(pid).map(p -> p.children().findAny().isPresent()).orElse(false)
                && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(10); // a reaped child has no other signal than its absence
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1));
    }

    /** utime + stime + cutime + cstime of a {@code stat}, whose command name may hold spaces and parentheses. */
    static long ticks(String stat) throws IOException {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 1).strip().split("\\s+");
        try {
            long sum = 0;
            for (int i = UTIME; i < UTIME + 4; i++) {
                sum += Long.parseLong(fields[i]);
            }
            return sum;
        } catch (RuntimeException e) {
            throw new IOException("a process's stat is not as Linux writes it: " + stat.strip());
        }
    }
}
