package dev.socklab.bench;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/**
 * The CPU time a server process used over a run's counted part, read through {@link ProcessHandle}
 * (on Linux, {@code /proc/PID/stat}) when counting starts and again when the run is over: how many
 * cores the server kept busy while the bots played.
 */
final class ServerCpu {
    private final long pid;
    private final long fromNanos;
    private final Duration fromCpu;

    private ServerCpu(long pid, long fromNanos, Duration fromCpu) {
        this.pid = pid;
        this.fromNanos = fromNanos;
        this.fromCpu = fromCpu;
    }

    /**
     * Waits for the counted part of {@code window} to start and reads the server's CPU time then; empty
     * if it cannot be read (the process is gone), which the result shows as not measured.
     */
    static Optional<ServerCpu> from(long pid, Window window) throws InterruptedException {
        long wait = window.measureStart() - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        long now = System.nanoTime();
        return cpu(pid).map(cpu -> new ServerCpu(pid, now, cpu));
    }

    /** The cores the server used from the start of counting to now; empty if the process is gone. */
    OptionalDouble cores() {
        long now = System.nanoTime();
        Optional<Duration> to = cpu(pid);
        if (to.isEmpty() || now - fromNanos <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((double) to.get().minus(fromCpu).toNanos() / (now - fromNanos));
    }

    private static Optional<Duration> cpu(long pid) {
        return ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration());
    }
}
