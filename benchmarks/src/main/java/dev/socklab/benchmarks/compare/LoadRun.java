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

    private LoadRun() {
    }

    /**
     * Runs the load generator to its end and reads its report. A report is taken even when the
     * load generator exits with an error code, since it counts failed operations itself.
     *
     * @throws RunFailedException if it cannot start, overruns, or prints no report
     */
    static RunReport run(Children children, Launch launch, Scenario workload, ServerProcess server,
                           Path out, Path err) throws RunFailedException {
        List<String> command = launch.bench(workload, server.port(workload.listener()), server.pid());
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
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new RunFailedException("the load generator did not finish within " + limit.toSeconds() + " s");
            }
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
