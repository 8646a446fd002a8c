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
import java.util.concurrent.TimeUnit;

import dev.socklab.text.Durations;

/**
 * Runs every workload against socklab on each of its I/O engines and the Netty baseline in turn
 * (epoll, jdk, Netty, epoll, jdk, Netty ...), each server started fresh for each run and stopped
 * after it, and reports the medians, each engine's ratio to Netty and the verdict against each
 * target. With {@code --strace}, one more run per server then counts its system calls. A run that
 * fails is reported and the comparison moves on; every process it starts is stopped by PID, and
 * every step has a time limit.
 */
public final class Comparison {
    /** Everything finished and every target was met. */
    public static final int ALL_MET = 0;
    /** A target was missed, or a workload had no result on one side. */
    public static final int NOT_MET = 1;
    /** The comparison cannot run here: no socklab build, or no {@code socklab bench} in it. */
    public static final int CANNOT_RUN = 3;

    /** Enough descriptors for the idle workload's connections and the server's own files. */
    private static final long IDLE_FILES_NEEDED = 10_500;

    private final CompareOptions options;
    private final String commandLine;
    private final PrintStream out;
    private final Children children = new Children();
    /** The line each server printed to say what it runs on, from its first run, for the report. */
    private final Map<Side, String> banners = new EnumMap<>(Side.class);

    /** A comparison with these options; {@code commandLine} is how it was called, for the report. */
    public Comparison(CompareOptions options, String commandLine, PrintStream out) {
        this.options = options;
        this.commandLine = commandLine;
        this.out = out;
    }

    /** Runs the comparison and prints as it goes; returns the exit code. */
    public int run() throws IOException {
        Path root = options.report().root();
        if (!Files.isRegularFile(SocklabSnapshot.built(root))) {
            out.println("compare: no socklab build in " + root + ": run ./socklab --version there (it builds socklab),"
                    + " or give --root DIR");
            return CANNOT_RUN;
        }
        Path logs = root.resolve("benchmarks/target/compare");
        Files.createDirectories(logs);
        Pinning pinning = Pinning.detect();
        Launch launch = Launch.of(root, SocklabSnapshot.take(root, logs.resolve("socklab")), pinning, options.duration());
        Thread hook = new Thread(children::stopAll, "compare-stop-children");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (!benchAvailable(launch, logs)) {
                out.println("compare: 'socklab bench' is not available (socklab bench --help does not show its usage):"
                        + " there is no load generator to run");
                return CANNOT_RUN;
            }
            return compare(launch, logs);
        } finally {
            children.stopAll();
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }

    private int compare(Launch launch, Path logs) throws IOException {
        List<Scenario> workloads = Scenario.only(options.only());
        List<Side> sides = options.sides();
        Machine machine = Machine.detect();
        ClockTicks ticks = ClockTicks.detect(children, logs.resolve("clk-tck.txt"));
        boolean strace = options.strace() && Pinning.onPath("strace");
        Plan plan = new Plan(workloads, sides, options.rounds(), options.duration(), strace ? sides.size() : 0);
        int total = plan.runs();
        printPlan(plan, launch.pinning(), machine, logs);
        if (options.strace() && !strace) {
            out.println("warning: --strace needs strace (Debian: apt-get install strace); no system calls are counted");
        }
        if (!ticks.note().isEmpty()) {
            out.println("note: " + ticks.note());
        }
        long started = System.nanoTime();
        List<Row> rows = new ArrayList<>();
        int n = 0;
        for (Scenario workload : workloads) {
            WorkloadRuns runs = new WorkloadRuns(workload, sides);
            for (int round = 1; round <= options.rounds(); round++) {
                for (Side side : sides) {
                    n++;
                    String name = workload.family() + "-" + workload.connections() + "-" + side.label() + "-r" + round;
                    out.printf(Locale.ROOT, "[%d/%d] %s, round %d, %s: ", n, total, workload.name(), round, side.label());
                    out.flush();
                    runOnce(launch, workload, side, runs, logs.resolve(name), ticks);
                }
            }
            rows.addAll(printed(runs.rows(), sides));
        }
        if (strace) {
            rows.addAll(traced(launch, sides, logs));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        out.println();
        out.println("Medians of " + options.rounds() + " round(s) of " + Durations.format(options.duration())
                + " per server, in " + Plan.rough(took) + ":");
        out.print(ResultTable.text(rows, sides));
        options.report().write(report(rows, sides, machine, launch.pinning(), ticks), out);
        return rows.stream().noneMatch(r -> r.verdict().fails()) ? ALL_MET : NOT_MET;
    }

    /** One run: a fresh server, the load, the server stopped; a failure is printed and counted, never thrown. */
    private void runOnce(Launch launch, Scenario workload, Side side, WorkloadRuns runs, Path files, ClockTicks ticks) {
        Path serverLog = Path.of(files + ".server.log");
        Path report = Path.of(files + ".bench.json");
        try (ServerProcess server = ServerProcess.start(children, side, launch, serverLog)) {
            banners.putIfAbsent(side, server.banner());
            UsageSampler usage = new UsageSampler(server.pid(), report);
            RunReport load = LoadRun.run(children, launch,
                    launch.bench(workload, server.port(workload.listener()), server.pid()), report,
                    Path.of(files + ".bench.err"), workload.measuresServerCost() ? usage::sample : () -> { });
            String stopped = server.stop();
            ServerCost cost = workload.measuresServerCost() ? usage.counted(load.seconds(), ticks) : ServerCost.NONE;
            RunResult result = new RunResult(load, cost, SyscallCounts.NONE);
            runs.add(side, result);
            out.println(summary(workload, result) + (stopped.equals("stopped") ? "" : " (server " + stopped + ")"));
        } catch (RunFailedException e) {
            runs.failed(side);
            out.println("FAILED: " + e.getMessage() + " (logs: " + files + ".*)");
        }
    }

    /** {@code --strace}: one run per server under strace, after every measured run, so that none of them is slowed. */
    private List<Row> traced(Launch launch, List<Side> sides, Path logs) {
        Scenario workload = Scenario.traced();
        WorkloadRuns runs = new WorkloadRuns(workload, sides);
        for (Side side : sides) {
            Path files = logs.resolve("strace-" + workload.connections() + "-" + side.label());
            out.printf(Locale.ROOT, "[strace] %s, %s: ", workload.name(), side.label());
            out.flush();
            try {
                RunResult result = TracedRun.run(children, launch, workload, side, files);
                runs.add(side, result);
                out.println(summary(workload, result));
            } catch (RunFailedException e) {
                runs.failed(side);
                out.println("FAILED: " + e.getMessage() + " (logs: " + files + ".*)");
            }
        }
        return printed(runs.rows(), sides);
    }

    /** A workload's rows, printed as soon as it is done; the header comes with the table at the end. */
    private List<Row> printed(List<Row> rows, List<Side> sides) {
        ResultTable.text(rows, sides).lines().skip(1).forEach(line -> out.println("  " + line));
        return rows;
    }

    private static String summary(Scenario workload, RunResult result) {
        List<String> parts = new ArrayList<>();
        for (Metric m : workload.metrics()) {
            String value = m.format(m.of(result));
            parts.add(switch (m) {
                case OPS_PER_SECOND, BYTES_PER_SECOND -> value;
                case P99_LATENCY -> "p99 " + value;
                case SERVER_BYTES_PER_CONNECTION -> value + " per connection";
                case SERVER_CPU_SECONDS -> value + " of server CPU";
                default -> value + " " + m.label();
            });
        }
        RunReport r = result.load();
        if (r.errors() > 0) {
            parts.add((long) r.errors() + " errors");
        }
        if (r.lost() > 0) {
            parts.add((long) r.lost() + " lost");
        }
        if (r.loadBound()) {
            parts.add("load generator was the limit");
        }
        return String.join(", ", parts);
    }

    private void printPlan(Plan plan, Pinning pinning, Machine machine, Path logs) {
        out.println(plan.describe(machine.netty()));
        out.println("machine: " + machine.describe());
        out.println(pinning.enabled()
                ? "server on core " + pinning.serverCpu() + ", load generator on core " + pinning.loadCpu() + " (taskset)"
                : "not pinned: " + pinning.note());
        out.println("logs of each run: " + logs);
        if (plan.workloads().stream().anyMatch(Scenario::measuresServerMemory) && openFilesLimit() < IDLE_FILES_NEEDED) {
            out.println("warning: open files are limited to " + openFilesLimit() + "; the idle workload needs "
                    + IDLE_FILES_NEEDED + " (raise it with ulimit -n)");
        }
    }

    private String report(List<Row> rows, List<Side> sides, Machine machine, Pinning pinning, ClockTicks ticks) {
        String when = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        StringBuilder servers = new StringBuilder();
        for (Side side : sides) {
            String banner = banners.getOrDefault(side, "");
            if (!banner.isEmpty()) {
                servers.append(side.label()).append(": `").append(banner).append("`.\n");
            }
        }
        return "Results of `" + commandLine + "`, " + when + ": each workload ran " + options.rounds()
                + " round(s) of " + Durations.format(options.duration()) + " per server, "
                + String.join(", ", sides.stream().map(Side::label).toList())
                + " in turn; the table shows the medians, and the verdicts on " + sides.getFirst().label()
                + " (--io " + sides.getFirst().engine() + ").\n\n"
                + "Machine: " + machine.describe() + "; "
                + (pinning.enabled() ? "server on core " + pinning.serverCpu() + ", load generator on core "
                        + pinning.loadCpu() : "not pinned (" + pinning.note() + ")") + ".\n"
                + servers
                + (ticks.note().isEmpty() ? "" : "Note: " + ticks.note() + ".\n")
                + "\n" + ResultTable.markdown(rows, sides);
    }

    /** Whether {@code socklab bench} exists in this build: its help names it. */
    private boolean benchAvailable(Launch launch, Path logs) {
        Path help = logs.resolve("bench-help.txt");
        ProcessBuilder builder = new ProcessBuilder(launch.socklab("bench", "--help"))
                .directory(launch.root().toFile()).redirectErrorStream(true).redirectOutput(help.toFile());
        try {
            Process p = children.start(builder);
            boolean done = p.waitFor(ServerProcess.START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            children.stop(p);
            return done && p.exitValue() == 0 && Logs.text(help).contains("Usage: socklab bench");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static long openFilesLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).strip().split("\\s+")[0];
                    return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: nothing to check against.
        }
        return Long.MAX_VALUE;
    }
}
