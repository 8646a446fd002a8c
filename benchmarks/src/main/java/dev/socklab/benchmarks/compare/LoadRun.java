package dev.socklab.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One run of the load generator, {@code socklab bench ... --json}, against a server that is ready. */
final class LoadRun {
    /**
     * What a run may take beyond its duration: the JVM starting, 10,000 connections opening and
     * closing. Past it the run is stopped and reported as failed.
     */
    static final Duration GRACE = Duration.ofSeconds(90);
    /** How often the run's sampler is called while the load generator runs. */
    static final Duration SAMPLE_INTERVAL = Duration.ofMillis(50);

    private LoadRun() {
    }

    /**
     * Runs the load generator's {@code command} to its end and reads its report, calling
     * {@code sample} once it has started (before it loads: its JVM is starting), every
     * {@link #SAMPLE_INTERVAL} while it runs, and once after it ended. A report is taken even when
     * the load generator exits with an error code, since it counts failed operations itself.
     *
     * @throws RunFailedException if it cannot start, overruns, or prints no report
     */
    static RunReport run(Children children, Launch launch, List<String> command, Path out, Path err,
                         Runnable sample) throws RunFailedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(launch.root().toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        Process process;
        try {
            process = children.start(builder);
        } catch (IOException e) {
            throw new RunFailedException("cannot start the load generator: " + e.getMessage());
        }
        try {
            Duration limit = launch.duration().plus(GRACE);
            long deadline = System.nanoTime() + limit.toNanos();
            sample.run();
            while (!process.waitFor(SAMPLE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() - deadline > 0) {
                    throw new RunFailedException("the load generator did not finish within " + limit.toSeconds() + " s");
                }
                sample.run();
            }
            sample.run();
            try {
                return RunReport.parseAll(Logs.text(out)).getFirst();
            } catch (RunFailedException e) {
                throw new RunFailedException("the load generator exited with code " + process.exitValue()
                        + " and " + e.getMessage() + ": " + Logs.tail(err));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunFailedException("interrupted during the run");
        } finally {
            children.stop(process);
        }
    }
}
