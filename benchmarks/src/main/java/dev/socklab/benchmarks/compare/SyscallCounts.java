package dev.socklab.benchmarks.compare;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The system calls of a server's threads while strace was attached, from the summary of
 * {@code strace -c -f}.
 *
 * @param epollCtl  {@code epoll_ctl} calls: registering a socket, or re-arming a one-shot one
 * @param epollWait {@code epoll_wait} calls, with {@code epoll_pwait} and {@code epoll_pwait2}: where a
 *                  C library or an architecture uses those instead, they are the same wait
 * @param total     every system call
 */
record SyscallCounts(double epollCtl, double epollWait, double total) {
    /** Not counted: a run not under strace. */
    static final SyscallCounts NONE = new SyscallCounts(Double.NaN, Double.NaN, Double.NaN);

    /** A line of the summary: {@code % time, seconds, usecs/call, calls, [errors,] syscall}. */
    private static final Pattern LINE =
            Pattern.compile("^\\s*[\\d.]+\\s+[\\d.]+\\s+\\d+\\s+(\\d+)\\s+(?:\\d+\\s+)?(\\S+)\\s*$");

    /**
     * Reads the counts out of strace's summary.
     *
     * @throws RunFailedException if it has no {@code total} line: strace wrote no summary
     */
    static SyscallCounts parse(String summary) throws RunFailedException {
        Map<String, Long> calls = byName(summary);
        long wait = calls.getOrDefault("epoll_wait", 0L) + calls.getOrDefault("epoll_pwait", 0L)
                + calls.getOrDefault("epoll_pwait2", 0L);
        return new SyscallCounts(calls.getOrDefault("epoll_ctl", 0L), wait, calls.get("total"));
    }

    /**
     * Every system call of strace's summary with its count, and {@code total}.
     *
     * @throws RunFailedException if it has no {@code total} line: strace wrote no summary
     */
    static Map<String, Long> byName(String summary) throws RunFailedException {
        Map<String, Long> calls = new LinkedHashMap<>();
        for (String line : summary.lines().toList()) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                calls.merge(m.group(2), Long.parseLong(m.group(1)), Long::sum);
            }
        }
        if (!calls.containsKey("total")) {
            throw new RunFailedException("strace wrote no summary of system calls");
        }
        return calls;
    }
}
