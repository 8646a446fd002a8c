package dev.socklab.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * strace attached to a running server, counting the system calls of all its threads
 * ({@code strace -c -f -p PID}) until it is stopped, when it detaches and writes its summary. The
 * server goes on as before; only strace is stopped.
 */
final class StraceSession implements AutoCloseable {
    /** How long strace may take to attach to every thread of the server. */
    static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(15);
    private static final long POLL_MILLIS = 50;

    private final Children children;
    private final Process strace;
    private final Path summary;

    private StraceSession(Children children, Process strace, Path summary) {
        this.children = children;
        this.strace = strace;
        this.summary = summary;
    }

    /**
     * Attaches strace to {@code pid} and waits until it traces every thread, which it says in
     * {@code Process N attached with M threads}.
     *
     * @param summary  where strace writes its summary
     * @param messages where its own messages go
     * @throws RunFailedException if strace cannot start or attach, or does not within {@link #ATTACH_TIMEOUT}; it is stopped then
     */
    static StraceSession attach(Children children, Launch launch, long pid, Path summary, Path messages)
            throws RunFailedException {
        Process strace;
        try {
            strace = children.start(new ProcessBuilder(launch.strace(pid, summary)).directory(launch.root().toFile())
                    .redirectErrorStream(true).redirectOutput(messages.toFile()));
        } catch (IOException e) {
            throw new RunFailedException("cannot start strace: " + e.getMessage());
        }
        try {
            awaitAttached(strace, messages);
            return new StraceSession(children, strace, summary);
        } catch (RunFailedException e) {
            children.stop(strace);
            throw e;
        }
    }

    private static void awaitAttached(Process strace, Path messages) throws RunFailedException {
        long deadline = System.nanoTime() + ATTACH_TIMEOUT.toNanos();
        while (Logs.lines(messages).stream().noneMatch(l -> l.contains(" attached"))) {
            if (!strace.isAlive()) {
                throw new RunFailedException("strace could not attach to the server (" + Logs.tail(messages)
                        + "); where kernel.yama.ptrace_scope is 1 or 2, only root may attach to a process");
            }
            if (System.nanoTime() - deadline > 0) {
                throw new RunFailedException("strace did not attach within " + ATTACH_TIMEOUT.toSeconds() + " s: "
                        + Logs.tail(messages));
            }
            try {
                Thread.sleep(POLL_MILLIS); // strace says it attached by no other means than the line
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RunFailedException("interrupted while strace attached");
            }
        }
    }

    /**
     * Stops strace by SIGTERM, on which it detaches and writes its summary, and reads the summary.
     *
     * @throws RunFailedException if strace wrote none
     */
    SyscallCounts stop() throws RunFailedException {
        close();
        return SyscallCounts.parse(Logs.text(summary));
    }

    /** Stops strace, if it still runs, without reading its summary: for a run that failed. */
    @Override
    public void close() {
        children.stop(strace);
    }
}
