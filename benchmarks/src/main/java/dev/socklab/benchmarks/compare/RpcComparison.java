package dev.socklab.benchmarks.compare;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.socklab.text.Durations;

/**
 * socklab's rpc service side by side with Python's: JSON-RPC over TCP and over HTTP kept alive, and
 * XML-RPC over HTTP, against {@code SimpleXMLRPCServer} with {@code ThreadingMixIn} and JSON-RPC
 * servers of the same shape ({@code benchmarks/python/rpc_servers.py}), with socklab's own echo
 * ping-pong as the latency baseline; every row loaded by {@code socklab bench} at the same
 * concurrency, with the same call. In each round every server in turn starts on free ports of
 * 127.0.0.1 and the server's core, has each of its rows run on the other core, and stops, so that
 * a drifting machine drifts on all of them; the table gives the medians over the rounds. Every
 * process started is stopped by its PID, and every run has a time limit.
 */
public final class RpcComparison {
    /** socklab met both targets on every RPC row. */
    public static final int ALL_MET = 0;
    /** socklab missed a target on some row, or a row lacks a number. */
    public static final int NOT_MET = 1;
    /** No socklab build: there is no load generator, and no socklab to measure. */
    public static final int CANNOT_RUN = 3;

    private final RpcCompareOptions options;
    private final String commandLine;
    private final PrintStream out;
    private final Children children = new Children();
    private final Map<RpcCase, List<RunReport>> results = new EnumMap<>(RpcCase.class);
    private final Map<RpcCase, Integer> failures = new EnumMap<>(RpcCase.class);

    /** A comparison with these options; {@code commandLine} is how it was called, for the report. */
    public RpcComparison(RpcCompareOptions options, String commandLine, PrintStream out) {
        this.options = options;
        this.commandLine = commandLine;
        this.out = out;
    }

    /** Runs the comparison and prints as it goes; returns the exit code. */
    public int run() throws IOException {
        Path root = options.report().root();
        if (!Files.isRegularFile(SocklabSnapshot.built(root))) {
            out.println("compare-rpc: no socklab build in " + root + ": run ./socklab --version there (it builds socklab,"
                    + " whose bench is the load generator), or give --root DIR");
            return CANNOT_RUN;
        }
        int connections = options.connections();
        int size = options.size();
        Path logs = root.resolve("benchmarks/target/compare-rpc");
        Files.createDirectories(logs);
        Path jar = SocklabSnapshot.take(root, logs.resolve("socklab"));
        Launch launch = Launch.of(root, jar, Pinning.detect(), options.duration().plus(options.warmup()));
        List<RpcServer> servers = new ArrayList<>();
        for (RpcServer server : options.servers()) {
            server.missing(launch).ifPresentOrElse(why -> out.println("skipped: " + why), () -> servers.add(server));
        }
        Machine machine = Machine.detect();
        out.println(servers.size() + " servers x " + options.rounds() + " rounds, " + connections + " connections, "
                + call(size) + ", each run " + Durations.format(options.duration()) + " after a warm-up of "
                + Durations.format(options.warmup()) + ": " + String.join(", ", servers.stream().map(RpcServer::label).toList()));
        out.println("machine: " + machine.host());
        out.println(launch.pinning().enabled() ? "servers on core " + launch.pinning().serverCpu() + ", socklab bench on core "
                + launch.pinning().loadCpu() + " (taskset)" : "not pinned: " + launch.pinning().note());
        out.println("logs of each run: " + logs);
        Thread hook = new Thread(children::stopAll, "compare-rpc-stop-children");
        Runtime.getRuntime().addShutdownHook(hook);
        long started = System.nanoTime();
        try {
            for (int round = 1; round <= options.rounds(); round++) {
                for (RpcServer server : servers) {
                    out.println("round " + round + ", " + server.label() + ":");
                    round(launch, logs, server, round, connections, size);
                }
            }
        } finally {
            children.stopAll();
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        List<RpcRow> rows = new ArrayList<>();
        for (RpcServer server : servers) {
            for (RpcCase c : RpcCase.of(server)) {
                rows.add(RpcRow.of(c, results.getOrDefault(c, List.of()), failures.getOrDefault(c, 0)));
            }
        }
        String table = RpcTable.markdown(rows) + "\n" + RpcTable.targets(rows);
        out.println();
        out.println("Medians of " + options.rounds() + " round(s), in " + Plan.rough(Duration.ofNanos(System.nanoTime() - started))
                + ":");
        out.print(table);
        options.report().write(report(machine, launch.pinning(), connections, size, table), out);
        return RpcTable.met(rows) ? ALL_MET : NOT_MET;
    }

    /** One server's round: start it, run each of its rows, stop it; a failure is printed and counted. */
    private void round(Launch launch, Path logs, RpcServer server, int round, int connections, int size) {
        String name = "rpc-" + server.label() + "-r" + round;
        List<RpcCase> left = new ArrayList<>(RpcCase.of(server));
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < server.ports(); i++) {
                ports.add(HttpServerProcess.freePort());
            }
            try (HttpServerProcess served = HttpServerProcess.start(children, launch, server.label(),
                    server.command(launch, ports), ports, logs.resolve(name + ".server.log"))) {
                for (RpcCase c : RpcCase.of(server)) {
                    String run = name + "-" + c.name().toLowerCase(Locale.ROOT);
                    out.print("  " + c.call() + ": ");
                    out.flush();
                    List<String> command = new ArrayList<>(launch.pinning().load());
                    command.addAll(launch.socklab(c.bench(ports.get(c.listener()), connections, size,
                            Durations.format(options.duration()), Durations.format(options.warmup())).toArray(String[]::new)));
                    RunReport r = LoadRun.run(children, launch, command, logs.resolve(run + ".json"),
                            logs.resolve(run + ".err"), () -> { });
                    results.computeIfAbsent(c, k -> new ArrayList<>()).add(r);
                    left.remove(c);
                    out.println(String.format(Locale.ROOT, "%,.0f calls/s, p50 %,.0f us, p99 %,.0f us, %d errors",
                            r.opsPerSecond(), r.p50(), r.p99(), (long) r.errors()));
                }
                String stopped = served.stop();
                if (!stopped.equals("stopped")) {
                    out.println("  (server " + stopped + ")");
                }
            }
        } catch (RunFailedException e) {
            out.println("FAILED: " + e.getMessage() + " (logs: " + logs.resolve(name) + ".*)");
            for (RpcCase c : left) {
                failures.merge(c, 1, Integer::sum);
            }
        }
    }

    private static String call(int size) {
        return size == 0 ? "add(2,3)" : "echo of " + size + " bytes";
    }

    private String report(Machine machine, Pinning pinning, int connections, int size, String table) {
        String when = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        return "Results of `" + commandLine + "`, " + when + ": " + options.rounds() + " round(s), each server in turn, "
                + connections + " connections a run calling " + call(size) + " one call at a time each, for "
                + Durations.format(options.duration()) + " after a warm-up of " + Durations.format(options.warmup())
                + "; the table shows the medians.\n\n"
                + "Machine: " + machine.host() + "; " + (pinning.enabled() ? "servers on core " + pinning.serverCpu()
                        + ", socklab bench on core " + pinning.loadCpu() : "not pinned (" + pinning.note() + ")") + ".\n\n"
                + table;
    }
}
