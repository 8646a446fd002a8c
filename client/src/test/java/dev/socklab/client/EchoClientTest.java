package dev.socklab.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.socklab.net.Family;
import dev.socklab.net.Host;
import dev.socklab.runtime.Endpoint;
import dev.socklab.services.echo.EchoService;
import dev.socklab.testing.Await;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;
import dev.socklab.trace.Tracer;

@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EchoClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String LINES = "one\ntwo\n\nfour, with spaces\nfive é\n";

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void randomBytesComeBackExactly(StreamTransport transport) throws Exception {
        byte[] data = new byte[200 * 1024];
        new Random(867).nextBytes(data);
        Endpoint endpoint = servers.stream("echo", new EchoService(), transport.endpoint(dir));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ClientConnection conn = Endpoints.connect(endpoint, TIMEOUT, Tracer.off(), "echo")) {
            assertThat(EchoClient.relay(conn, new ByteArrayInputStream(data), out, TIMEOUT)).isEqualTo(data.length);
        }
        assertThat(out.toByteArray()).isEqualTo(data);
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void linesComeBackExactly(StreamTransport transport) throws Exception {
        byte[] data = LINES.getBytes(StandardCharsets.UTF_8);
        Endpoint endpoint = servers.stream("echo", new EchoService(), transport.endpoint(dir));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ClientConnection conn = Endpoints.connect(endpoint, TIMEOUT, Tracer.off(), "echo")) {
            assertThat(EchoClient.relay(conn, new ByteArrayInputStream(data), out, TIMEOUT)).isEqualTo(data.length);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(LINES);
    }

    @Test
    void tracesTheRelaysSendsAndReceivesAndItsShutdown() throws Exception {
        Endpoint endpoint = servers.stream("echo", new EchoService(), StreamTransport.TCP_IPV4.endpoint(dir));
        TraceLines trace = new TraceLines();
        try (ClientConnection conn = Endpoints.connect(endpoint, TIMEOUT, trace.tracer(), "echo")) {
            EchoClient.relay(conn, new ByteArrayInputStream("ping\n".getBytes(StandardCharsets.US_ASCII)),
                    new ByteArrayOutputStream(), TIMEOUT);
        }
        assertThat(trace.lines())
                .anyMatch(line -> line.endsWith("send(5) = 5 \"ping\\n\""))
                .anyMatch(line -> line.endsWith("shutdown(SHUT_WR)"))
                .anyMatch(line -> line.contains("recv(") && line.endsWith("= 5 \"ping\\n\""))
                .anyMatch(line -> line.contains("recv(") && line.endsWith("(EOF)"));
    }

    @Test
    void waitsForInputThatComesLaterThanTheTimeout() throws Exception {
        Endpoint endpoint = servers.stream("echo", new EchoService(), StreamTransport.TCP_IPV4.endpoint(dir));
        TraceLines trace = new TraceLines();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PipedOutputStream typing = new PipedOutputStream();
        try (ClientConnection conn = Endpoints.connect(endpoint, TIMEOUT, trace.tracer(), "echo");
                PipedInputStream in = new PipedInputStream(typing)) {
            // A second: after the input ends, the echo and the server's close must come within it.
            CompletableFuture<Long> relayed = CompletableFuture.supplyAsync(() -> relay(conn, in, out,
                    Duration.ofSeconds(1)));
            // A read has given up waiting while the input was still open, and the relay went on.
            Await.until(() -> trace.lines().stream().anyMatch(line -> line.endsWith("(timed out after 1s)")),
                    TIMEOUT, "a read that timed out while the input was open");

            typing.write("late\n".getBytes(StandardCharsets.US_ASCII));
            typing.close();

            assertThat(relayed.get(10, TimeUnit.SECONDS)).isEqualTo(5);
        } finally {
            typing.close(); // again, if the test failed early: the relay's input ends
        }
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("late\n");
    }

    @Test
    void givesUpWhenTheServerNeitherAnswersNorClosesAfterTheInputEnds() throws Exception {
        // The kernel completes the handshake for the listen backlog: a server that never accepts never speaks.
        try (ServerSocketChannel silent = ServerSocketChannel.open()) {
            silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            InetSocketAddress address = (InetSocketAddress) silent.getLocalAddress();
            try (ClientConnection conn = ClientConnection.connect("127.0.0.1", address.getPort(), List.of(address),
                    TIMEOUT, Tracer.off(), "echo")) {
                assertThatThrownBy(() -> EchoClient.relay(conn, new ByteArrayInputStream(new byte[0]),
                        new ByteArrayOutputStream(), Duration.ofMillis(300)))
                        .isInstanceOf(SocketTimeoutException.class)
                        .hasMessage("the server neither sent nor closed for 300ms after the end of the input");
            }
        }
    }

    @Test
    void everyUdpLineComesBackAndNoneIsLost() throws Exception {
        Endpoint endpoint = servers.datagram("echo", new EchoService(), StreamTransport.udp(false));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TraceLines trace = new TraceLines();
        try (DatagramClient client = Endpoints.open(endpoint, trace.tracer(), "echo")) {
            EchoClient.EchoStats stats = EchoClient.relayLines(client, lines("a", "b", "c", "d", "e"),
                    printingTo(out), TIMEOUT);

            assertThat(stats).isEqualTo(new EchoClient.EchoStats(5, 5, 0));
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("a\nb\nc\nd\ne\n".replace("\n", System.lineSeparator()));
        assertThat(trace.lines())
                .anyMatch(line -> line.contains("sendto(1) = 1 to 127.0.0.1:") && line.endsWith("\"c\""))
                .anyMatch(line -> line.contains("recvfrom(") && line.endsWith("\"c\""));
    }

    @Test
    void udpLinesWithoutAnEchoAreCountedAsLost() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OddOnlyEchoServer odd = OddOnlyEchoServer.start();
                DatagramClient client = DatagramClient.open(Host.parse("127.0.0.1"), odd.port(), Family.IPV4,
                        Tracer.off(), "echo")) {
            EchoClient.EchoStats stats = EchoClient.relayLines(client, lines("1", "2", "3", "4", "5"),
                    printingTo(out), Duration.ofSeconds(1));

            // An echo later than the timeout would be dropped as stale, and counted as lost.
            assertThat(stats).isEqualTo(new EchoClient.EchoStats(5, 3, 2));
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("1\n3\n5\n".replace("\n", System.lineSeparator()));
    }

    private static long relay(ClientConnection conn, InputStream in, OutputStream out, Duration timeout) {
        try {
            return EchoClient.relay(conn, in, out, timeout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedReader lines(String... lines) {
        return new BufferedReader(new StringReader(String.join("\n", lines) + "\n"));
    }

    private static PrintStream printingTo(ByteArrayOutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    /** A UDP echo server that answers only the 1st, 3rd, 5th... datagram it gets, on its own thread. */
    private static final class OddOnlyEchoServer implements AutoCloseable {
        private final DatagramChannel channel;
        private final Thread thread;

        private OddOnlyEchoServer(DatagramChannel channel) {
            this.channel = channel;
            this.thread = Thread.ofPlatform().daemon().name("odd-echo").start(this::serve);
        }

        static OddOnlyEchoServer start() throws IOException {
            DatagramChannel channel = DatagramChannel.open();
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return new OddOnlyEchoServer(channel);
        }

        int port() throws IOException {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        }

        private void serve() {
            ByteBuffer buffer = ByteBuffer.allocate(2048);
            try {
                for (long count = 1; ; count++) {
                    SocketAddress sender = channel.receive(buffer.clear());
                    if (count % 2 == 1) {
                        channel.send(buffer.flip(), sender);
                    }
                }
            } catch (IOException e) {
                // Closed by the test: done.
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
