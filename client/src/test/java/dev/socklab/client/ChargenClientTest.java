package dev.socklab.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.net.Family;
import dev.socklab.net.Host;
import dev.socklab.runtime.Endpoint;
import dev.socklab.services.chargen.ChargenService;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;
import dev.socklab.trace.Tracer;

@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChargenClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Host LOOPBACK = Host.parse("127.0.0.1");
    /** The characters of RFC 864's first line, for the UDP server's replies. */
    private static final String CHARACTERS =
            "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefgh";
    /** The second line of RFC 864's example and of socklab's chargen. */
    private static final String SECOND_LINE =
            "\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghi";

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void socklabsChargenStartsWithRfc864sFirstLineOverTcp() throws Exception {
        Endpoint endpoint = servers.stream("chargen", new ChargenService(1), StreamTransport.TCP_IPV4.endpoint(dir));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ClientConnection conn = Endpoints.connect(endpoint, TIMEOUT, Tracer.off(), "chargen");

        assertThat(ChargenClient.lines(conn, 2, out, TIMEOUT)).isEqualTo(2);

        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo(CHARACTERS + "\r\n" + SECOND_LINE + "\r\n");
    }

    @Test
    void socklabsChargenStartsWithRfc864sFirstLineOverUdp() throws Exception {
        Endpoint endpoint = servers.datagram("chargen", new ChargenService(1), StreamTransport.udp(false));
        int port = ((InetSocketAddress) endpoint.address()).getPort();
        try (DatagramClient client = DatagramClient.open(LOOPBACK, port, Family.IPV4, Tracer.off(), "chargen")) {
            assertThat(ChargenClient.datagram(client, 74, TIMEOUT)).isEqualTo(CHARACTERS + "\r\n");
            assertThat(ChargenClient.datagram(client, 1, TIMEOUT)).isEqualTo("\"");
        }
    }

    @Test
    void overUdpASocklabServerWithChargenOnTcpAloneIsRefusedAtOnceWithTheWayToServeIt() throws Exception {
        // What socklab serve starts by default: chargen on TCP, and nothing on the same port over UDP.
        Endpoint tcp = servers.stream("chargen", new ChargenService(1), StreamTransport.TCP_IPV4.endpoint(dir));
        int port = ((InetSocketAddress) tcp.address()).getPort();
        try (DatagramClient client = DatagramClient.open(LOOPBACK, port, Family.IPV4, Tracer.off(), "chargen")) {
            assertThatThrownBy(() -> ChargenClient.datagram(client, 512, Duration.ofSeconds(10)))
                    .isInstanceOf(PortUnreachableException.class)
                    .hasMessage("nothing listens on udp 127.0.0.1:" + port + " (the system refused it); socklab serves"
                            + " chargen over UDP only when named: start the server with 'socklab serve chargen/udp'");
        }
    }

    @Test
    void copiesExactlyTheLinesAskedForThenClosesAndTheServersNextWriteFails() throws Exception {
        TraceLines trace = new TraceLines();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (EndlessLineServer server = EndlessLineServer.start()) {
            ClientConnection conn = connect(server.address(), trace.tracer());

            assertThat(ChargenClient.lines(conn, 3, out, TIMEOUT)).isEqualTo(3);

            // The client's close, with lines unread, resets the connection: the server cannot go on.
            assertThat(server.writeFailure().get(10, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
        }
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("line 1\r\nline 2\r\nline 3\r\n");
        assertThat(trace.lines())
                .anyMatch(line -> line.contains("recv(4096) = ") && line.contains("\"line 1\\r\\nline 2\\r\\n"))
                .last().satisfies(line -> assertThat(line).endsWith("close()"));
    }

    @Test
    void aServerThatClosesEarlyGivesTheLinesItSent() throws Exception {
        byte[] twoAndAHalf = "first\r\nsecond\r\nthi".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JavaGreetingServer server = JavaGreetingServer.start(loopback(), StandardProtocolFamily.INET,
                twoAndAHalf)) {
            ClientConnection conn = connect((InetSocketAddress) server.address(), Tracer.off());

            assertThat(ChargenClient.lines(conn, 5, out, TIMEOUT)).isEqualTo(2);
        }
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("first\r\nsecond\r\nthi");
    }

    @Test
    void aLineThatNeverEndsIsRefusedByName() throws Exception {
        byte[] endless = "x".repeat(ChargenClient.MAX_LINE + 100).getBytes(StandardCharsets.US_ASCII);
        try (JavaGreetingServer server = JavaGreetingServer.start(loopback(), StandardProtocolFamily.INET, endless)) {
            ClientConnection conn = connect((InetSocketAddress) server.address(), Tracer.off());

            assertThatThrownBy(() -> ChargenClient.lines(conn, 1, new ByteArrayOutputStream(), TIMEOUT))
                    .isInstanceOf(ReplyTooLongException.class)
                    .hasMessage("the server's reply passed 8192 bytes without ending");
        }
    }

    @Test
    void overUdpTheServerGetsARequestOfTheSizeAskedFor() throws Exception {
        TraceLines trace = new TraceLines();
        // Like socklab's, it answers with no more characters than the request had.
        try (JavaDatagramServer server = JavaDatagramServer.start(request -> Optional.of(CHARACTERS
                .substring(0, Math.min(request.length, CHARACTERS.length())).getBytes(StandardCharsets.US_ASCII)));
                DatagramClient client = DatagramClient.open(LOOPBACK, server.port(), Family.IPV4, trace.tracer(),
                        "chargen")) {
            assertThat(ChargenClient.datagram(client, 10, TIMEOUT)).isEqualTo("!\"#$%&'()*");
            assertThat(ChargenClient.datagram(client, ChargenClient.DEFAULT_UDP_REQUEST, TIMEOUT))
                    .isEqualTo(CHARACTERS);

            assertThat(server.sizes()).containsExactly(10, 512);
            assertThat(server.requests().getFirst()).asString().isEqualTo(" ".repeat(10));
        }
        assertThat(trace.lines())
                .anyMatch(line -> line.contains("sendto(10) = 10 to 127.0.0.1:") && line.endsWith("\"          \""))
                .anyMatch(line -> line.contains("recvfrom(") && line.endsWith("\"!\\\"#$%&'()*\""));
    }

    @Test
    void overUdpARequestTooBigForADatagramIsRefusedBeforeAnythingIsSent() throws Exception {
        try (JavaDatagramServer server = JavaDatagramServer.silent();
                DatagramClient client = DatagramClient.open(LOOPBACK, server.port(), Family.IPV4, Tracer.off(),
                        "chargen")) {
            assertThatThrownBy(() -> ChargenClient.datagram(client, 70_000, TIMEOUT))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a UDP request is from 0 to 65507 bytes, not 70000");
        }
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private static ClientConnection connect(InetSocketAddress address, Tracer tracer) throws IOException {
        return ClientConnection.connect("127.0.0.1", address.getPort(), List.of(address), TIMEOUT, tracer, "chargen");
    }

    /**
     * A loopback chargen server on its own thread for one client: it sends numbered lines, a
     * hundred to a write, until a write fails, and reports that failure. A million lines at most,
     * so that it ends even if the client never goes.
     */
    private static final class EndlessLineServer implements AutoCloseable {
        private static final int MAX_LINES = 1_000_000;
        private static final int LINES_PER_WRITE = 100;

        private final ServerSocketChannel listener;
        private final CompletableFuture<IOException> writeFailure = new CompletableFuture<>();
        private final Thread thread;

        private EndlessLineServer(ServerSocketChannel listener) {
            this.listener = listener;
            this.thread = Thread.ofPlatform().daemon().name("chargen-server").start(this::serveOne);
        }

        static EndlessLineServer start() throws IOException {
            ServerSocketChannel listener = ServerSocketChannel.open();
            listener.bind(loopback());
            return new EndlessLineServer(listener);
        }

        InetSocketAddress address() throws IOException {
            return (InetSocketAddress) listener.getLocalAddress();
        }

        /** The failure that ended the stream; completed exceptionally if none came in a million lines. */
        CompletableFuture<IOException> writeFailure() {
            return writeFailure;
        }

        @Override
        public void close() throws IOException {
            listener.close();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void serveOne() {
            try (SocketChannel client = listener.accept()) {
                for (int line = 1; line <= MAX_LINES; line += LINES_PER_WRITE) {
                    StringBuilder batch = new StringBuilder();
                    for (int i = line; i < line + LINES_PER_WRITE; i++) {
                        batch.append("line ").append(i).append("\r\n");
                    }
                    ByteBuffer out = ByteBuffer.wrap(batch.toString().getBytes(StandardCharsets.US_ASCII));
                    while (out.hasRemaining()) {
                        client.write(out);
                    }
                }
                writeFailure.completeExceptionally(new AssertionError("the client read a million lines and stayed"));
            } catch (IOException e) {
                writeFailure.complete(e);
            }
        }
    }
}
