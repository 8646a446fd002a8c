package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Server;
import dev.socklab.service.StreamService;
import dev.socklab.services.chat.ChatService;
import dev.socklab.services.chat.ChatSettings;
import dev.socklab.services.echo.EchoService;
import dev.socklab.services.hello.HelloService;
import dev.socklab.services.http.HttpService;
import dev.socklab.services.http.HttpSettings;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.TestCertificates;

/**
 * The client commands over TLS, in process: against socklab's own services served over TLS, and
 * against {@code openssl s_server}, a C server; trusted by {@code --ca}, refused without it, and
 * unchecked with {@code --insecure}, which says so.
 */
@Timeout(30)
// System.in and System.out are swapped for echo and ws, as in LabClientCommandsTest.
@ResourceLock(Resources.SYSTEM_OUT)
// --trace writes to System.err, which is captured by replacing it.
@ResourceLock(Resources.SYSTEM_ERR)
class TlsClientCommandsTest {
    private static final String GREETING = "Hello World!";

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();
    private TestCertificates pair;
    private String ca;

    @BeforeEach
    void certificate() {
        pair = TestCertificates.in(dir);
        ca = pair.certFile().toString();
    }

    private String serveOverTls(String name, StreamService service, String address) {
        Server server = servers.start(Server.builder().tls(pair.serverTls())
                .stream(name, service, Endpoint.tls(new InetSocketAddress(address, 0))));
        return String.valueOf(((InetSocketAddress) server.bindings().getFirst().endpoint().address()).getPort());
    }

    private String serveHelloOverTls() {
        return serveOverTls("hello", new HelloService(GREETING), "127.0.0.1");
    }

    @Test
    void helloOverTlsTrustingItsCaPrintsTheGreeting() {
        CommandRun run = CommandRun.of("hello", "localhost", serveHelloOverTls(), "--tls", "--ca", ca);

        assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
        assertThat(run.out()).isEqualTo(GREETING + System.lineSeparator());
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aCertificateFromACaTheJdkDoesNotTrustIsRefusedWithAHintAndExitFour() {
        CommandRun.of("hello", "localhost", serveHelloOverTls(), "--tls").failedWith(ExitCode.NETWORK,
                "the server's certificate (issued by ", "is not signed by any of the JDK's trusted CAs;",
                "give its CA with --ca FILE", "or --insecure to skip the check");
    }

    @Test
    void insecureTalksToAnyCertificateAndSaysOnOneLineWhatItSkips() {
        CommandRun run = CommandRun.of("hello", "localhost", serveHelloOverTls(), "--tls", "--insecure");

        assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
        assertThat(run.out()).isEqualTo(GREETING + System.lineSeparator());
        assertThat(run.err().lines()).containsExactly("socklab: --insecure: the server's certificate and name are NOT"
                + " checked; anyone on the path can read and change this connection");
    }

    @Test
    void aCertificateForOtherNamesIsRefusedNamingThem() {
        // 127.0.0.2 is loopback too on Linux; the certificate names localhost, 127.0.0.1 and ::1.
        String port = serveOverTls("hello", new HelloService(GREETING), "127.0.0.2");

        CommandRun.of("hello", "127.0.0.2", port, "--tls", "--ca", ca).failedWith(ExitCode.NETWORK,
                "the server's certificate is for localhost, 127.0.0.1, ::1, not 127.0.0.2;",
                "connect by one of those names, or --insecure to skip the check");
    }

    @Test
    void theTraceShowsTheHandshakeInOneLineAndThenThePlaintext() {
        String port = serveHelloOverTls();
        Captured run = captured("", () -> CommandRun.of("hello", "localhost", port, "--tls", "--ca", ca, "--trace"));

        assertThat(run.run().exitCode()).as("stderr: %s", run.err()).isZero();
        List<String> calls = run.err().lines().map(line -> line.substring(line.indexOf("hello") + 5).strip()).toList();
        assertThat(calls).noneMatch(call -> call.startsWith("recv(") || call.startsWith("send("));
        int handshake = indexOf(calls, "SSL_connect() = TLSv1.3 TLS_");
        assertThat(calls.get(handshake)).contains(" sni=localhost ").contains(" server=\"")
                .contains(pair.certificate().certificate().getSubjectX500Principal().getName());
        assertThat(indexOf(calls, "connect(")).isLessThan(handshake);
        assertThat(indexOf(calls, "SSL_read(")).isGreaterThan(handshake);
        assertThat(calls).anyMatch(call -> call.matches("SSL_read\\(\\d+\\) = 14 \"Hello World!\\\\r\\\\n\""));
    }

    @Test
    void echoOverTlsSendsTheInputAndPrintsWhatComesBack() {
        String port = serveOverTls("echo", new EchoService(), "127.0.0.1");
        Captured run = captured("one\ntwo\n", () -> CommandRun.of("echo", "localhost", port, "--tls", "--ca", ca));

        assertThat(run.run().exitCode()).as("stderr: %s", run.err()).isZero();
        assertThat(run.out()).isEqualTo("one\ntwo\n");
    }

    @Test
    void chatOverTlsSendsTheInputAndLeavesAtItsEnd() {
        String port = serveOverTls("chat", new ChatService(ChatSettings.DEFAULTS, Clock.systemDefaultZone()),
                "127.0.0.1");
        Captured run = captured("hello over tls\n", () -> CommandRun.of("chat", "localhost", port, "--nick", "alice",
                "--tls", "--ca", ca));

        assertThat(run.run().exitCode()).as("stderr: %s", run.err()).isZero();
        assertThat(run.out()).contains("<alice> hello over tls").contains("-- bye");
    }

    @Test
    void anHttpsUrlSpeaksTls() {
        String port = serveOverTls("http", HttpService.of(HttpSettings.defaults()), "127.0.0.1");
        Captured run = captured("", () -> CommandRun.of("http", "https://localhost:" + port + "/anything",
                "--ca", ca, "--trace"));

        assertThat(run.run().exitCode()).as("stderr: %s", run.err()).isZero();
        assertThat(run.out()).contains("\"method\"").contains("GET");
        assertThat(run.err()).contains("SSL_connect() = TLSv1.3 ").contains("> GET /anything HTTP/1.1");
    }

    @Test
    void aWssUrlSpeaksTls() {
        String port = serveOverTls("http", HttpService.of(HttpSettings.defaults()), "127.0.0.1");
        CommandRun run = withInput("over tls\n",
                () -> CommandRun.of("ws", "wss://localhost:" + port + "/ws", "--ca", ca));

        assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
        assertThat(run.out()).isEqualTo("over tls" + System.lineSeparator());
    }

    @Test
    void tlsFlagsThatCannotBeHonouredAreUsageErrors() {
        CommandRun.of("hello", "--udp", "--tls").failedWith(ExitCode.USAGE, "over UDP it would be DTLS");
        CommandRun.of("hello", "--ca", ca).failedWith(ExitCode.USAGE, "--ca is for TLS: add --tls");
        CommandRun.of("http", "http://localhost/", "--insecure").failedWith(ExitCode.USAGE, "--insecure is for TLS");
        CommandRun.of("hello", "--tls", "--ca", ca, "--insecure").failedWith(ExitCode.USAGE, "--ca would go unused");
        CommandRun.of("hello", "--tls", "--ca", dir.resolve("none.pem").toString())
                .failedWith(ExitCode.USAGE, "--ca ", "none.pem: no such file");
    }

    @Test
    void aPlaintextServerIsToldApartFromATlsOne() {
        Endpoint hello = servers.stream("hello", new HelloService(GREETING),
                Endpoint.tcp(new InetSocketAddress("127.0.0.1", 0)));
        String port = String.valueOf(((InetSocketAddress) hello.address()).getPort());

        CommandRun.of("hello", "127.0.0.1", port, "--tls").failedWith(ExitCode.NETWORK,
                "the server answered without TLS: it does not speak TLS on this port");
    }

    @Test
    void opensslsWwwServerAnswersAnHttpsGetWithItsSession() throws Exception {
        try (OpensslServer openssl = OpensslServer.start(pair.certFile(), pair.keyFile(), "-www", "-alpn", "http/1.1")) {
            Captured run = captured("", () -> CommandRun.of("http", "https://localhost:" + openssl.port() + "/",
                    "--ca", ca, "--trace"));

            assertThat(run.run().exitCode()).as("stderr: %s", run.err()).isZero();
            assertThat(run.out()).contains("s_server").contains("TLSv1.3");
            assertThat(run.err()).contains("SSL_connect() = TLSv1.3 ").contains(" alpn=http/1.1 ");
        }
    }

    @Test
    void opensslsServerEchoesLinesReversedOverTls12() throws Exception {
        try (OpensslServer openssl = OpensslServer.start(pair.certFile(), pair.keyFile(), "-rev", "-tls1_2")) {
            Captured run = captured("", () -> CommandRun.of("arp", "localhost", String.valueOf(openssl.port()),
                    "stressed", "--tls", "--ca", ca, "--trace"));

            assertThat(run.run().exitCode()).as("stderr: %s", run.err()).isZero();
            assertThat(run.run().out()).isEqualTo("stressed -> desserts" + System.lineSeparator());
            assertThat(run.err()).contains("SSL_connect() = TLSv1.2 ");
        }
    }

    @Test
    void tlsRunsOverAUnixSocketTooCheckingTheNameTheUrlGives() throws Exception {
        Path socket = dir.resolve("tls.sock");
        try (OpensslServer openssl = OpensslServer.onUnixSocket(socket, pair.certFile(), pair.keyFile(), "-www")) {
            Captured run = captured("", () -> CommandRun.of("http", "--unix", socket.toString(), "https://localhost/",
                    "--ca", ca));

            assertThat(run.run().exitCode()).as("stderr: %s", run.err()).isZero();
            assertThat(run.out()).contains("s_server");
        }
    }

    @Test
    void echoToOpensslsServerGetsEachLineBackReversed() throws Exception {
        try (OpensslServer openssl = OpensslServer.start(pair.certFile(), pair.keyFile(), "-rev")) {
            Captured run = captured("stressed\n", () -> CommandRun.of("echo", "localhost",
                    String.valueOf(openssl.port()), "--tls", "--ca", ca));

            assertThat(run.run().exitCode()).as("stderr: %s", run.err()).isZero();
            assertThat(run.out()).isEqualTo("desserts\n");
        }
    }

    @Test
    void opensslsServerIsRefusedWithoutItsCa() throws Exception {
        try (OpensslServer openssl = OpensslServer.start(pair.certFile(), pair.keyFile(), "-www")) {
            CommandRun.of("http", "https://localhost:" + openssl.port() + "/").failedWith(ExitCode.NETWORK,
                    "is not signed by any of the JDK's trusted CAs", "--ca FILE");
        }
    }

    private static int indexOf(List<String> calls, String start) {
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).startsWith(start)) {
                return i;
            }
        }
        throw new AssertionError("no call starting '" + start + "' in " + calls);
    }

    private record Captured(CommandRun run, String out, String err) {
    }

    /** Runs with {@code input} as System.in and System.out and System.err captured (echo and the trace write there). */
    private static Captured captured(String input, Supplier<CommandRun> command) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        try {
            CommandRun run = withInput(input, command);
            return new Captured(run, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static CommandRun withInput(String input, Supplier<CommandRun> command) {
        InputStream in = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            return command.get();
        } finally {
            System.setIn(in);
        }
    }
}
