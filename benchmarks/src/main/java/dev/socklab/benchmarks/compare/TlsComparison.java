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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.socklab.benchmarks.TlsEchoLoad;
import dev.socklab.benchmarks.netty.BaselineServer;
import dev.socklab.benchmarks.tls.EchoLoadReport;
import dev.socklab.text.Durations;

/**
 * socklab's echo over TLS side by side with Netty's {@code SslHandler} on the same JDK provider, and
 * with nginx's stream module terminating TLS with OpenSSL in front of a plain echo: full TLS 1.3
 * handshakes a second ({@code openssl s_time -new}) and 64 KiB echo round trips ({@link TlsEchoLoad}
 * over the JDK's {@code SSLSocket}). In each round every server in turn starts on the server's
 * core, is warmed up and measured on each case with the load on the other core, and stops, so that a
 * drifting machine drifts on all of them; the table gives each case's medians over the rounds. Every
 * process started is stopped by its PID, and every step has a time limit.
 */
public final class TlsComparison {
    /** socklab was at least as fast as Netty on every case. */
    public static final int ALL_MET = 0;
    /** socklab was behind Netty on some case, or a case lacks a number. */
    public static final int NOT_MET = 1;
    /** No openssl. */
    public static final int CANNOT_RUN = 3;

    /** What a load run may take beyond its warm-up and duration: a cold JVM on a busy core. */
    private static final Duration GRACE = Duration.ofSeconds(60);
    /** Round trips an echo run counts at most, whatever its duration: a bound if a server is far faster than thought. */
    private static final long MAX_ROUND_TRIPS = 50_000_000;
    /** {@code Ciphersuite: TLS_AES_256_GCM_SHA384} and {@code Server Temp Key: X25519, 253 bits} in s_client -brief. */
    private static final Pattern CIPHER = Pattern.compile("(?m)^Ciphersuite: (\\S+)");
    private static final Pattern GROUP = Pattern.compile("(?m)^(?:Server|Peer) Temp Key: ([^,\\s]+)");

    private final TlsCompareOptions options;
    private final String commandLine;
    private final PrintStream out;
    private final Children children = new Children();
    private final Map<TlsServer, Map<TlsCase, List<Double>>> values = new EnumMap<>(TlsServer.class);
    private final Map<TlsServer, Map<TlsCase, List<Double>>> roundTrips = new EnumMap<>(TlsServer.class);
    private final Map<TlsServer, Map<TlsCase, String>> sessions = new EnumMap<>(TlsServer.class);
    private final Map<TlsServer, Map<TlsCase, Integer>> failures = new EnumMap<>(TlsServer.class);

    /** A comparison with these options; {@code commandLine} is how it was called, for the report. */
    public TlsComparison(TlsCompareOptions options, String commandLine, PrintStream out) {
        this.options = options;
        this.commandLine = commandLine;
        this.out = out;
    }

    /** Runs the comparison and prints as it goes; returns the exit code. */
    public int run() throws IOException {
        if (!Pinning.onPath("openssl")) {
            out.println("compare-tls: openssl is not installed (Debian: apt-get install openssl): there is no"
                    + " handshake load to run");
            return CANNOT_RUN;
        }
        Path root = options.report().root();
        Path logs = root.resolve("benchmarks/target/compare-tls");
        Files.createDirectories(logs);
        Pinning pinning = Pinning.detect();
        // Without a build (the module's own tests), socklab runs from this class path, which has its services.
        Path jar = Files.isRegularFile(SocklabSnapshot.built(root)) ? SocklabSnapshot.take(root, logs.resolve("socklab"))
                : SocklabSnapshot.built(root);
        Launch launch = Launch.of(root, jar, pinning, options.duration());
        Thread hook = new Thread(children::stopAll, "compare-tls-stop-children");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return compare(launch, TlsFiles.create(logs.resolve("pair")), logs);
        } finally {
            children.stopAll();
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }

    private int compare(Launch launch, TlsFiles files, Path logs) throws IOException {
        List<TlsServer> servers = new ArrayList<>();
        for (TlsServer server : options.servers()) {
            server.missing().ifPresentOrElse(why -> out.println("skipped: " + why), () -> servers.add(server));
        }
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("openssl", version(List.of("openssl", "version"), logs));
        versions.put("netty", BaselineServer.version() + " (SslProvider.JDK)");
        for (TlsServer server : servers) {
            server.versionCommand().ifPresent(command -> versions.put(server.label(), version(command, logs)));
        }
        Machine machine = Machine.detect();
        List<TlsCase> cases = TlsCase.all();
        out.println(servers.size() + " servers x " + cases.size() + " cases x " + options.rounds() + " rounds, "
                + Durations.format(options.duration()) + " a run after a warm-up of " + Durations.format(options.warmup())
                + ": " + String.join(", ", servers.stream().map(TlsServer::label).toList()));
        out.println("machine: " + machine.host());
        out.println(launch.pinning().enabled() ? "servers on core " + launch.pinning().serverCpu() + ", load on core "
                + launch.pinning().loadCpu() + " (taskset)" : "not pinned: " + launch.pinning().note());
        out.println("logs of each run: " + logs);
        long started = System.nanoTime();
        for (int round = 1; round <= options.rounds(); round++) {
            for (TlsServer server : servers) {
                out.println("round " + round + ", " + server.label() + ":");
                round(launch, files, logs, server, round);
            }
        }
        List<TlsRow> rows = new ArrayList<>();
        for (TlsCase c : cases) {
            for (TlsServer server : servers) {
                rows.add(TlsRow.of(server, c, of(values, server, c), of(roundTrips, server, c),
                        sessions.getOrDefault(server, Map.of()).getOrDefault(c, ""),
                        failures.getOrDefault(server, Map.of()).getOrDefault(c, 0)));
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String table = TlsTable.markdown(rows);
        out.println();
        out.println("Medians of " + options.rounds() + " round(s), in " + Plan.rough(took) + ":");
        out.print(table);
        options.report().write(report(machine, launch.pinning(), versions, table), out);
        return TlsTable.socklabAtLeastNetty(rows) ? ALL_MET : NOT_MET;
    }

    private static List<Double> of(Map<TlsServer, Map<TlsCase, List<Double>>> figures, TlsServer server, TlsCase c) {
        return figures.getOrDefault(server, Map.of()).getOrDefault(c, List.of());
    }

    /** One server's round: start it, warm up and measure each case, stop it; a failure is printed and counted. */
    private void round(Launch launch, TlsFiles files, Path logs, TlsServer server, int round) {
        String name = "tls-" + server.label() + "-r" + round;
        List<TlsCase> left = new ArrayList<>(TlsCase.all());
        try (TlsServerProcess served = TlsServerProcess.start(children, launch, server, files,
                logs.resolve(name + "-work"), logs.resolve(name + ".server.log"))) {
            for (TlsCase c : TlsCase.all()) {
                out.print("  " + c.label() + ": ");
                out.flush();
                Path run = logs.resolve(name + "-c" + c.connections());
                if (c.handshakes()) {
                    String session = session(served.port(), Path.of(run + ".s_client.txt"));
                    sTime(launch, served.port(), options.warmup(), Path.of(run + ".warmup.txt"));
                    STime measured = sTime(launch, served.port(), options.duration(), Path.of(run + ".txt"));
                    record(server, c, measured.perSecond(), Double.NaN, session);
                    out.println(String.format(Locale.ROOT, "%,.0f handshakes/s (%d in %.2f s; %,.0f per client CPU-s), %s",
                            measured.perSecond(), measured.connections(), measured.seconds(), measured.perClientCpuSecond(),
                            session));
                } else {
                    EchoLoadReport r = echo(launch, files, served.port(), c, run);
                    String session = r.protocol() + " " + r.cipherSuite();
                    record(server, c, r.megabytesEachWay(), r.roundTripsPerSecond(), session);
                    out.println(String.format(Locale.ROOT, "%,.1f MB/s each way, %,.0f round trips/s, %s",
                            r.megabytesEachWay(), r.roundTripsPerSecond(), session));
                }
                left.remove(c);
            }
            String stopped = served.stop();
            if (!stopped.equals("stopped")) {
                out.println("  (server " + stopped + ")");
            }
        } catch (RunFailedException e) {
            out.println("FAILED: " + e.getMessage() + " (logs: " + logs.resolve(name) + ".*)");
            for (TlsCase c : left) {
                failures.computeIfAbsent(server, s -> new HashMap<>()).merge(c, 1, Integer::sum);
            }
        }
    }

    private void record(TlsServer server, TlsCase c, double value, double perSecond, String session) {
        values.computeIfAbsent(server, s -> new HashMap<>()).computeIfAbsent(c, k -> new ArrayList<>()).add(value);
        if (!Double.isNaN(perSecond)) {
            roundTrips.computeIfAbsent(server, s -> new HashMap<>()).computeIfAbsent(c, k -> new ArrayList<>()).add(perSecond);
        }
        sessions.computeIfAbsent(server, s -> new HashMap<>()).put(c, session);
    }

    /** What {@code openssl s_client -tls1_3} negotiates, as s_time's handshakes will: version, cipher suite, key exchange group. */
    private String session(int port, Path output) throws RunFailedException {
        String text = finish(List.of("openssl", "s_client", "-connect", Launch.HOST + ":" + port, "-tls1_3", "-brief"),
                output, Duration.ofSeconds(30), true);
        Matcher cipher = CIPHER.matcher(text);
        if (!cipher.find()) {
            throw new RunFailedException("openssl s_client made no TLS 1.3 session: " + Logs.tail(output));
        }
        Matcher group = GROUP.matcher(text);
        return "TLSv1.3 " + cipher.group(1) + (group.find() ? " " + group.group(1) : "");
    }

    /** {@code openssl s_time -new -tls1_3} for {@code time}, rounded up to whole seconds, timed by the wall clock. */
    private STime sTime(Launch launch, int port, Duration time, Path output) throws RunFailedException {
        long seconds = Math.max(1, (time.toMillis() + 999) / 1000);
        List<String> command = new ArrayList<>(launch.pinning().load());
        command.addAll(List.of("openssl", "s_time", "-connect", Launch.HOST + ":" + port, "-new", "-tls1_3",
                "-time", Long.toString(seconds)));
        long start = System.nanoTime();
        String text = finish(command, output, Duration.ofSeconds(seconds).plus(GRACE), false);
        return STime.parse(text, (System.nanoTime() - start) / 1e9);
    }

    /** {@link TlsEchoLoad} against {@code port}: its warm-up, then its counted window. */
    private EchoLoadReport echo(Launch launch, TlsFiles files, int port, TlsCase c, Path run) throws RunFailedException {
        Path output = Path.of(run + ".json");
        List<String> command = launch.loadClass(TlsEchoLoad.class, List.of("--host", Launch.HOST, "--port",
                Integer.toString(port), "--ca", files.certificate().toString(), "--connections",
                Integer.toString(c.connections()), "--chunk", Integer.toString(TlsCase.CHUNK), "--warmup",
                Durations.format(options.warmup()), "--duration", Durations.format(options.duration()),
                "--max-round-trips", Long.toString(MAX_ROUND_TRIPS)));
        String text = finish(command, output, options.warmup().plus(options.duration()).plus(GRACE), false);
        EchoLoadReport report;
        try {
            report = JsonMapper.builder().build().readValue(text.strip().lines().reduce((a, b) -> b).orElse(""),
                    EchoLoadReport.class);
        } catch (JacksonException e) {
            throw new RunFailedException("the echo load printed no report: " + Logs.tail(output));
        }
        if (report.failures() > 0) {
            throw new RunFailedException(report.failures() + " echo connection(s) failed: " + report.firstFailure());
        }
        return report;
    }

    /**
     * Runs {@code command} to its end within {@code limit}, its output to {@code output}, and returns
     * that output; an exit code other than 0 fails the run unless {@code anyExit}.
     */
    private String finish(List<String> command, Path output, Duration limit, boolean anyExit) throws RunFailedException {
        Process process;
        try {
            // s_client reads its stdin to send: an empty one ends it once the handshake is made.
            process = children.start(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())));
        } catch (IOException e) {
            throw new RunFailedException("cannot start " + command.getFirst() + ": " + e.getMessage());
        }
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new RunFailedException(String.join(" ", command.subList(0, Math.min(3, command.size())))
                        + " did not finish within " + limit.toSeconds() + " s");
            }
            if (!anyExit && process.exitValue() != 0) {
                throw new RunFailedException(String.join(" ", command.subList(0, Math.min(3, command.size())))
                        + " exited with " + process.exitValue() + ": " + Logs.tail(output));
            }
            return Logs.text(output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunFailedException("interrupted during the run");
        } finally {
            children.stop(process);
        }
    }

    /** The first line a program prints about its version, for the report; {@code unknown} if it prints none. */
    private String version(List<String> command, Path logs) {
        try {
            return finish(command, logs.resolve("version.txt"), Duration.ofSeconds(30), true).lines().map(String::strip)
                    .filter(l -> !l.isEmpty()).findFirst().orElse("unknown");
        } catch (RunFailedException e) {
            return "unknown";
        }
    }

    private String report(Machine machine, Pinning pinning, Map<String, String> versions, String table) {
        String when = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        StringBuilder text = new StringBuilder("Results of `" + commandLine + "`, " + when + ": " + options.rounds()
                + " round(s), each server in turn, each run " + Durations.format(options.duration())
                + " after a warm-up of " + Durations.format(options.warmup()) + "; the table shows the medians.\n\n"
                + "Machine: " + machine.host() + "; " + (pinning.enabled() ? "servers on core " + pinning.serverCpu()
                        + ", load on core " + pinning.loadCpu() : "not pinned (" + pinning.note() + ")") + ".\n");
        versions.forEach((name, version) -> text.append(name).append(": `").append(version).append("`.\n"));
        return text.append('\n').append(table).toString();
    }
}
