package dev.socklab.benchmarks.compare;

import java.nio.file.Path;

/**
 * One run with strace counting the server's system calls for as long as the load runs. strace
 * attaches to the server once it is serving, rather than starting it, so that the JVM's start-up
 * (tens of thousands of calls) is not counted against the round trips; the load generator runs
 * without its warm-up, so that the round trips it reports are all that strace saw. strace stops
 * every thread at every system call, which slows the server many times over: the run tells how a
 * round trip is served, never how fast, and counts toward no median.
 */
final class TracedRun {
    private TracedRun() {
    }

    /**
     * Starts {@code side}'s server, runs {@code workload} against it under strace, and stops both.
     *
     * @param files the prefix of the run's files: its server log, strace's summary and messages, the load's report
     * @throws RunFailedException if the server, strace or the load generator fails, or strace writes no summary
     */
    static RunResult run(Children children, Launch launch, Scenario workload, Side side, Path files)
            throws RunFailedException {
        try (ServerProcess server = ServerProcess.start(children, side, launch, Path.of(files + ".server.log"))) {
            int port = server.port(workload.listener());
            try (StraceSession strace = StraceSession.attach(children, launch, server.pid(),
                    Path.of(files + ".strace.txt"), Path.of(files + ".strace.log"))) {
                RunReport load = LoadRun.run(children, launch, launch.tracedBench(workload, port),
                        Path.of(files + ".bench.json"), Path.of(files + ".bench.err"), () -> { });
                return new RunResult(load, ServerCost.NONE, strace.stop());
            }
        }
    }
}
