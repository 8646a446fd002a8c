package dev.socklab.benchmarks.compare;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The processes the comparison started and has not yet seen end, so that each is stopped by its
 * PID however the comparison ends: in the {@code finally} of its run, or by the shutdown hook on
 * Ctrl-C. Nothing else is ever signalled.
 */
final class Children {
    /** How long a process may take to stop after SIGTERM before it is killed. */
    static final long STOP_SECONDS = 15;

    private final Set<Process> live = ConcurrentHashMap.newKeySet();

    /** Starts {@code builder}'s process and remembers it. */
    Process start(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        live.add(process);
        return process;
    }

    /**
     * SIGTERM to the process's PID, then SIGKILL to it and to any process it started if it has
     * not ended within {@link #STOP_SECONDS}.
     *
     * @return how it ended, for the report: {@code stopped}, or {@code killed after 15 s}
     */
    String stop(Process process) {
        try {
            if (!process.isAlive()) {
                return "had exited (" + process.exitValue() + ")";
            }
            process.destroy(); // SIGTERM, by PID
            if (process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                return "stopped";
            }
            // A launcher script may have a build of its own running: end what it started, by PID.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
            return "killed: did not stop within " + STOP_SECONDS + " s of SIGTERM";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return "killed: interrupted while stopping";
        } finally {
            live.remove(process);
        }
    }

    /** Stops every process still running; for the shutdown hook. */
    void stopAll() {
        for (Process p : Set.copyOf(live)) {
            stop(p);
        }
    }
}
