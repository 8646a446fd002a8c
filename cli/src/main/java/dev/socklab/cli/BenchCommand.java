package dev.socklab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import dev.socklab.bench.BenchPlan;
import dev.socklab.bench.BenchPlanException;
import dev.socklab.bench.BenchReport;
import dev.socklab.bench.BenchResult;
import dev.socklab.bench.LoadGenerator;
import dev.socklab.bench.RpcCall;
import dev.socklab.bench.SourceRange;
import dev.socklab.bench.Sweep;
import dev.socklab.bench.SweepChart;
import dev.socklab.bench.Target;
import dev.socklab.bench.Workload;
import dev.socklab.net.Family;
import dev.socklab.net.Host;
import dev.socklab.net.Ports;
import dev.socklab.text.Visible;

/**
 * {@code socklab bench}: loads an echo, greeting, chat, HTTP or RPC server with many connections and reports
 * throughput, latency percentiles, errors and the generator's own CPU, as a table, JSON
 * ({@link BenchReport} documents its keys) or CSV; a sweep of connection counts can be drawn as SVG.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = SocklabCommand.Version.class,
        subcommands = {SoakCommand.class, ArenaBenchCommand.class},
        sortOptions = false,
        description = {"Measures a server's throughput and latency under many connections.",
                "Like redis-benchmark or wrk, it loads the server in one of these ways (WORKLOAD):",
                "  pingpong  each connection sends --size bytes, waits for the whole echo",
                "  stream    each connection writes --size chunks, 4 in flight, reads the echo",
                "  connect   connect, read the greeting until the server closes, close",
                "  udp       each socket sends a datagram, waits for its echo or --udp-timeout",
                "  idle      opens --connections connections and holds them for --duration",
                "  chat      --members in one room, --senders of them sending, each with",
                "            --in-flight messages out: messages delivered a second, and the",
                "            latency from each send to each member's receipt; a benchmark",
                "            needs the server's flood control off (serve chat --chat-rate 0)",
                "  http      each connection GETs PATH and reads the whole response, then",
                "            the next, kept alive, never pipelined (as h2load --h1); the",
                "            server is HOST PORT PATH or a URL, http://HOST:PORT/PATH",
                "  rpc       each connection calls add(2,3), or echo of --size bytes, and",
                "            reads the whole reply, then the next: JSON-RPC over TCP, a",
                "            line each; with --transport http, POST /jsonrpc kept alive,",
                "            or XML-RPC's POST /RPC2 with --xml; each reply checked",
                "PORT defaults to echo's (10007); for connect, to hello's (10000); for chat,",
                "to chat's (10003); for http, to http's (10080); for rpc, to rpc's (10111),",
                "or over HTTP to http's (10080).",
                "socklab bench soak (see its --help) checks every reply over TCP, UDP and",
                "Unix sockets for minutes, and that the server's files, threads and memory",
                "come back.",
                "socklab bench arena (see its --help) plays bot players in the UDP arena and",
                "reports the server's tick time, snapshot loss and bytes per player.", ""},
        footer = {"", "--json prints an array, an object a run, with exactly these keys:",
                "  workload          pingpong, stream, connect, udp, idle, chat, http or rpc",
                "  connections       connections (udp: sockets) at once; idle: how many asked;",
                "                    chat: the members",
                "  size              bytes a message, chunk, datagram or chat line; 0 for",
                "                    connect, idle and http; rpc: the echo's, 0 for add",
                "  seconds           counted time, after the warm-up (idle: the hold)",
                "  operations        round trips, chunks echoed, connections completed;",
                "                    idle: connections held at the end; chat: messages",
                "                    delivered to members; http: responses; rpc: calls",
                "  ops_per_second    operations a second (idle: connects a second, opening)",
                "  bytes_per_second  echoed (connect: greeting; chat: message line; http:",
                "                    response body; rpc: reply) bytes received a second",
                "  latency_us        {\"p50\", \"p99\", \"p999\", \"max\"}, microseconds, the",
                "                    percentiles within 1%%, max exact; its",
                "                    values are null when nothing completed; chat: from each",
                "                    send to each member's receipt",
                "  errors            failed operations: refused, reset, timed out, warned by",
                "                    the server, another status, a malformed response, an",
                "                    RPC error or fault, another id ...;",
                "                    chat: while joining and warming up too",
                "  lost              udp: datagrams with no echo in time",
                "  load_cpu          CPU the load threads used over their time, 0 to 1",
                "  load_bound        load_cpu of 0.9 or more: the numbers measure the generator",
                "  server_bytes_per_connection",
                "                    idle with --server-pid: the server's VmRSS growth per",
                "                    held connection; null when not measured",
                "  senders           chat: the members that sent; 0 otherwise",
                "--csv prints a header and a row a run: the same fields, latency_us flattened",
                "to latency_p50_us, latency_p99_us, latency_p999_us, latency_max_us, null",
                "left empty.", "",
                "Exit code 4 when every operation of a run failed (connection refused, say), or",
                "when the chat server warned its members (its flood control).", "",
                "Examples:",
                "  socklab bench pingpong               100 connections to localhost:10007",
                "  socklab bench pingpong -c 1,10,100,1000 --chart sweep.svg",
                "  socklab bench stream -c 4 --json",
                "  socklab bench connect --source-range 127.0.0.2-127.0.0.254",
                "  socklab bench idle -c 10000 --server-pid PID",
                "  socklab bench chat --members 1000 --senders 10",
                "  socklab bench http 127.0.0.1 8080 /index.html -c 1,100",
                "  socklab bench http http://127.0.0.1:10080/bytes/64 -n 100000",
                "  socklab bench rpc -c 10 --size 64",
                "  socklab bench rpc --transport http --xml -d 5s"})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    // Optional to picocli, so that "bench soak" reaches its subcommand; call() requires it.
    @Parameters(index = "0", arity = "0..1", paramLabel = "WORKLOAD", converter = WorkloadConverter.class,
            description = "pingpong, stream, connect, udp, idle, chat, http or rpc.")
    Workload workload;

    @Parameters(index = "1", arity = "0..1", paramLabel = "HOST",
            description = "Server host: a name, 127.0.0.1, ::1 (default: localhost); http: or a URL, http://HOST:PORT/PATH.")
    String host = "localhost";

    @Parameters(index = "2", arity = "0..1", paramLabel = "PORT",
            description = "Server port (default: echo's, 10007; for connect hello's, 10000; for chat chat's, 10003;"
                    + " for http http's, 10080; for rpc rpc's, 10111, or http's over HTTP).")
    String port;

    @Parameters(index = "3", arity = "0..1", paramLabel = "PATH",
            description = "http: the path each connection GETs, with its query if any (default: /).")
    String path;

    @Option(names = "--status", paramLabel = "CODE",
            description = "http: the status every response must have; any other counts as an error (default: 200).")
    Integer status;

    @Option(names = "--transport", paramLabel = "tcp|http", converter = TransportConverter.class,
            description = "rpc: JSON-RPC over TCP, a line each, or over HTTP kept alive (default: tcp).")
    RpcCall.Transport transport;

    @Option(names = "--xml", description = "rpc: call XML-RPC (POST /RPC2) rather than JSON-RPC; needs --transport http.")
    boolean xml;

    @Option(names = {"-c", "--connections"}, paramLabel = "C[,C...]",
            description = "Connections at once (default: 100); a comma list such as 1,10,100,1000 makes a sweep, a run each.")
    String connections;

    @Option(names = "--members", paramLabel = "M[,M...]",
            description = "chat: members of the room (default: 100); a comma list makes a sweep, a run each.")
    String members;

    @Option(names = "--senders", paramLabel = "S",
            description = "chat: how many of the members send (default: 1).")
    Integer senders;

    @Option(names = "--in-flight", paramLabel = "N",
            description = "chat: messages each sender has out at most; it sends the next when one comes back (default: 1).")
    Integer inFlight;

    @Option(names = "--size", paramLabel = "BYTES",
            description = "Message (pingpong), chunk (stream), datagram (udp) or chat line size (default: 64; stream 65536);"
                    + " rpc: the bytes echo sends, 0 for add(2,3) (default: 0).")
    Integer size;

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long each run counts, at most 10m; idle: how long it holds; idle and chat: also the "
                    + "longest the connections may take to open, and chat's members to join (default: 10s).")
    Duration duration = Duration.ofSeconds(10);

    @Option(names = {"-n", "--requests"}, paramLabel = "N",
            description = "End a run after N counted operations, if that is before --duration.")
    Long requests;

    @Option(names = "--source-range", paramLabel = "FIRST-LAST",
            description = "Bind each socket to the next of these loopback addresses, such as 127.0.0.2-127.0.0.254, "
                    + "so that more connections fit in the ephemeral ports.")
    String sourceRange;

    @Option(names = {"-t", "--threads"}, paramLabel = "T",
            description = "Load threads, each with a selector and a share of the connections (default and most: the cores).")
    Integer threads;

    @Mixin
    LoadOptions load;

    @Option(names = "--udp-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long a datagram waits for its echo before it counts as lost (default: 1s).")
    Duration udpTimeout = Duration.ofSeconds(1);

    @Option(names = "--chart", paramLabel = "FILE.svg",
            description = "With a sweep: draw throughput and p99 latency against connections, as SVG.")
    Path chart;

    @ArgGroup(exclusive = true)
    Output output = new Output();

    /** How the results are printed: a table by default. */
    static final class Output {
        @Option(names = "--json", description = "Print the results as JSON (keys below).")
        boolean json;

        @Option(names = "--csv", description = "Print the results as CSV.")
        boolean csv;
    }

    /** Reads WORKLOAD in any case, naming the choices when it is none of them. */
    static final class WorkloadConverter implements ITypeConverter<Workload> {
        @Override
        public Workload convert(String text) {
            try {
                return Workload.parse(text);
            } catch (BenchPlanException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** Reads --transport in any case, naming the choices when it is neither. */
    static final class TransportConverter implements ITypeConverter<RpcCall.Transport> {
        @Override
        public RpcCall.Transport convert(String text) {
            try {
                return RpcCall.Transport.parse(text);
            } catch (BenchPlanException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (workload == null) {
            throw new Errors.UsageException("Missing required parameter: 'WORKLOAD': pingpong, stream, connect, udp, "
                    + "idle, chat, http, rpc, or the command soak or arena");
        }
        List<BenchPlan> plans = plans();
        List<BenchResult> results = new ArrayList<>();
        for (BenchPlan plan : plans) {
            results.add(LoadGenerator.run(plan));
        }
        if (results.stream().allMatch(BenchResult::failed)) {
            throw new IOException(BenchReport.failure(results.getFirst()));
        }
        print(results);
        if (chart != null) {
            writeChart(results);
        }
        // Some runs of a sweep failed, or a chat server throttled its members: the table shows the numbers, and
        // the exit code says that they are no benchmark.
        List<BenchResult> failed = results.stream().filter(r -> r.failed() || r.warned()).toList();
        PrintWriter err = spec.commandLine().getErr();
        for (BenchResult run : failed) {
            err.println("socklab: the run with " + run.connections() + " " + workload.countName() + " failed: "
                    + Visible.of(BenchReport.failure(run)));
        }
        err.flush();
        return failed.isEmpty() ? ExitCode.OK.code : ExitCode.NETWORK.code;
    }

    /** Every run's plan, each checked before the first starts, so that a mistake costs no time. */
    private List<BenchPlan> plans() {
        List<Integer> counts = Sweep.connections(workload.countOption(), counts());
        if (chart != null && counts.size() < 2) {
            throw new BenchPlanException("--chart draws a sweep: give " + workload.countOption()
                    + " a list such as 1,10,100,1000");
        }
        Family wanted = load.family.family();
        SourceRange sources = sourceRange == null ? null : SourceRange.parse(sourceRange);
        if (sources != null) {
            if (wanted == Family.IPV6) {
                throw new BenchPlanException("--source-range holds IPv4 loopback addresses: it cannot be used with --ipv6-only");
            }
            wanted = Family.IPV4; // the sources are IPv4, so the server must be reached over IPv4
        }
        String[] server = workload == Workload.HTTP && host.contains("://") ? url() : new String[] {host, port, path};
        int serverPort = server[1] == null ? ServerAddress.defaultPort(service()) : Ports.parse(server[1]);
        InetSocketAddress target = Target.resolve(Host.parse(server[0]), serverPort, wanted, workload, load.timeout);
        BenchPlan.Builder builder = BenchPlan.builder(workload, target).duration(duration).warmup(load.warmup)
                .connectTimeout(load.timeout).udpTimeout(udpTimeout);
        if (server[2] != null) {
            builder.path(server[2]);
        }
        if (status != null) {
            builder.status(status);
        }
        if (transport != null) {
            builder.transport(transport);
        }
        if (xml) {
            builder.xml(true);
        }
        if (size != null) {
            builder.size(size);
        }
        if (requests != null) {
            builder.requests(requests);
        }
        if (threads != null) {
            builder.threads(threads);
        }
        if (sources != null) {
            builder.sources(sources);
        }
        load.serverPid().ifPresent(builder::serverPid);
        if (senders != null) {
            builder.senders(senders);
        }
        if (inFlight != null) {
            builder.inFlight(inFlight);
        }
        List<BenchPlan> plans = new ArrayList<>();
        for (int count : counts) {
            plans.add(builder.connections(count).build());
        }
        return plans;
    }

    /** The service whose port is the default: rpc's calls over HTTP go to the http service. */
    private String service() {
        return workload == Workload.RPC && transport == RpcCall.Transport.HTTP ? "http" : workload.service();
    }

    /**
     * HOST given as a URL, {@code http://HOST[:PORT][/PATH]}: its host, its port (null for the default) and its
     * path with the query (null for {@code /}).
     */
    private String[] url() {
        URI url;
        try {
            url = new URI(host);
        } catch (URISyntaxException e) {
            throw new BenchPlanException("'" + host + "' is not a URL (" + e.getReason() + "): give http://HOST:PORT/PATH,"
                    + " or HOST PORT PATH");
        }
        if (!"http".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw new BenchPlanException("bench http loads http://HOST:PORT/PATH URLs, without TLS, not '" + host + "'");
        }
        if (port != null || path != null) {
            throw new BenchPlanException("the URL " + host + " names the port and path already: give nothing after it");
        }
        String rawPath = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
        String name = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1) : url.getHost();
        return new String[] {name, url.getPort() < 0 ? null : Integer.toString(url.getPort()), rawPath + query};
    }

    /** The connection counts as given: chat counts members, the others connections. */
    private String counts() {
        boolean chat = workload == Workload.CHAT;
        if (chat && connections != null) {
            throw new BenchPlanException("chat counts --members, not --connections");
        }
        if (!chat && members != null) {
            throw new BenchPlanException("--members applies to chat alone; " + workload.label() + " counts --connections");
        }
        String given = chat ? members : connections;
        return given == null ? "100" : given;
    }

    private void print(List<BenchResult> results) {
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            out.println(BenchReport.json(results));
        } else if (output.csv) {
            out.print(BenchReport.csv(results));
        } else {
            out.print(BenchReport.table(results));
            // A note may quote a server's warning: network text reaches a person only made visible.
            BenchReport.notes(results).forEach(note -> out.println(Visible.of(note)));
        }
        out.flush();
    }

    private void writeChart(List<BenchResult> results) {
        try {
            Files.writeString(chart, SweepChart.svg(results), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Errors.UsageException("cannot write the chart to " + chart + ": " + e.getMessage());
        }
    }
}
