package dev.socklab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.socklab.bench.BenchPlanException;
import dev.socklab.bench.SoakPart;
import dev.socklab.bench.SoakPlan;
import dev.socklab.bench.SoakResult;
import dev.socklab.bench.SoakRun;
import dev.socklab.bench.Target;
import dev.socklab.bench.Workload;
import dev.socklab.net.Family;
import dev.socklab.net.Host;
import dev.socklab.net.Ports;

/**
 * {@code socklab bench soak}: mixed load on a server for a long while, every reply checked byte for
 * byte; with {@code --server-pid}, the server's file descriptors, threads and memory must come back.
 */
@Command(name = "soak", mixinStandardHelpOptions = true, versionProvider = SocklabCommand.Version.class,
        sortOptions = false,
        description = {"Soaks a server with mixed load for minutes and checks every reply.",
                "Echo round trips over TCP, echo datagrams over UDP, greetings over TCP and,",
                "with --unix, echo round trips over a Unix socket run all at once for",
                "--duration, each reply compared byte for byte with what was sent (greetings",
                "with the first one). With --server-pid, the server's open file descriptors,",
                "threads and resident memory are read after a warm-up and again after the load,",
                "and must come back: within 2 descriptors, 2 threads and --max-growth.", ""},
        footer = {"", "Exit code 4 when a reply differed, an exchange failed, or the server's",
                "file descriptors, threads or memory did not come back.", "",
                "Examples:",
                "  socklab bench soak --duration 5m",
                "  socklab bench soak --unix /tmp/echo.sock --server-pid PID"})
final class SoakCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "HOST",
            description = "Server host: a name, 127.0.0.1, ::1 (default: localhost).")
    String host = "localhost";

    @Option(names = "--echo-port", paramLabel = "PORT", description = "Echo's TCP and UDP port (default: 10007).")
    String echoPort;

    @Option(names = "--hello-port", paramLabel = "PORT", description = "Hello's TCP port (default: 10000).")
    String helloPort;

    @Option(names = "--unix", paramLabel = "PATH", description = "An echo server's Unix socket, soaked as well.")
    Path unix;

    @Option(names = {"-c", "--clients"}, paramLabel = "N",
            description = "Clients of each kind at once, each its own socket (default: 4).")
    int clients = 4;

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long the load lasts, at most 24h (default: 1m).")
    Duration duration = Duration.ofMinutes(1);

    @Mixin
    LoadOptions load;

    @Option(names = "--settle", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With --server-pid: how long after the load the server may take to come back (default: 40s, "
                    + "past the 30s the JDK keeps an idle carrier thread).")
    Duration settle = SoakPlan.DEFAULT_SETTLE;

    @Option(names = "--max-growth", paramLabel = "MiB",
            description = "With --server-pid: how much the server's resident memory may grow, in MiB (default: 256).")
    long maxGrowthMib = SoakPlan.DEFAULT_MAX_RSS_GROWTH >> 20;

    @Override
    public Integer call() throws IOException, InterruptedException {
        SoakResult result = SoakRun.run(plan());
        PrintWriter out = spec.commandLine().getOut();
        result.lines().forEach(out::println);
        out.flush();
        if (result.passed()) {
            return ExitCode.OK.code;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("socklab: the soak failed: " + String.join("; ", result.failures()));
        err.flush();
        return ExitCode.NETWORK.code;
    }

    private SoakPlan plan() {
        Host server = Host.parse(host);
        Family wanted = load.family.family();
        int echo = echoPort == null ? ServerAddress.defaultPort("echo") : Ports.parse(echoPort);
        int hello = helloPort == null ? ServerAddress.defaultPort("hello") : Ports.parse(helloPort);
        Map<SoakPart, SocketAddress> targets = new EnumMap<>(SoakPart.class);
        targets.put(SoakPart.TCP_ECHO, Target.resolve(server, echo, wanted, Workload.PINGPONG, load.timeout));
        targets.put(SoakPart.UDP_ECHO, Target.resolve(server, echo, wanted, Workload.UDP, load.timeout));
        targets.put(SoakPart.GREETING, Target.resolve(server, hello, wanted, Workload.CONNECT, load.timeout));
        if (unix != null) {
            targets.put(SoakPart.UNIX_ECHO, UnixDomainSocketAddress.of(unix));
        }
        if (maxGrowthMib < 0 || maxGrowthMib > Long.MAX_VALUE >> 20) {
            throw new BenchPlanException("--max-growth must be 0 or more MiB, not " + maxGrowthMib);
        }
        return new SoakPlan(targets, clients, duration, load.timeout, load.serverPid(), load.warmup, settle,
                maxGrowthMib << 20);
    }
}
