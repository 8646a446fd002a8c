package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Transport;
import dev.socklab.services.ServiceCatalog;
import dev.socklab.services.ServiceInfo;
import dev.socklab.testing.LabProgram;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.Tools;

/**
 * {@code ./socklab serve} as a process, started from the repository root as a user starts it,
 * with clients of every kind, signals, tracing, and a port another server holds.
 */
@Timeout(60)
class ServeIT {
    private static final Duration START = Duration.ofSeconds(20);
    private static final Duration SOON = Duration.ofSeconds(5);

    /** The lab's client, word for word but for the address, which it takes from the command line. */
    private static final String LAB_CLIENT = """
            import socket, sys
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.connect((sys.argv[1], int(sys.argv[2])))
            print(s.getsockname())
            print(s.recv(1024).decode())
            s.close()
            """;
    /** What the lab client prints first: its own address, as {@code ('127.0.0.1', 53422)}. */
    private static final Pattern PYTHON_ADDRESS = Pattern.compile("\\('127\\.0\\.0\\.1', (\\d+)\\)");

    @TempDir
    Path dir;

    @Test
    void servesEveryKindOfClientLogsEachAndExitsZeroOnSigterm() throws Exception {
        String nc = Tools.require("nc.openbsd");
        Tools.require("python3");
        try (Launched server = Launched.socklab("serve", "hello:0")) {
            int port = server.boundPort("tcp", "127.0.0.1");
            assertThat(server.outLines())
                    .anyMatch(line -> line.startsWith("socklab is listening on loopback only (127.0.0.1"))
                    .contains("SERVICE  TRANSPORT  ADDRESS")
                    .anyMatch(line -> line.matches("hello\\s+tcp\\s+127\\.0\\.0\\.1:" + port))
                    // The jar's manifest opens what the epoll engine needs: it runs by default, one carrier per core.
                    .contains("I/O engine: epoll, " + Runtime.getRuntime().availableProcessors() + " carrier thread"
                            + (Runtime.getRuntime().availableProcessors() == 1 ? "" : "s"));

            try (Launched hello = Launched.socklab("hello", "127.0.0.1", String.valueOf(port))) {
                assertThat(hello.exitWithin(START)).as("socklab hello; stderr: %s", hello.err()).isZero();
                assertThat(hello.out()).isEqualTo("Hello World!");
            }
            try (LabProgram netcat = LabProgram.start(List.of(nc, "127.0.0.1", String.valueOf(port)))) {
                netcat.input("");
                assertThat(netcat.outputUntilExit(Duration.ofSeconds(10))).isEqualTo("Hello World!\r\n");
            }
            String pythonAddress;
            try (LabProgram python = LabProgram.python(dir, LAB_CLIENT, "127.0.0.1", String.valueOf(port))) {
                String output = python.outputUntilExit(Duration.ofSeconds(10));
                assertThat(output).contains("Hello World!");
                Matcher address = PYTHON_ADDRESS.matcher(output);
                assertThat(address.find()).as("the lab client's own address in: %s", output).isTrue();
                pythonAddress = "127.0.0.1:" + address.group(1);
            }

            String closed = " -> 127.0.0.1:" + port + " closed by server";
            server.awaitLine(line -> line.contains(pythonAddress + closed), SOON);
            assertThat(server.awaitLines(line -> line.contains(closed), 3, SOON))
                    .allMatch(line -> line.matches(".*hello#\\d+ tcp 127\\.0\\.0\\.1:\\d+" + closed + ".*"));

            server.terminate();
            server.awaitLine("socklab stopped", SOON);
            assertThat(server.exitWithin(SOON)).isZero();
            assertThat(server.outLines()).anyMatch(line -> line.startsWith("socklab stopping (SIGTERM)"));
        }
    }

    @Test
    void servesEveryServiceOfTheCatalogAtOnce() throws Exception {
        List<String> args = new ArrayList<>(List.of("serve", "--ipv4-only", "--arp-entry", "10.0.0.1=0A:0B:0C:0D",
                "--ftp-root", System.getProperty("java.io.tmpdir"), "--tftp-root", dir.toString()));
        ServiceCatalog.all().forEach(service -> args.add(service.name() + ":0"));
        try (Launched server = Launched.socklab(args.toArray(String[]::new))) {
            for (ServiceInfo service : ServiceCatalog.all()) {
                if (service.transports().contains(Transport.TCP)) {
                    assertThat(server.boundPort(service.name(), "tcp", "127.0.0.1")).isPositive();
                }
                if (service.udpOnlyWhenNamed() || !service.transports().contains(Transport.UDP)) {
                    // The classic amplifiers stay off UDP unless asked for with /udp; chat has no UDP at all.
                    assertThat(server.outLines()).noneMatch(line -> line.matches(service.name() + "\\s+udp\\s.*"));
                } else {
                    assertThat(server.boundPort(service.name(), "udp", "127.0.0.1")).isPositive();
                }
            }
            assertThat(server.outLines()).anyMatch(line -> line.startsWith("UDP amplification at worst")
                    && line.contains("time 1.1x") && !line.contains("chargen"));
            assertThat(talk(server, "hello", null)).isEqualTo("Hello World!");
            assertThat(talk(server, "echo", "ping\n")).isEqualTo("ping");
            assertThat(talk(server, "arp", "10.0.0.1\n")).isEqualTo("0A:0B:0C:0D");
            assertThat(talk(server, "rarp", "0a:0b:0c:0d\n")).isEqualTo("10.0.0.1");
            assertThat(talk(server, "daytime", null)).matches("\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d:\\d\\d");
            assertThat(talk(server, "chargen", null)).startsWith("!\"#$%&'()*+,-./0123456789");
            assertThat(talk(server, "qotd", null)).isNotBlank();
            assertThat(talk(server, "ftp", null)).startsWith("220 ");
            assertThat(talk(server, "rpc", "{\"jsonrpc\":\"2.0\",\"method\":\"arp.lookup\",\"params\":[\"10.0.0.1\"],"
                    + "\"id\":1}\n")).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":\"0A:0B:0C:0D\",\"id\":1}");
        }
    }

    /** Sends {@code request} (if any) to {@code service} over TCP and returns the first line of its answer. */
    private static String talk(Launched server, String service, String request) throws Exception {
        int port = server.boundPort(service, "tcp", "127.0.0.1");
        try (RawClient client = RawClient.connect(new InetSocketAddress("127.0.0.1", port))) {
            if (request != null) {
                client.send(request);
            }
            return client.readLine(SOON);
        }
    }

    @Test
    void deniedSourceGetsNothingWhileAnotherIsGreetedAndOneSourceIsHeldToItsLimit() throws Exception {
        try (Launched server = Launched.socklab("serve", "hello:0/tcp", "echo:0/tcp", "--ipv4-only",
                "--deny", "hello=127.0.0.2", "--max-connections-per-source", "echo=1", "--source-limit-loopback")) {
            Endpoint hello = Endpoint.tcp(new InetSocketAddress("127.0.0.1", server.boundPort("hello", "tcp", "127.0.0.1")));
            InetAddress second = InetAddress.getByAddress(new byte[] {127, 0, 0, 2});
            try (RawClient denied = RawClient.connectFrom(second, hello)) {
                assertThat(denied.readAll(SOON)).isEmpty();
            }
            try (RawClient allowed = RawClient.connect(hello)) {
                assertThat(allowed.readAll(SOON)).isEqualTo("Hello World!\r\n");
            }
            Endpoint echo = Endpoint.tcp(new InetSocketAddress("127.0.0.1",
                    server.boundPort("echo", "tcp", "127.0.0.1")));
            try (RawClient first = RawClient.connect(echo); RawClient over = RawClient.connect(echo)) {
                assertThat(over.readAll(SOON)).isEqualTo("socklab: too many connections from your address (1);"
                        + " try again later\r\n");
                assertThat(first.closedWithin(Duration.ofMillis(100))).isFalse();
            }
        }
    }

    @Test
    void behindAProxyTheClientItsHeaderNamesIsLoggedAndAnUntrustedSenderGetsNothing() throws Exception {
        try (Launched server = Launched.socklab("serve", "echo:0/tcp", "--ipv4-only",
                "--proxy-protocol", "v1", "--proxy-trust", "127.0.0.1")) {
            Endpoint echo = Endpoint.tcp(new InetSocketAddress("127.0.0.1", server.boundPort("echo", "tcp", "127.0.0.1")));
            try (RawClient proxy = RawClient.connect(echo)) {
                proxy.send("PROXY TCP4 203.0.113.7 192.0.2.1 5000 7\r\nhi\n");
                assertThat(proxy.readLine(SOON)).isEqualTo("hi");
            }
            assertThat(server.awaitLine(line -> line.contains("echo#1 tcp 203.0.113.7:5000 via 127.0.0.1:"), SOON)).isNotNull();
            try (RawClient stranger = RawClient.connectFrom(InetAddress.getByAddress(new byte[] {127, 0, 0, 2}), echo)) {
                assertThat(stranger.closedWithin(SOON)).isTrue();
            }
            assertThat(server.awaitLine(line -> line.contains("echo#2 tcp 127.0.0.2:")
                    && line.contains("denied: not a trusted proxy"), SOON)).isNotNull();
        }
    }

    @Test
    void oneServiceMayHaveItsOwnIdleTimeoutAndAClientThatNeverAsksIsClosedAtTheFirstRequestDeadline()
            throws Exception {
        // On the JDK's engine, asked for by name: the deadlines hold on both.
        try (Launched server = Launched.socklab("serve", "echo:0/tcp", "discard:0/tcp", "--ipv4-only", "--io", "jdk",
                "--idle-timeout", "echo=300ms", "--first-request-timeout", "2s")) {
            Endpoint echo = Endpoint.tcp(new InetSocketAddress("127.0.0.1", server.boundPort("echo", "tcp", "127.0.0.1")));
            Endpoint discard = Endpoint.tcp(new InetSocketAddress("127.0.0.1",
                    server.boundPort("discard", "tcp", "127.0.0.1")));
            assertThat(server.outLines()).contains("I/O engine: jdk (the JDK's virtual-thread scheduler)");
            try (RawClient quiet = RawClient.connect(discard); RawClient talker = RawClient.connect(echo)) {
                talker.send("x");
                assertThat(talker.read(1, SOON)).isEqualTo("x");

                assertThat(talker.closedWithin(SOON)).isTrue();
                assertThat(server.awaitLine(line -> line.contains("echo#") && line.contains("timed out: no progress for 300ms"),
                        SOON)).isNotNull();
                // The server's idle timeout is a minute: only the first-request deadline can end this one.
                assertThat(quiet.closedWithin(SOON)).isTrue();
                assertThat(server.awaitLine(line -> line.contains("discard#")
                        && line.contains("timed out: no complete request within 2s"), SOON)).isNotNull();
            }
        }
    }

    @Test
    void sigintStopsTheServerWithExitCodeZero() throws Exception {
        assumeFalse(sigintIgnored(), "SIGINT is ignored in this JVM (a background job of a non-interactive shell),"
                + " so socklab would inherit the ignore");
        try (Launched server = Launched.socklab("serve", "hello:0/tcp", "--ipv4-only")) {
            server.boundPort("tcp", "127.0.0.1");

            Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(server.pid())).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).as("kill exited").isTrue();
            assertThat(kill.exitValue()).isZero();

            server.awaitLine("socklab stopped", SOON);
            assertThat(server.exitWithin(SOON)).isZero();
            assertThat(server.outLines()).anyMatch(line -> line.startsWith("socklab stopping (SIGINT)"));
        }
    }

    @Test
    void traceShowsTheSocketCallsOfServerAndClient() throws Exception {
        try (Launched server = Launched.socklab("serve", "hello:0", "--trace")) {
            int port = server.boundPort("tcp", "127.0.0.1");
            assertThat(server.outLines())
                    .anyMatch(line -> line.endsWith(" trace hello/tcp  socket(AF_INET, SOCK_STREAM)"))
                    .anyMatch(line -> line.endsWith(" trace hello/tcp  bind(127.0.0.1:" + port + ")"))
                    .anyMatch(line -> line.contains(" trace hello/tcp  listen("));

            String clientAddress;
            try (Launched hello = Launched.socklab("hello", "127.0.0.1", String.valueOf(port), "--trace")) {
                assertThat(hello.exitWithin(START)).as("socklab hello --trace; stderr: %s", hello.err()).isZero();
                assertThat(hello.out()).isEqualTo("Hello World!");
                List<String> calls = hello.err().lines().toList();
                assertThat(calls)
                        .allMatch(line -> line.contains(" trace hello "))
                        .anyMatch(line -> line.endsWith("socket(AF_INET, SOCK_STREAM)"))
                        .anyMatch(line -> line.endsWith("connect(127.0.0.1:" + port + ") = 0"))
                        .anyMatch(line -> line.endsWith("recv(4096) = 14 \"Hello World!\\r\\n\""))
                        .anyMatch(line -> line.endsWith("recv(4096) = -1 (EOF)"))
                        .anyMatch(line -> line.endsWith("close()"));
                clientAddress = calls.stream().filter(line -> line.contains("getsockname() = "))
                        .map(line -> line.substring(line.indexOf("getsockname() = ") + "getsockname() = ".length()))
                        .findFirst().orElseThrow(() -> new AssertionError("no getsockname() in " + calls));
            }

            server.awaitLine(line -> line.endsWith(" trace hello/tcp  accept() = hello#1 from " + clientAddress), SOON);
            server.awaitLine(line -> line.endsWith(" trace hello#1    send(14) = 14 \"Hello World!\\r\\n\""), SOON);
            server.awaitLine(line -> line.endsWith(" trace hello#1    close()"), SOON);
        }
    }

    @Test
    void secondServerOnAPortInUseExitsThreeWithOneSentenceAndLeavesTheFirstServing() throws Exception {
        try (Launched first = Launched.socklab("serve", "hello:0")) {
            int port = first.boundPort("tcp", "127.0.0.1");

            try (Launched second = Launched.socklab("serve", "hello:" + port + "/tcp", "--ipv4-only")) {
                assertThat(second.exitWithin(START)).as("exit code; stderr: %s", second.err())
                        .isEqualTo(ExitCode.CANNOT_BIND.code);
                CommandRun.assertOneSentence(second.err(), "hello", "127.0.0.1:" + port, "in use");
                assertThat(second.err().lines()).hasSize(1);
                assertThat(second.out()).isEmpty();
            }

            try (RawClient client = RawClient.connect(new InetSocketAddress("127.0.0.1", port))) {
                assertThat(client.readAll(SOON)).isEqualTo("Hello World!\r\n");
            }
        }
    }

    @Test
    void withoutTheJvmOptionsThatOpenTheJdkTheServerRunsOnTheJdkEngineAndSaysWhy() throws Exception {
        // -cp, not -jar: the manifest's Add-Opens and Add-Exports then do not apply.
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = List.of(java, "-cp", Launched.ROOT.resolve("cli/target/socklab.jar").toString(),
                "dev.socklab.cli.Main", "serve", "hello:0/tcp", "--ipv4-only");
        try (Launched server = Launched.run(Map.of(), command)) {
            int port = server.boundPort("tcp", "127.0.0.1");
            assertThat(server.outLines()).contains("I/O engine: jdk (epoll unavailable: java.lang is not open to socklab"
                    + " (run java with --add-opens java.base/java.lang=ALL-UNNAMED))");
            try (RawClient client = RawClient.connect(new InetSocketAddress("127.0.0.1", port))) {
                assertThat(client.readAll(SOON)).isEqualTo("Hello World!\r\n");
            }
        }
        List<String> asked = new ArrayList<>(command);
        asked.add("--io");
        asked.add("epoll");
        try (Launched refused = Launched.run(Map.of(), asked)) {
            assertThat(refused.exitWithin(START)).isEqualTo(ExitCode.USAGE.code);
            assertThat(refused.err()).contains("the epoll I/O engine cannot run here: java.lang is not open to socklab")
                    .contains("--io jdk");
        }
    }

    /** Whether this JVM ignores SIGINT (bit 2 of SigIgn, SIGINT being 2), which a child would inherit. */
    private static boolean sigintIgnored() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("SigIgn:"))
                .map(line -> Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16))
                .anyMatch(mask -> (mask & 0x2) != 0);
    }
}
