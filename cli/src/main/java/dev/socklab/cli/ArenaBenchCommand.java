package dev.socklab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.socklab.bench.ArenaChart;
import dev.socklab.bench.ArenaPlan;
import dev.socklab.bench.ArenaReport;
import dev.socklab.bench.ArenaResult;
import dev.socklab.bench.ArenaRun;
import dev.socklab.bench.BenchPlanException;
import dev.socklab.bench.Sweep;
import dev.socklab.bench.Target;
import dev.socklab.bench.Workload;
import dev.socklab.net.Host;
import dev.socklab.net.Ports;
import dev.socklab.netem.NetworkConditions;

/**
 * {@code socklab bench arena}: bot players in the UDP arena, each its own socket, reporting the
 * server's tick time, snapshots and their loss, bytes per player each way and the round trip, as a
 * table, JSON ({@link ArenaReport} documents its keys) or CSV; a sweep of bot counts can be drawn as SVG.
 */
@Command(name = "arena", mixinStandardHelpOptions = true, versionProvider = SocklabCommand.Version.class,
        sortOptions = false,
        description = {"Plays bot players in the UDP arena and reports the server's tick time.",
                "Each bot is its own UDP socket: it shakes hands (CONNECT, the cookie back in",
                "a JOIN, WELCOME), then at the WELCOME's tick rate sends its keys, a random",
                "walk with some fire, repeating those no snapshot has acknowledged, and",
                "rebuilds each snapshot on its baseline. The server's tick time comes from the",
                "snapshots, each tick counted once; bytes are UDP payloads, in from the server",
                "and out to it, per player a second; the round trip runs from an input's send",
                "to the snapshot that names it applied, less the server's hold. The bots share",
                "this machine's cores with a server on it. At the end each bot sends LEAVE.", ""},
        footer = {"", "--json prints an array, an object a run; ArenaReport's Javadoc and",
                "docs/performance.md list its keys: bots, joined, seconds, tick_rate,",
                "snapshot_rate, players, tick_time_us {p50, p99, max}, tick_p99_share,",
                "snapshots_per_bot_per_second, snapshots, snapshots_lost, snapshot_loss,",
                "bytes_in_per_player_per_second, bytes_out_per_player_per_second,",
                "round_trip_us {p50, p99}, join_failures, undecodable, warnings, dropped,",
                "load_cpu, load_bound, server_cpu (with --server-pid: the cores the server",
                "used while counting), conditions. --csv prints the same fields flattened",
                "(tick_time_p50_us ...).", "",
                "Exit code 4 when no bot got in, or when some were refused, timed out,",
                "dropped, or got snapshots they could not rebuild.", "",
                "Examples:",
                "  socklab bench arena                     50 bots, 10 s, localhost:10666",
                "  socklab bench arena --bots 500 --duration 20s --server-pid PID",
                "  socklab bench arena --bots 50,100,200,500 --chart arena.svg",
                "  socklab bench arena --bots 20 --loss 5%% --lag 50ms --json"})
final class ArenaBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "HOST",
            description = "Server host: a name, 127.0.0.1, ::1 (default: localhost).")
    String host = "localhost";

    @Parameters(index = "1", arity = "0..1", paramLabel = "PORT",
            description = "Server port (default: the arena's, 10666).")
    String port;

    @Option(names = "--bots", paramLabel = "N[,N...]",
            description = "Bot players, each its own UDP socket, at most 5000 (default: 50); a comma list such as "
                    + "50,100,200 makes a sweep, a run each.")
    String bots = "50";

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long each run counts, after the warm-up, at most 10m (default: 10s).")
    Duration duration = Duration.ofSeconds(10);

    @Option(names = {"-t", "--threads"}, paramLabel = "T",
            description = "Load threads, each a selector over its share of the bots, at most the cores (default: 1).")
    int threads = 1;

    @Option(names = "--seed", paramLabel = "N",
            description = "Where the bots' random walks are drawn from: the same seed plays the same keys (default: 1).")
    long seed = 1;

    @Mixin
    LoadOptions load;

    @Mixin
    NetworkConditionsOptions network;

    @Option(names = "--chart", paramLabel = "FILE.svg",
            description = "With a sweep: draw the server's tick time, p50 and p99, against players, as SVG.")
    Path chart;

    @ArgGroup(exclusive = true)
    BenchCommand.Output output = new BenchCommand.Output();

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<ArenaPlan> plans = plans();
        List<ArenaResult> results = new ArrayList<>();
        for (ArenaPlan plan : plans) {
            results.add(ArenaRun.run(plan));
        }
        if (results.stream().allMatch(ArenaResult::failed)) {
            throw new IOException(ArenaReport.failure(results.getFirst()));
        }
        print(results);
        if (chart != null) {
            try {
                Files.writeString(chart, ArenaChart.svg(results), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new Errors.UsageException("cannot write the chart to " + chart + ": " + e.getMessage());
            }
        }
        // The table shows the numbers; the exit code says that they do not measure the bots asked for.
        List<ArenaResult> flawed = results.stream().filter(r -> r.failed() || r.flawed()).toList();
        PrintWriter err = spec.commandLine().getErr();
        for (ArenaResult r : flawed) {
            err.println("socklab: the run with " + r.bots() + " bots is no measure of " + r.bots() + " players: "
                    + (r.failed() ? ArenaReport.failure(r) : r.joinFailureCount() + " did not get in, " + r.dropped()
                            + " were dropped, " + r.undecodable() + " packets could not be rebuilt (see the notes)"));
        }
        err.flush();
        return flawed.isEmpty() ? ExitCode.OK.code : ExitCode.NETWORK.code;
    }

    /** Every run's plan, each checked before the first starts, so that a mistake costs no time. */
    private List<ArenaPlan> plans() {
        List<Integer> counts = Sweep.connections("--bots", bots);
        if (chart != null && counts.size() < 2) {
            throw new BenchPlanException("--chart draws a sweep: give --bots a list such as 50,100,200,500");
        }
        int serverPort = port == null ? ServerAddress.defaultPort("arena") : Ports.parse(port);
        InetSocketAddress target = Target.resolve(Host.parse(host), serverPort, load.family.family(), Workload.UDP,
                load.timeout);
        NetworkConditions conditions = network.conditions();
        List<ArenaPlan> plans = new ArrayList<>();
        for (int count : counts) {
            plans.add(new ArenaPlan(target, count, duration, load.warmup, load.timeout, threads, seed, conditions,
                    load.serverPid()));
        }
        return plans;
    }

    private void print(List<ArenaResult> results) {
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            out.println(ArenaReport.json(results));
        } else if (output.csv) {
            out.print(ArenaReport.csv(results));
        } else {
            out.print(ArenaReport.table(results));
            ArenaReport.notes(results).forEach(out::println);
        }
        out.flush();
    }
}
