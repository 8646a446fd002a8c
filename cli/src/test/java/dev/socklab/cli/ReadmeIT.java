package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.testing.Await;
import dev.socklab.testing.LabProgram;
import dev.socklab.testing.Tools;

/**
 * README.md's examples run against a real {@code ./socklab serve --trace}, every service on port
 * 0, so that the README cannot drift from what the program prints. Output is compared exactly, or
 * by its shape ({@link Readme#shape}: no timestamps, durations or numbers) where it holds the time,
 * a port or a count; a command the README shows without a host or port is pointed at this server.
 *
 * <p>To check a new client example, add its command, as the README shows it, to {@link #EXAMPLES}.
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadmeIT {
    /** The README's client examples run here, and whether their output is compared exactly. */
    private static final List<Example> EXAMPLES = List.of(
            new Example("./socklab hello", true),
            new Example("./socklab chargen --lines 2", true),
            new Example("./socklab daytime", false),
            new Example("./socklab daytime --udp --no-ack", false));
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration START = Duration.ofSeconds(60);
    /** A line of serve's table: service, transport, address and port. */
    private static final Pattern TABLE_ROW = Pattern.compile("(\\S+\\s+(?:tcp|udp|unix)\\s+\\S+:)\\d+");
    /** A line socklab logs or traces: it starts with the time of day. */
    private static final Pattern STAMPED = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} .*");
    private static final Pattern BACKLOG = Pattern.compile("listen\\(backlog=(\\d+)\\)");
    /** net.core.somaxconn's default since Linux 5.4. */
    private static final String LINUX_SOMAXCONN = "4096";

    private final Readme readme = Readme.load();
    private Launched server;
    @TempDir
    Path dir;

    /** One README command, as it is written there, and how its output compares. */
    private record Example(String command, boolean exact) {
    }

    @BeforeAll
    void startTheServerAsTheReadmeDoesButOnPortZero() throws Exception {
        Set<String> services = new LinkedHashSet<>();
        for (String line : readme.blockWith("./socklab serve").outputOf("./socklab serve")) {
            if (TABLE_ROW.matcher(line).matches()) {
                services.add(line.split("\\s+")[0]);
            }
        }
        List<String> args = new ArrayList<>(List.of("serve", "--trace"));
        services.forEach(service -> args.add(service + ":0"));
        server = Launched.socklab(args.toArray(String[]::new));
        // Generous: a JVM's start on a loaded CI machine can take most of it.
        server.awaitLine("Press Ctrl-C to stop.", START);
    }

    @AfterAll
    void stopTheServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theStartUpTextIsWhatServePrintsButForThePorts() {
        List<String> printed = server.outLines().stream()
                .filter(line -> !STAMPED.matcher(line).matches())
                .takeWhile(line -> !line.equals("Press Ctrl-C to stop."))
                .map(ReadmeIT::normalised).toList();
        List<String> shown = readme.blockWith("./socklab serve").outputOf("./socklab serve").stream()
                .takeWhile(line -> !line.equals("Press Ctrl-C to stop."))
                .map(ReadmeIT::normalised).toList();
        assertThat(printed).isEqualTo(shown);
    }

    @Test
    void eachClientExamplePrintsWhatTheReadmeShows() {
        for (Example example : EXAMPLES) {
            List<String> words = List.of(example.command().substring("./socklab ".length()).split(" "));
            String service = words.getFirst();
            String transport = words.contains("--udp") ? "udp" : "tcp";
            List<String> args = new ArrayList<>(words);
            args.addAll(1, List.of("127.0.0.1", String.valueOf(port(service, transport))));
            Ran ran = run(args.toArray(String[]::new));

            assertThat(ran.exitCode()).as("%s; stderr: %s", example.command(), ran.err()).isZero();
            List<String> shown = readme.blockWith(example.command()).outputOf(example.command());
            List<String> printed = ran.out().lines().toList();
            if (example.exact()) {
                assertThat(printed).as(example.command()).isEqualTo(shown);
            } else {
                assertThat(shapes(printed)).as(example.command()).isEqualTo(shapes(shown));
            }
        }
    }

    @Test
    void theClientTraceHasTheReadmesCalls() throws Exception {
        String command = "./socklab hello --trace";
        Ran ran = run("hello", "127.0.0.1", String.valueOf(port("hello", "tcp")), "--trace");

        assertThat(ran.exitCode()).isZero();
        List<String> shown = readme.blockWith(command).outputOf(command);
        // The trace goes to standard error, the greeting after it to standard output.
        List<String> printed = new ArrayList<>(ran.err().lines().toList());
        printed.addAll(ran.out().lines().toList());
        assertThat(shapes(printed)).isEqualTo(shapes(shown));
    }

    @Test
    void theServersTraceAndLogLinesHaveTheReadmesShapes() throws Exception {
        CommandRun.of("hello", "127.0.0.1", String.valueOf(port("hello", "tcp")));
        try (DatagramChannel udp = DatagramChannel.open()) {
            udp.send(ByteBuffer.wrap("hello\n".getBytes(StandardCharsets.US_ASCII)),
                    new InetSocketAddress("127.0.0.1", port("hello", "udp")));
        }
        CommandRun.of("daytime", "127.0.0.1", String.valueOf(port("daytime", "tcp")));
        CommandRun.of("daytime", "127.0.0.1", String.valueOf(port("daytime", "udp")), "--udp", "--no-ack");

        // Every stamped line of a block about hello or daytime: the server's trace and its log.
        List<String> shown = readme.blocks().stream().flatMap(b -> b.lines().stream())
                .filter(line -> STAMPED.matcher(line).matches())
                .filter(line -> line.matches("\\S+ (trace )?\\[?(hello|daytime)[#/].*"))
                .map(Readme::shape).distinct().toList();
        assertThat(shown).as("the README's server lines for hello and daytime").hasSizeGreaterThan(10);
        Await.until(() -> shapes(server.outLines()).containsAll(shown), WAIT, "every line the README shows");

        // The backlog is the system's cap, net.core.somaxconn: the README shows Linux's default
        // (4096 since Linux 5.4), and must agree wherever the machine keeps that default.
        String printed = backlog(server.outLines().stream());
        if (printed.equals(LINUX_SOMAXCONN)) {
            assertThat(backlog(readme.blocks().stream().flatMap(b -> b.lines().stream()))).isEqualTo(printed);
        }
    }

    /** The backlog of the first {@code listen(backlog=N)} among {@code lines}. */
    private static String backlog(Stream<String> lines) {
        return lines.map(BACKLOG::matcher).filter(Matcher::find).findFirst().map(m -> m.group(1))
                .orElseThrow(() -> new AssertionError("no listen(backlog=N) line"));
    }

    @Test
    void theLabsPythonClientPrintsWhatTheReadmeShows() throws Exception {
        Tools.require("python3");
        Readme.Block block = readme.blockWith("cat lab_client.py");
        List<String> script = block.outputOf("cat lab_client.py");
        int port = port("hello", "tcp");
        String text = String.join("\n", script).replace("10000", String.valueOf(port)) + "\n";
        String output;
        try (LabProgram python = LabProgram.python(dir, text)) {
            output = python.outputUntilExit(WAIT);
        }
        List<String> shown = block.outputOf("python3 lab_client.py");
        assertThat(shapes(output.lines().toList())).isEqualTo(shapes(shown));
    }

    @Test
    void netcatPrintsTheGreetingAsTheReadmeShows() throws Exception {
        String nc = Tools.require("nc.openbsd");
        String command = "nc localhost 10000";
        String output;
        try (LabProgram netcat = LabProgram.start(List.of(nc, "127.0.0.1", String.valueOf(port("hello", "tcp"))))) {
            netcat.input("");
            output = netcat.outputUntilExit(WAIT);
        }
        assertThat(output.lines().toList()).isEqualTo(readme.blockWith(command).outputOf(command));
    }

    /** What a command printed in this JVM, on picocli's streams and on System.out and System.err alike. */
    private record Ran(int exitCode, String out, String err) {
    }

    /** Runs {@code socklab args} in this JVM, with System.out and System.err captured: chargen and the tracer write there. */
    private static Ran run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        CommandRun run;
        try {
            run = CommandRun.of(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new Ran(run.exitCode(), outBytes.toString(StandardCharsets.UTF_8) + run.out(),
                errBytes.toString(StandardCharsets.UTF_8) + run.err());
    }

    private int port(String service, String transport) {
        try {
            return server.boundPort(service, transport, "127.0.0.1");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The line without what differs between machines: a table row's port, the engine's count of carriers (one per core). */
    private static String normalised(String line) {
        if (TABLE_ROW.matcher(line).matches()) {
            return line.replaceFirst(":\\d+$", ":PORT");
        }
        return line.replaceFirst("^I/O engine: epoll, \\d+ carrier threads?$", "I/O engine: epoll, N carriers");
    }

    private static List<String> shapes(List<String> lines) {
        return lines.stream().map(Readme::shape).toList();
    }
}
