package dev.socklab.benchmarks.compare;

import java.util.Map;

/**
 * A transfer made with strace attached to the server: its system calls, all threads and children.
 *
 * @param server   the server
 * @param testCase the case
 * @param bytes    the bytes transferred
 * @param calls    each system call's count, and {@code total}
 */
record TracedTransfer(FileServer server, FileCase testCase, long bytes, Map<String, Long> calls) {
    TracedTransfer {
        calls = Map.copyOf(calls);
    }

    /** {@code name}'s calls per MB (10^6 bytes) transferred. */
    double perMegabyte(String name) {
        return calls.getOrDefault(name, 0L) / (bytes / 1e6);
    }
}
