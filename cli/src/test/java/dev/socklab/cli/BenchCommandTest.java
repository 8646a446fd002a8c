package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;

import dev.socklab.rpc.JsonRpc;
import dev.socklab.rpc.JsonRpcService;
import dev.socklab.rpc.RpcLimits;
import dev.socklab.runtime.Endpoint;
import dev.socklab.services.chat.ChatService;
import dev.socklab.services.chat.ChatSettings;
import dev.socklab.services.echo.EchoService;
import dev.socklab.services.hello.HelloService;
import dev.socklab.services.http.HttpService;
import dev.socklab.services.http.HttpSettings;
import dev.socklab.services.rpc.BuiltinMethods;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/** {@code socklab bench} run in process, for half a second a run, against socklab's echo, greeting and chat services. */
@Timeout(30)
class BenchCommandTest {
    private static final String[] SHORT = {"--duration", "500ms", "--warmup", "0s"};

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void pingpongPrintsTheTable() {
        String port = tcp();

        CommandRun run = bench("pingpong", "127.0.0.1", port, "--connections", "2");

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.getFirst())
                .matches("workload  connections  size  seconds  ops/s +MB/s +p50 us  p99 us  p999 us  max us  errors  lost  load cpu");
        assertThat(lines.get(1)).matches("pingpong  2 +64 +0\\.5 +\\d+\\.\\d +\\d+\\.\\d +\\d+ +\\d+ +\\d+ +\\d+ +0 +0 +\\d+%");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aSweepInJsonIsAnArrayWithAnObjectARun() {
        String port = tcp();

        CommandRun run = bench("pingpong", "127.0.0.1", port, "--connections", "1,3", "--json");

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        List<String> objects = run.out().lines().filter(l -> l.startsWith("  {")).toList();
        assertThat(run.out().strip()).startsWith("[").endsWith("]");
        assertThat(objects).hasSize(2);
        assertThat(objects.get(0)).startsWith("  {\"workload\": \"pingpong\", \"connections\": 1, \"size\": 64, ");
        assertThat(objects.get(1)).contains("\"connections\": 3", "\"errors\": 0", "\"latency_us\": {\"p50\": ",
                "\"server_bytes_per_connection\": null, \"senders\": 0}");
    }

    @Test
    void csvHasAHeaderAndARowARun() {
        String port = tcp();

        CommandRun run = bench("stream", "127.0.0.1", port, "--connections", "2", "--size", "4096", "--csv");

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("workload,connections,size,seconds,operations,ops_per_second,");
        assertThat(lines.get(1)).startsWith("stream,2,4096,0.500,");
        assertThat(lines.get(1).split(",", -1)).hasSize(lines.get(0).split(",").length);
    }

    @Test
    void aSweepDrawsAChartThatParsesAsSvg() throws Exception {
        String port = tcp();
        Path chart = dir.resolve("sweep.svg");

        CommandRun run = bench("pingpong", "127.0.0.1", port, "--connections", "1,2,4", "--chart", chart.toString());

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        assertThat(run.out().lines().filter(l -> l.startsWith("pingpong"))).hasSize(3);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        Document svg = factory.newDocumentBuilder().parse(chart.toFile());
        assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(svg.getElementsByTagNameNS("*", "polyline").getLength()).isEqualTo(2);
    }

    @Test
    void connectAndUdpRunAgainstTheirServices() {
        Endpoint hello = servers.stream("hello", new HelloService(HelloService.DEFAULT_GREETING),
                StreamTransport.TCP_IPV4.endpoint(dir));
        Endpoint echo = servers.datagram("echo", new EchoService(), StreamTransport.udp(false));

        CommandRun connect = bench("connect", "127.0.0.1", port(hello), "--connections", "2", "--json");
        CommandRun udp = bench("udp", "127.0.0.1", port(echo), "--connections", "2", "--json");

        assertThat(connect.exitCode()).as("connect; stderr: %s", connect.err()).isZero();
        assertThat(connect.out()).contains("\"workload\": \"connect\"", "\"size\": 0", "\"errors\": 0");
        assertThat(udp.exitCode()).as("udp; stderr: %s", udp.err()).isZero();
        assertThat(udp.out()).contains("\"workload\": \"udp\"", "\"lost\": 0");
    }

    @Test
    void chatCountsMembersSendersAndMessagesDelivered() {
        String port = port(servers.stream("chat", chat(0), StreamTransport.TCP_IPV4.endpoint(dir)));

        CommandRun run = bench("chat", "127.0.0.1", port, "--members", "5", "--senders", "2", "--in-flight", "2");

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.getFirst()).matches("workload  members  senders  size  seconds  msgs/s +MB/s +p50 us .*");
        assertThat(lines.get(1)).matches("chat +5 +2 +64 +0\\.5 +\\d+\\.\\d +\\d+\\.\\d +\\d+ +\\d+ +\\d+ +\\d+ +0 +0 +\\d+%");
        // Nothing else, but for a note if the load generator saturated its core.
        assertThat(lines.subList(2, lines.size())).allMatch(line -> line.startsWith("load-bound: "));
    }

    @Test
    void chatThrottledByTheServersFloodControlExitsFourAndSaysToTurnItOff() {
        // One line a second in bursts of 10: the join and the marker pass, the sender's ninth message is warned.
        String port = port(servers.stream("chat", chat(1), StreamTransport.TCP_IPV4.endpoint(dir)));

        CommandRun run = bench("chat", "127.0.0.1", port, "--members", "3");

        assertThat(run.exitCode()).as("exit code; stdout: %s", run.out()).isEqualTo(ExitCode.NETWORK.code);
        assertThat(run.err()).startsWith("socklab: ").contains("warned", "--chat-rate 0").doesNotContain("Exception");
    }

    @Test
    void chatWarnedOnlyInTheWarmUpIsAFailureNotZeroErrors() {
        String port = port(servers.stream("chat", chat(1), StreamTransport.TCP_IPV4.endpoint(dir)));

        CommandRun run = CommandRun.of("bench", "chat", "127.0.0.1", port, "--members", "3", "--warmup", "2s",
                "--duration", "500ms", "--json");

        assertThat(run.exitCode()).as("exit code; stdout: %s", run.out()).isEqualTo(ExitCode.NETWORK.code);
        assertThat(run.err()).startsWith("socklab: ").contains("warned by the server", "--chat-rate 0");
    }

    @Test
    void chatCountsMembersNotConnections() throws IOException {
        CommandRun.of("bench", "chat", "127.0.0.1", closedPort(), "--connections", "10")
                .failedWith(ExitCode.USAGE, "chat counts --members, not --connections");
        CommandRun.of("bench", "chat", "127.0.0.1", closedPort(), "--members", "10", "--senders", "11")
                .failedWith(ExitCode.USAGE, "--senders must be from 1 to the members, 10, not 11");
    }

    @Test
    void idleWithTheServersPidReportsItsMemoryPerConnection() {
        String port = tcp();

        CommandRun run = bench("idle", "127.0.0.1", port, "--connections", "20", "--server-pid",
                String.valueOf(ProcessHandle.current().pid()));

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        assertThat(run.out().lines().toList().getFirst()).endsWith("server B/conn");
        // At least the half second asked for; reading the server's memory may add a little.
        assertThat(run.out())
                .containsPattern("idle with 20 connections: held 20 of 20 for \\d+\\.\\d s; the server's memory grew");
    }

    @Test
    void aLoopbackSourceRangeIsAcceptedAndUsed() {
        String port = tcp();

        CommandRun run = bench("pingpong", "localhost", port, "--connections", "4", "--source-range", "127.0.0.2-127.0.0.9",
                "--json");

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        assertThat(run.out()).contains("\"errors\": 0");
    }

    @Test
    void httpTakesHostPortAndPathOrOneUrl() {
        String port = port(servers.stream("http", HttpService.of(HttpSettings.defaults()),
                StreamTransport.TCP_IPV4.endpoint(dir)));

        CommandRun apart = bench("http", "127.0.0.1", port, "/bytes/64", "--connections", "2", "--json");
        CommandRun url = bench("http", "http://127.0.0.1:" + port + "/status/404", "--status", "404", "-c", "2", "--json");

        for (CommandRun run : List.of(apart, url)) {
            assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
            assertThat(run.out()).contains("\"workload\": \"http\"", "\"errors\": 0");
        }
        assertThat(apart.out()).doesNotContain("\"bytes_per_second\": 0.0");
    }

    @Test
    void rpcCallsSocklabsRpcOverTcpAndOverHttpInJsonAndXmlWithoutErrors() {
        ChatService chat = new ChatService(ChatSettings.DEFAULTS, Clock.systemDefaultZone());
        String tcp = port(servers.stream("rpc", new JsonRpcService(new JsonRpc(BuiltinMethods.atDefaults(chat),
                RpcLimits.DEFAULTS)), StreamTransport.TCP_IPV4.endpoint(dir)));
        String http = port(servers.stream("http", HttpService.of(HttpSettings.defaults(), chat),
                StreamTransport.TCP_IPV4.endpoint(dir)));

        CommandRun json = bench("rpc", "127.0.0.1", tcp, "--connections", "2", "--json");
        CommandRun overHttp = bench("rpc", "127.0.0.1", http, "--transport", "http", "--size", "64", "-c", "2", "--json");
        CommandRun xml = bench("rpc", "127.0.0.1", http, "--transport", "http", "--xml", "-c", "2", "--json");

        for (CommandRun run : List.of(json, overHttp, xml)) {
            assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
            assertThat(run.out()).contains("\"workload\": \"rpc\"", "\"errors\": 0").doesNotContain("\"operations\": 0,");
        }
    }

    @Test
    void httpAnsweredWithAnotherStatusExitsFourAndSaysSo() {
        String port = port(servers.stream("http", HttpService.of(HttpSettings.defaults()),
                StreamTransport.TCP_IPV4.endpoint(dir)));

        bench("http", "127.0.0.1", port, "/status/503", "--connections", "1")
                .failedWith(ExitCode.NETWORK, "every http connection to 127.0.0.1:" + port + " failed",
                        "answered with another status", "is an HTTP server");
    }

    @Test
    void refusedConnectionsExitFourWithOneSentence() throws IOException {
        String port = closedPort();

        CommandRun run = bench("pingpong", "127.0.0.1", port, "--connections", "2")
                .failedWith(ExitCode.NETWORK, "every pingpong connection to 127.0.0.1:" + port + " failed", "refused",
                        "is an echo server listening there?");

        assertThat(run.err().lines()).hasSize(1);
    }

    static Stream<Arguments> wrongCommandLines() {
        return Stream.of(
                Arguments.of("a source range off loopback", new String[] {"--source-range", "10.0.0.1-10.0.0.9"},
                        new String[] {"--source-range 10.0.0.1-10.0.0.9 is not on loopback"}),
                Arguments.of("a source range with IPv6", new String[] {"--source-range", "127.0.0.2-127.0.0.9", "-6"},
                        new String[] {"--source-range", "--ipv6-only"}),
                Arguments.of("more threads than cores", new String[] {"--threads", "999"},
                        new String[] {"--threads must be from 1 to"}),
                Arguments.of("a duration past ten minutes", new String[] {"--duration", "11m"},
                        new String[] {"--duration must be more than 0 and at most 10m, not 11m"}),
                Arguments.of("a chart without a sweep", new String[] {"--chart", "x.svg"},
                        new String[] {"--chart draws a sweep"}),
                Arguments.of("both JSON and CSV", new String[] {"--json", "--csv"},
                        new String[] {"--json", "--csv", "mutually exclusive"}),
                Arguments.of("a connection count that is not a number", new String[] {"--connections", "1,many"},
                        new String[] {"'many' is not a number"}),
                Arguments.of("a server PID for pingpong", new String[] {"--server-pid", "1"},
                        new String[] {"--server-pid applies to idle alone"}),
                Arguments.of("members for pingpong", new String[] {"--members", "10"},
                        new String[] {"--members applies to chat alone; pingpong counts --connections"}),
                Arguments.of("senders for pingpong", new String[] {"--senders", "2"},
                        new String[] {"--senders applies to chat alone"}),
                Arguments.of("a status for pingpong", new String[] {"--status", "200"},
                        new String[] {"--status applies to http alone"}),
                Arguments.of("a transport for pingpong", new String[] {"--transport", "http"},
                        new String[] {"--transport applies to rpc alone"}));
    }

    @Test
    void xmlRpcOverTcpOrAnUnknownTransportIsRefused() throws IOException {
        String port = closedPort();

        CommandRun.of("bench", "rpc", "127.0.0.1", port, "--xml").failedWith(ExitCode.USAGE,
                "--xml calls XML-RPC, which travels over HTTP alone: add --transport http");
        CommandRun.of("bench", "rpc", "127.0.0.1", port, "--transport", "udp").failedWith(ExitCode.USAGE,
                "unknown --transport 'udp': choose tcp or http");
    }

    @Test
    void anHttpsUrlOrAUrlWithAPortAfterItIsRefused() {
        CommandRun.of("bench", "http", "https://127.0.0.1/").failedWith(ExitCode.USAGE, "bench http loads http://");
        CommandRun.of("bench", "http", "http://127.0.0.1:1/", "80").failedWith(ExitCode.USAGE,
                "names the port and path already");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongCommandLines")
    void aWrongCommandLineExitsTwoWithOneSentence(String what, String[] options, String[] fragments) throws IOException {
        String port = closedPort(); // nothing runs: every mistake is caught before the first connection
        String[] args = Stream.concat(Stream.of("bench", "pingpong", "127.0.0.1", port), Stream.of(options))
                .toArray(String[]::new);

        CommandRun.of(args).failedWith(ExitCode.USAGE, fragments);
    }

    @Test
    void anUnknownWorkloadNamesTheChoices() {
        CommandRun.of("bench", "pong").failedWith(ExitCode.USAGE, "unknown workload 'pong'",
                "pingpong, stream, connect, udp, idle, chat, http, rpc");
    }

    @Test
    void helpDocumentsTheJsonKeys() {
        CommandRun run = CommandRun.of("bench", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: socklab bench", "server_bytes_per_connection", "latency_p50_us",
                "load_bound", "--source-range", "--members", "--senders", "--in-flight", "--chat-rate 0");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bench", "bench soak"})
    void helpFitsEightyColumnsAndItsSummaryIsOneWholeSentence(String command) {
        CommandRun run = CommandRun.of(Stream.concat(Stream.of(command.split(" ")), Stream.of("--help"))
                .toArray(String[]::new));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).allMatch(line -> line.length() <= 80, "fits 80 columns");
        String summary = run.out().lines().dropWhile(line -> !line.startsWith("Usage:"))
                .dropWhile(line -> line.startsWith("Usage:") || line.startsWith(" ")).findFirst().orElseThrow();
        // socklab --help shows it after the command's name, in the 68 columns left of 80.
        assertThat(summary).endsWith(".").hasSizeLessThanOrEqualTo(68);
    }

    private CommandRun bench(String... args) {
        String[] all = Stream.concat(Stream.of("bench"), Stream.concat(Stream.of(args), Stream.of(SHORT)))
                .toArray(String[]::new);
        return CommandRun.of(all);
    }

    /** socklab's chat with flood control at {@code rate} lines a second (0: off) in its default bursts. */
    private static ChatService chat(int rate) {
        ChatSettings d = ChatSettings.DEFAULTS;
        return new ChatService(new ChatSettings(d.history(), d.maxRooms(), d.maxMembers(), d.maxLineBytes(), rate,
                d.burst(), d.sendQueueBytes(), d.maxLag(), d.idleTimeout()), Clock.systemDefaultZone());
    }

    private String tcp() {
        return port(servers.stream("echo", new EchoService(), StreamTransport.TCP_IPV4.endpoint(dir)));
    }

    private static String port(Endpoint endpoint) {
        return String.valueOf(((InetSocketAddress) endpoint.address()).getPort());
    }

    private static String closedPort() throws IOException {
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            return String.valueOf(((InetSocketAddress) probe.getLocalAddress()).getPort());
        } // closed: nothing listens on it now
    }
}
