package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.socklab.net.SocketAddresses;
import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Transport;
import dev.socklab.services.hello.HelloService;
import dev.socklab.testing.LabProgram;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;
import dev.socklab.testing.Tools;

/** {@code socklab hello} run in process against socklab's own greeting server, a lab-style one, and none. */
@Timeout(30)
class HelloCommandTest {
    /** socklab's greeting service, saying the lab's greeting; it keeps no state, so the tests share it. */
    private static final HelloService HELLO = new HelloService(HelloService.DEFAULT_GREETING);

    /** The lab's greeting server in Python 3; the alarm ends it should this JVM die before closing it. */
    private static final String LAB_SERVER = """
            import signal, socket
            signal.alarm(60)
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            s.listen()
            print(s.getsockname()[1], flush=True)
            while True:
                c, a = s.accept()
                c.send(b"Hello World!")
                c.close()
            """;

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void printsTheGreetingOverEveryStreamTransport(StreamTransport transport) {
        Endpoint bound = servers.stream("hello", HELLO, transport.endpoint(dir));

        CommandRun run = bound.transport() == Transport.UNIX
                ? CommandRun.of("hello", "--unix", ((UnixDomainSocketAddress) bound.address()).getPath().toString())
                : CommandRun.of("hello", host(bound), port(bound));

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        assertThat(run.out()).isEqualTo("Hello World!" + System.lineSeparator());
        assertThat(run.err()).isEmpty();
    }

    @ParameterizedTest(name = "over IPv6: {0}")
    @ValueSource(booleans = {false, true})
    void printsTheGreetingOverUdp(boolean ipv6) {
        Endpoint bound = servers.datagram("hello", HELLO, StreamTransport.udp(ipv6));

        CommandRun run = CommandRun.of("hello", host(bound), port(bound), "--udp");

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        assertThat(run.out()).isEqualTo("Hello World!" + System.lineSeparator());
    }

    @Test
    @ResourceLock(Resources.SYSTEM_ERR)
    void traceWritesEverySocketCallOnStandardError() {
        Endpoint bound = servers.stream("hello", HELLO, StreamTransport.TCP_IPV4.endpoint(dir));
        ByteArrayOutputStream trace = new ByteArrayOutputStream();
        PrintStream systemErr = System.err;
        CommandRun run;
        // HelloCommand traces on System.err, which picocli's err writer does not capture.
        System.setErr(new PrintStream(trace, true, StandardCharsets.UTF_8));
        try {
            run = CommandRun.of("hello", "127.0.0.1", port(bound), "--trace");
        } finally {
            System.setErr(systemErr);
        }

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("Hello World!" + System.lineSeparator());
        assertThat(trace.toString(StandardCharsets.UTF_8).lines().toList())
                .allMatch(line -> line.contains(" trace hello "))
                .anyMatch(line -> line.endsWith("socket(AF_INET, SOCK_STREAM)"))
                .anyMatch(line -> line.endsWith("connect(127.0.0.1:" + port(bound) + ") = 0"))
                .anyMatch(line -> line.contains("getsockname() = 127.0.0.1:"))
                .anyMatch(line -> line.contains("recv(") && line.endsWith("\"Hello World!\\r\\n\""))
                .anyMatch(line -> line.contains("recv(") && line.endsWith("(EOF)"))
                .anyMatch(line -> line.endsWith("close()"));
    }

    @Test
    @ResourceLock(Resources.SYSTEM_ERR)
    void withoutTraceNothingIsTraced() {
        Endpoint bound = servers.stream("hello", HELLO, StreamTransport.TCP_IPV4.endpoint(dir));
        ByteArrayOutputStream trace = new ByteArrayOutputStream();
        PrintStream systemErr = System.err;
        System.setErr(new PrintStream(trace, true, StandardCharsets.UTF_8));
        try {
            assertThat(CommandRun.of("hello", "127.0.0.1", port(bound)).exitCode()).isZero();
        } finally {
            System.setErr(systemErr);
        }

        assertThat(trace.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void decimalHostReachesTheIpv4Loopback() {
        Endpoint bound = servers.stream("hello", HELLO, StreamTransport.TCP_IPV4.endpoint(dir));

        CommandRun run = CommandRun.of("hello", "2130706433", port(bound));

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        assertThat(run.out()).isEqualTo("Hello World!" + System.lineSeparator());
    }

    @Test
    void nothingListeningExitsFourWithOneLine() throws Exception {
        int port;
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            port = ((InetSocketAddress) probe.getLocalAddress()).getPort();
        } // closed: the port is free, and nothing listens on it

        CommandRun run = CommandRun.of("hello", "127.0.0.1", String.valueOf(port))
                .failedWith(ExitCode.NETWORK, "cannot connect", "127.0.0.1:" + port + " refused");

        assertThat(run.err().lines()).hasSize(1);
    }

    @Test
    void missingUnixSocketExitsFour() {
        CommandRun.of("hello", "--unix", dir.resolve("nobody.sock").toString())
                .failedWith(ExitCode.NETWORK, "cannot connect", "nobody.sock", "no such socket file");
    }

    @Test
    void udpServerThatNeverAnswersExitsFive() throws Exception {
        try (DatagramChannel silent = DatagramChannel.open()) {
            silent.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            String port = String.valueOf(((InetSocketAddress) silent.getLocalAddress()).getPort());

            CommandRun run = CommandRun.of("hello", "127.0.0.1", port, "--udp", "--timeout", "300ms")
                    .failedWith(ExitCode.NO_ANSWER, "no answer from 127.0.0.1:" + port, "300ms");

            assertThat(run.err().lines()).hasSize(1);
        }
    }

    @Test
    void udpWithNothingListeningExitsFourAtOnceWithOneLine() throws Exception {
        int port;
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            port = ((InetSocketAddress) probe.getLocalAddress()).getPort();
        } // closed: nothing listens on the port, and the system says so

        long start = System.nanoTime();
        CommandRun run = CommandRun.of("hello", "127.0.0.1", String.valueOf(port), "--udp", "--timeout", "30s")
                .failedWith(ExitCode.NETWORK, "nothing listens on udp 127.0.0.1:" + port + " (the system refused it)");

        assertThat(run.err().lines()).hasSize(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void printsTheGreetingOfALabStylePythonServer() throws Exception {
        Tools.require("python3");
        try (LabProgram labServer = LabProgram.python(dir, LAB_SERVER)) {
            String port = labServer.readLine(Duration.ofSeconds(10));
            assertThat(port).as("the port the Python server printed").matches("\\d+");

            CommandRun run = CommandRun.of("hello", "127.0.0.1", port);

            assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
            assertThat(run.out()).isEqualTo("Hello World!" + System.lineSeparator());
        }
    }

    private static String host(Endpoint endpoint) {
        return SocketAddresses.format(((InetSocketAddress) endpoint.address()).getAddress());
    }

    private static String port(Endpoint endpoint) {
        return String.valueOf(((InetSocketAddress) endpoint.address()).getPort());
    }
}
