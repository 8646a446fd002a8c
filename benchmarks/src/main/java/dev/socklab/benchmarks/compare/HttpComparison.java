package dev.socklab.benchmarks.compare;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.socklab.text.Durations;

/**
 * socklab's http service side by side with jwebserver, Python's http.server, busybox httpd and
 * nginx, each serving the same two files from the same directory on the same core, loaded by
 * {@code h2load --h1} on the other core. In each round every server in turn starts, warms up on
 * each case, is measured on each case, and stops, so that a drifting machine drifts on all of
 * them; the table gives each case's medians over the rounds. In the first round each warm-up also
 * sizes that server's measured runs: as many requests as it answered in about {@code --duration}.
 * Then, as a cross-check that is no part of the table, {@code socklab bench http} loads each server
 * once. Every process started is stopped by its PID, and every step has a time limit.
 */
public final class HttpComparison {
    /** socklab answered more requests a second than every other server, on every case. */
    public static final int ALL_MET = 0;
    /** socklab was behind on some case, or a case lacks a number. */
    public static final int NOT_MET = 1;
    /** No h2load, or no socklab build. */
    public static final int CANNOT_RUN = 3;

    /**
     * The first round's warm-ups, before anything is known of a server's speed, in requests per
     * connection: 100 of the small file, 10 of the large one, so that the slowest server (about 60
     * MiB/s) takes seconds, not minutes.
     */
    private static final int FIRST_WARMUP_SMALL = 100;
    private static final int FIRST_WARMUP_LARGE = 10;
    private static final long MIN_REQUESTS_PER_CONNECTION = 20;
    private static final long MAX_REQUESTS = 5_000_000;
    /** What an h2load run may take beyond what its count should: a slow server, a first round's cold JVM. */
    private static final Duration H2LOAD_GRACE = Duration.ofSeconds(120);
    private static final Duration CROSS_CHECK = Duration.ofSeconds(3);

    private final HttpCompareOptions options;
    private final String commandLine;
    private final PrintStream out;
    private final Children children = new Children();
    /** Each server's measured requests per case, from its first warm-up. */
    private final Map<HttpServer, Map<HttpCase, Long>> counts = new EnumMap<>(HttpServer.class);
    private final Map<HttpServer, Map<HttpCase, List<H2load>>> results = new EnumMap<>(HttpServer.class);
    private final Map<HttpServer, Map<HttpCase, Integer>> failures = new EnumMap<>(HttpServer.class);
    /** Whether socklab is measured on its /bytes/N endpoint, having answered 404 for the files; null until asked. */
    private Boolean socklabEndpoints;

    /** A comparison with these options; {@code commandLine} is how it was called, for the report. */
    public HttpComparison(HttpCompareOptions options, String commandLine, PrintStream out) {
        this.options = options;
        this.commandLine = commandLine;
        this.out = out;
    }

    /** Runs the comparison and prints as it goes; returns the exit code. */
    public int run() throws IOException {
        Path root = options.report().root();
        if (!Pinning.onPath("h2load")) {
            out.println("compare-http: h2load is not installed (Debian: apt-get install nghttp2-client): there is no load"
                    + " generator to run");
            return CANNOT_RUN;
        }
        if (options.servers().contains(HttpServer.SOCKLAB) && !Files.isRegularFile(SocklabSnapshot.built(root))) {
            out.println("compare-http: no socklab build in " + root + ": run ./socklab --version there (it builds"
                    + " socklab), or give --root DIR");
            return CANNOT_RUN;
        }
        Path logs = root.resolve("benchmarks/target/compare-http");
        Files.createDirectories(logs);
        Pinning pinning = Pinning.detect();
        Path jar = Files.isRegularFile(SocklabSnapshot.built(root)) ? SocklabSnapshot.take(root, logs.resolve("socklab"))
                : SocklabSnapshot.built(root);
        Launch launch = Launch.of(root, jar, pinning, options.duration());
        Thread hook = new Thread(children::stopAll, "compare-http-stop-children");
        Runtime.getRuntime().addShutdownHook(hook);
        try (HttpSite site = HttpSite.create()) {
            return compare(launch, site, logs);
        } finally {
            children.stopAll();
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }

    private int compare(Launch launch, HttpSite site, Path logs) throws IOException {
        Map<HttpServer, String> programs = new LinkedHashMap<>();
        for (HttpServer server : options.servers()) {
            server.program(launch).ifPresentOrElse(p -> programs.put(server, p),
                    () -> out.println("skipped: " + server.label() + " is not installed (" + server.installHint() + ")"));
        }
        Map<HttpServer, String> versions = new LinkedHashMap<>();
        programs.forEach((server, path) -> versions.put(server, version(server.versionCommand(launch, path), logs)));
        versions.put(null, version(List.of("h2load", "--version"), logs));
        Machine machine = Machine.detect();
        List<HttpCase> cases = HttpCase.all();
        out.println(programs.size() + " servers x " + cases.size() + " cases x " + options.rounds() + " rounds, about "
                + Durations.format(options.duration()) + " a run after a warm-up of about "
                + Durations.format(options.warmup()) + ": "
                + String.join(", ", programs.keySet().stream().map(HttpServer::label).toList()));
        out.println("machine: " + machine.host());
        out.println(launch.pinning().enabled() ? "servers on core " + launch.pinning().serverCpu() + ", h2load on core "
                + launch.pinning().loadCpu() + " (taskset)" : "not pinned: " + launch.pinning().note());
        out.println("logs of each run: " + logs);
        long started = System.nanoTime();
        for (int round = 1; round <= options.rounds(); round++) {
            for (Map.Entry<HttpServer, String> server : programs.entrySet()) {
                out.println("round " + round + ", " + server.getKey().label() + ":");
                round(launch, site, logs, server.getKey(), server.getValue(), round);
            }
        }
        List<HttpRow> rows = new ArrayList<>();
        for (HttpCase c : cases) {
            for (HttpServer server : programs.keySet()) {
                rows.add(HttpRow.of(server, c, results.getOrDefault(server, Map.of()).getOrDefault(c, List.of()),
                        failures.getOrDefault(server, Map.of()).getOrDefault(c, 0)));
            }
        }
        String crossCheck = programs.containsKey(HttpServer.SOCKLAB) ? crossCheck(launch, site, logs, programs) : "";
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String table = HttpTable.markdown(rows);
        out.println();
        out.println("Medians of " + options.rounds() + " round(s), in " + Plan.rough(took) + ":");
        out.print(table);
        if (!crossCheck.isEmpty()) {
            out.println();
            out.print(crossCheck);
        }
        options.report().write(report(machine, launch.pinning(), versions, table, crossCheck), out);
        return HttpTable.socklabAhead(rows) ? ALL_MET : NOT_MET;
    }

    /** One server's round: start it, warm up and measure each case, stop it; a failure is printed and counted. */
    private void round(Launch launch, HttpSite site, Path logs, HttpServer server, String program, int round) {
        String name = "http-" + server.name().toLowerCase(Locale.ROOT) + "-r" + round;
        List<HttpCase> left = new ArrayList<>(HttpCase.all());
        try (HttpServerProcess served = HttpServerProcess.start(children, launch, site, server, program, logs.resolve(name + ".server.log"))) {
            for (HttpCase c : HttpCase.all()) {
                String run = name + "-c" + c.connections() + "-" + c.file();
                String url = "http://" + Launch.HOST + ":" + served.port() + path(server, served, c);
                out.print("  " + c.describe() + ": ");
                out.flush();
                H2load warm = warmUp(launch, url, server, c, logs.resolve(run + ".warmup"));
                if (round == 1) {
                    counts.computeIfAbsent(server, s -> new HashMap<>()).put(c, measuredRequests(warm, c));
                }
                H2load measured = h2load(launch, url, c, counts.get(server).get(c), logs.resolve(run));
                results.computeIfAbsent(server, s -> new HashMap<>())
                        .computeIfAbsent(c, k -> new ArrayList<>()).add(measured);
                left.remove(c);
                out.println(measured.summary());
            }
            String stopped = served.stop();
            if (!stopped.equals("stopped")) {
                out.println("  (server " + stopped + ")");
            }
        } catch (RunFailedException e) {
            out.println("FAILED: " + e.getMessage() + " (logs: " + logs.resolve(name) + ".*)");
            for (HttpCase c : left) {
                failures.computeIfAbsent(server, s -> new HashMap<>()).merge(c, 1, Integer::sum);
            }
        }
    }

    /**
     * The path of {@code c}'s file on {@code server}. A socklab build without static files answers
     * 404 for it: socklab is then measured on {@code /bytes/N}, its endpoint of N bytes, and the
     * report says so.
     */
    private String path(HttpServer server, HttpServerProcess served, HttpCase c) {
        if (server != HttpServer.SOCKLAB) {
            return c.path();
        }
        if (socklabEndpoints == null) {
            socklabEndpoints = status(served.port(), c.path()) == 404;
            if (socklabEndpoints) {
                out.println("  note: " + ENDPOINTS_NOTE);
            }
        }
        return socklabEndpoints ? "/bytes/" + c.bytes() : c.path();
    }

    /** What the report says when socklab served no files. */
    private static final String ENDPOINTS_NOTE = "this socklab build serves no files (404 for them with --http-root),"
            + " so socklab is measured on /bytes/64 and /bytes/1048576, its endpoints that make up as many bytes"
            + " for every request: not the same work as sending a file";

    /** The status of a GET of {@code path}, or -1 when there is none. */
    private static int status(int port, String path) {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            HttpRequest get = HttpRequest.newBuilder(URI.create("http://" + Launch.HOST + ":" + port + path))
                    .timeout(Duration.ofSeconds(10)).build();
            return client.send(get, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * Loads {@code url} for about {@code --warmup}, in runs of about a second each (h2load's own
     * timed mode never ends against a server that closes every connection): the last run's rate
     * sizes the measured runs in the first round.
     */
    private H2load warmUp(Launch launch, String url, HttpServer server, HttpCase c, Path files) throws RunFailedException {
        long deadline = System.nanoTime() + options.warmup().toNanos();
        long requests = warmupRequests(server, c);
        H2load warm;
        int run = 0;
        do {
            warm = h2load(launch, url, c, requests, Path.of(files + "-" + run++));
            // A request a connection at least, so that a slow server's warm-up stays near its second.
            requests = Math.clamp(Math.round(warm.requestsPerSecond()), c.connections(), MAX_REQUESTS);
        } while (System.nanoTime() - deadline < 0);
        return warm;
    }

    private long warmupRequests(HttpServer server, HttpCase c) {
        Long measured = counts.getOrDefault(server, Map.of()).get(c);
        if (measured == null) {
            return (long) (c.bytes() > 1024 ? FIRST_WARMUP_LARGE : FIRST_WARMUP_SMALL) * c.connections();
        }
        // About a second's worth, as the server went in the first round.
        return Math.max(measured / Math.max(options.duration().toSeconds(), 1), MIN_REQUESTS_PER_CONNECTION * c.connections());
    }

    /** As many requests as the warm-up's rate answers in about {@code --duration}, within bounds. */
    long measuredRequests(H2load warm, HttpCase c) {
        long wanted = Math.round(warm.requestsPerSecond() * options.duration().toMillis() / 1000.0);
        return Math.clamp(wanted, MIN_REQUESTS_PER_CONNECTION * c.connections(), MAX_REQUESTS);
    }

    /** Runs h2load to its end, within a limit, and reads what it reported; its per-request log is deleted once read. */
    private H2load h2load(Launch launch, String url, HttpCase c, long requests, Path files) throws RunFailedException {
        Path output = Path.of(files + ".h2load.txt");
        Path log = Path.of(files + ".requests.tsv");
        ProcessBuilder builder = new ProcessBuilder(H2load.command(launch.pinning(), url, c.connections(), requests, log))
                .redirectErrorStream(true).redirectOutput(output.toFile());
        Process process;
        try {
            process = children.start(builder);
        } catch (IOException e) {
            throw new RunFailedException("cannot start h2load: " + e.getMessage());
        }
        Duration limit = options.duration().multipliedBy(4).plus(H2LOAD_GRACE);
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new RunFailedException("h2load did not finish within " + limit.toSeconds() + " s");
            }
            return H2load.parse(Logs.text(output), log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunFailedException("interrupted during the run");
        } finally {
            children.stop(process);
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                // A log left behind in target/ costs disk space, nothing else.
            }
        }
    }

    /**
     * {@code socklab bench http} against each server, 100 connections on the 64-byte file for a
     * few seconds: that it works against every one, and roughly agrees with h2load.
     */
    private String crossCheck(Launch launch, HttpSite site, Path logs, Map<HttpServer, String> programs) {
        HttpCase c = HttpCase.all().get(1);
        StringBuilder table = new StringBuilder("Cross-check, socklab bench http at " + c.describe() + ", "
                + Durations.format(CROSS_CHECK) + " once:\n\n"
                + "| server | responses/s | p99 | errors |\n|---|---:|---:|---:|\n");
        for (Map.Entry<HttpServer, String> server : programs.entrySet()) {
            String name = "bench-http-" + server.getKey().name().toLowerCase(Locale.ROOT);
            try (HttpServerProcess served = HttpServerProcess.start(children, launch, site, server.getKey(), server.getValue(),
                    logs.resolve(name + ".server.log"))) {
                List<String> command = new ArrayList<>(launch.pinning().load());
                command.addAll(launch.socklab("bench", "http", Launch.HOST, Integer.toString(served.port()),
                        path(server.getKey(), served, c),
                        "--connections", Integer.toString(c.connections()), "--duration", Durations.format(CROSS_CHECK),
                        "--warmup", "1s", "--json"));
                RunReport r = LoadRun.run(children, launch, command, logs.resolve(name + ".json"),
                        logs.resolve(name + ".err"), () -> { });
                served.stop();
                String line = String.format(Locale.ROOT, "| %s | %,.0f | %,.0f us | %d |", server.getKey().label(),
                        r.opsPerSecond(), r.p99(), (long) r.errors());
                out.println("cross-check: " + line);
                table.append(line).append('\n');
            } catch (RunFailedException e) {
                out.println("cross-check, " + server.getKey().label() + ": FAILED: " + e.getMessage());
                table.append("| ").append(server.getKey().label()).append(" | failed: ")
                        .append(e.getMessage().replace("|", "\\|")).append(" | | |\n");
            }
        }
        return table.toString();
    }

    /** The first line a program prints about its version, for the report; {@code unknown} if it prints none. */
    private String version(List<String> command, Path logs) {
        Path file = logs.resolve("version.txt");
        try {
            Process p = children.start(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(file.toFile()));
            boolean done = p.waitFor(30, TimeUnit.SECONDS);
            children.stop(p);
            return done ? Logs.lines(file).stream().map(String::strip).filter(l -> !l.isEmpty()).findFirst()
                    .orElse("unknown") : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private String report(Machine machine, Pinning pinning, Map<HttpServer, String> versions, String table,
                          String crossCheck) {
        String when = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        StringBuilder text = new StringBuilder("Results of `" + commandLine + "`, " + when + ": " + options.rounds()
                + " round(s), each server in turn, each run about " + Durations.format(options.duration())
                + " after a warm-up; the table shows the medians.\n\n"
                + "Machine: " + machine.host() + "; " + (pinning.enabled() ? "servers on core " + pinning.serverCpu()
                        + ", h2load on core " + pinning.loadCpu() : "not pinned (" + pinning.note() + ")") + ".\n");
        versions.forEach((server, version) -> text.append(server == null ? "h2load" : server.label()).append(": `")
                .append(version).append("`.\n"));
        if (Boolean.TRUE.equals(socklabEndpoints)) {
            text.append("Note: ").append(ENDPOINTS_NOTE).append(".\n");
        }
        text.append('\n').append(table);
        if (!crossCheck.isEmpty()) {
            text.append('\n').append(crossCheck);
        }
        return text.toString();
    }
}
