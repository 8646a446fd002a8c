package dev.socklab.benchmarks.compare;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One load the servers are compared under: which {@code socklab bench} workload, against which
 * listener, with how many connections and what message size, and the metrics it is judged on.
 *
 * @param family      the name {@code --only} selects it by: pingpong, stream, connect, udp, idle
 * @param name        how the table names it
 * @param bench       the {@code socklab bench} workload
 * @param listener    the server listener it runs against, such as {@code echo/tcp}
 * @param connections connections, loops or sockets
 * @param size        message size in bytes, or 0 when the workload takes none
 * @param metrics     what it is judged on, the headline first
 */
record Scenario(String family, String name, String bench, String listener, int connections, int size,
                List<Metric> metrics) {
    /** The families, in the order they run. */
    static final List<String> FAMILIES = List.of("pingpong", "stream", "connect", "udp", "idle");

    private static final int SMALL = 64;
    private static final int LARGE = 64 * 1024;
    private static final int IDLE_CONNECTIONS = 10_000;
    private static final int TRACED_CONNECTIONS = 100;

    /** Every workload of the comparison, in the order they run. */
    static List<Scenario> all() {
        List<Metric> rate = List.of(Metric.OPS_PER_SECOND, Metric.P99_LATENCY, Metric.ROUND_TRIPS_PER_CPU_SECOND,
                Metric.SERVER_CPU_SECONDS, Metric.VOLUNTARY_SWITCHES_PER_ROUND_TRIP);
        return List.of(
                new Scenario("pingpong", "pingpong 64 B, 1 connection", "pingpong", "echo/tcp", 1, SMALL, rate),
                new Scenario("pingpong", "pingpong 64 B, 100 connections", "pingpong", "echo/tcp", 100, SMALL, rate),
                new Scenario("pingpong", "pingpong 64 B, 1000 connections", "pingpong", "echo/tcp", 1000, SMALL, rate),
                new Scenario("stream", "stream 64 KiB, 1 connection", "stream", "echo/tcp", 1, LARGE,
                        List.of(Metric.BYTES_PER_SECOND)),
                new Scenario("stream", "stream 64 KiB, 16 connections", "stream", "echo/tcp", 16, LARGE,
                        List.of(Metric.BYTES_PER_SECOND)),
                new Scenario("connect", "connect, 32 loops (greeting)", "connect", "hello/tcp", 32, 0,
                        List.of(Metric.OPS_PER_SECOND)),
                new Scenario("udp", "udp echo 64 B, 16 sockets", "udp", "echo/udp", 16, SMALL,
                        List.of(Metric.OPS_PER_SECOND)),
                new Scenario("idle", "idle, 10000 connections", "idle", "echo/tcp", IDLE_CONNECTIONS, 0,
                        List.of(Metric.SERVER_BYTES_PER_CONNECTION)));
    }

    /** The run {@code --strace} adds for each server: pingpong at 100 connections, judged on its system calls alone. */
    static Scenario traced() {
        return new Scenario("pingpong", "pingpong 64 B, " + TRACED_CONNECTIONS + " connections, strace -c -f", "pingpong",
                "echo/tcp", TRACED_CONNECTIONS, SMALL, List.of(Metric.EPOLL_CTL_PER_ROUND_TRIP,
                        Metric.EPOLL_WAIT_PER_ROUND_TRIP, Metric.SYSCALLS_PER_ROUND_TRIP));
    }

    /** The workloads of the families named, in running order; all of them for an empty set. */
    static List<Scenario> only(Set<String> families) {
        Stream<Scenario> all = all().stream();
        return (families.isEmpty() ? all : all.filter(w -> families.contains(w.family()))).toList();
    }

    /** Whether the server's context switches and CPU time are read from {@code /proc} while the load runs. */
    boolean measuresServerCost() {
        return metrics.contains(Metric.VOLUNTARY_SWITCHES_PER_ROUND_TRIP);
    }

    /** Whether the server's memory is what is measured, so the load generator needs its PID. */
    boolean measuresServerMemory() {
        return metrics.contains(Metric.SERVER_BYTES_PER_CONNECTION);
    }
}
