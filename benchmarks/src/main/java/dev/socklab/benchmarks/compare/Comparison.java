package dev.socklab.benchmarks.compare;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import dev.socklab.text.Durations;

/**
 * Runs every workload against socklab and the Netty baseline in turn (socklab, Netty, socklab,
 * Netty ...), each server started fresh for each run and stopped after it, and reports the medians,
 * their ratio and the verdict against each target. A run that fails is reported and the comparison
 * moves on; every process it starts is stopped by PID, and every step has a time limit.
 */
public final class Comparison {
    /** Everything finished and every target was met. */
    public static final int ALL_MET = 0;
    /** A target was missed, or a workload had no result on one side. */
    public static final int NOT_MET = 1;
    /** The comparison cannot run here: no socklab build, or no {@code socklab bench} in it. */
    public static final int CANNOT_RUN = 3;

    /** A run's cost beyond its duration, on average, for the estimate: the load generator's 2 s warm-up, two JVMs starting, a server stopping. */
    private static final Duration OVERHEAD_PER_RUN = Duration.ofSeconds(5);
    /** Enough descriptors for the idle workload's connections and the server's own files. */
    private static final long IDLE_FILES_NEEDED = 10_500;

    private final CompareOptions options;
    private final String commandLine;
    private final PrintStream out;
    private final Children children = new Children();

    /** A comparison with these options; {@code commandLine} is how it was called, for the report. */
    public Comparison(CompareOptions options, String commandLine, PrintStream out) {
        this.options = options;
        this.commandLine = commandLine;
        this.out = out;
    }

    /** Runs the comparison and prints as it goes; returns the exit code. */
    public int run() throws IOException {
        Path root = options.root();
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
        Machine machine = Machine.detect();
        int total = workloads.size() * options.rounds() * Side.values().length;
        printPlan(workloads, total, launch.pinning(), machine, logs);
        long started = System.nanoTime();
        List<Row> rows = new ArrayList<>();
        String nettyBanner = "";
        int n = 0;
        for (Scenario workload : workloads) {
            WorkloadRuns runs = new WorkloadRuns(workload);
            for (int round = 1; round <= options.rounds(); round++) {
                for (Side side : Side.values()) {
                    n++;
                    String name = workload.family() + "-" + workload.connections() + "-" + side.label() + "-r" + round;
                    out.printf(Locale.ROOT, "[%d/%d] %s, round %d, %s: ", n, total, workload.name(), round, side.label());
                    out.flush();
                    runOnce(launch, workload, side, runs, logs.resolve(name));
                    if (side == Side.NETTY && nettyBanner.isEmpty()) {
                        nettyBanner = Logs.lines(logs.resolve(name + ".server.log")).stream()
                                .filter(l -> l.startsWith("netty ") && l.contains(" on ")).findFirst().orElse("");
                    }
                }
            }
            List<Row> these = runs.rows();
            rows.addAll(these);
            ResultTable.text(these).lines().skip(1).forEach(line -> out.println("  " + line)); // the header comes at the end
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        out.println();
        out.println("Medians of " + options.rounds() + " round(s) of " + Durations.format(options.duration())
                + " per server, in " + rough(took) + ":");
        out.print(ResultTable.text(rows));
        if (options.out().isPresent()) {
            Path file = options.out().get();
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, report(rows, machine, launch.pinning(), nettyBanner));
            out.println("Written to " + file);
        }
        return rows.stream().allMatch(r -> r.verdict() == Verdict.PASS) ? ALL_MET : NOT_MET;
    }

    /** One run: a fresh server, the load, the server stopped; a failure is printed and counted, never thrown. */
    private void runOnce(Launch launch, Scenario workload, Side side, WorkloadRuns runs, Path files) {
        Path serverLog = Path.of(files + ".server.log");
        try (ServerProcess server = ServerProcess.start(children, side, launch, serverLog)) {
            RunReport result = LoadRun.run(children, launch, workload, server,
                    Path.of(files + ".bench.json"), Path.of(files + ".bench.err"));
            String stopped = server.stop();
            runs.add(side, result);
            out.println(summary(workload, result) + (stopped.equals("stopped") ? "" : " (server " + stopped + ")"));
        } catch (RunFailedException e) {
            runs.failed(side);
            out.println("FAILED: " + e.getMessage() + " (logs: " + files + ".*)");
        }
    }

    private static String summary(Scenario workload, RunReport r) {
        List<String> parts = new ArrayList<>();
        for (Metric m : workload.metrics()) {
            String value = m.format(m.of(r));
            parts.add(switch (m) {
                case P99_LATENCY -> "p99 " + value;
                case SERVER_BYTES_PER_CONNECTION -> value + " per connection";
                default -> value;
            });
        }
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

    private void printPlan(List<Scenario> workloads, int total, Pinning pinning, Machine machine, Path logs) {
        Duration d = options.duration();
        Duration estimate = d.plus(OVERHEAD_PER_RUN).multipliedBy(total);
        Duration bound = ServerProcess.START_TIMEOUT.plus(d).plus(LoadRun.GRACE)
                .plusSeconds(2 * Children.STOP_SECONDS).multipliedBy(total);
        out.println("socklab vs Netty " + machine.netty() + ": " + workloads.size() + " workloads x " + options.rounds()
                + " rounds x 2 servers = " + total + " runs of " + Durations.format(d) + ", about "
                + rough(estimate) + " in all (every step has a time limit: at worst "
                + rough(bound) + ")");
        out.println("machine: " + machine.describe());
        out.println(pinning.enabled()
                ? "server on core " + pinning.serverCpu() + ", load generator on core " + pinning.loadCpu() + " (taskset)"
                : "not pinned: " + pinning.note());
        out.println("logs of each run: " + logs);
        if (workloads.stream().anyMatch(Scenario::measuresServerMemory) && openFilesLimit() < IDLE_FILES_NEEDED) {
            out.println("warning: open files are limited to " + openFilesLimit() + "; the idle workload needs "
                    + IDLE_FILES_NEEDED + " (raise it with ulimit -n)");
        }
    }

    private String report(List<Row> rows, Machine machine, Pinning pinning, String nettyBanner) {
        String when = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        return "Results of `" + commandLine + "`, " + when + ": each workload ran " + options.rounds()
                + " round(s) of " + Durations.format(options.duration())
                + " per server, socklab and Netty in turn; the table shows the medians.\n\n"
                + "Machine: " + machine.describe() + "; "
                + (pinning.enabled() ? "server on core " + pinning.serverCpu() + ", load generator on core "
                        + pinning.loadCpu() : "not pinned (" + pinning.note() + ")") + ".\n"
                + (nettyBanner.isEmpty() ? "" : "Baseline: `" + nettyBanner + "`.\n")
                + "\n" + ResultTable.markdown(rows);
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

    /** A rough human form for the estimates, to the minute past two: {@code 45s}, {@code 12 min}, {@code 1 h 05 min}. */
    static String rough(Duration d) {
        long s = d.toSeconds();
        if (s < 120) {
            return s + "s";
        }
        long min = (s + 30) / 60;
        return min < 60 ? min + " min" : String.format(Locale.ROOT, "%d h %02d min", min / 60, min % 60);
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
