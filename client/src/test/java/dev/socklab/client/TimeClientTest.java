package dev.socklab.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.socklab.net.Family;
import dev.socklab.net.Host;
import dev.socklab.runtime.Endpoint;
import dev.socklab.services.hello.HelloService;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;
import dev.socklab.trace.Tracer;

@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TimeClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Host LOOPBACK = Host.parse("127.0.0.1");
    /** 21 November 2026, 08:30:00 UTC. */
    private static final Instant TIME = Instant.parse("2026-11-21T08:30:00Z");
    /** The same time as RFC 868 sends it: 4,004,238,600 seconds since 1900, big-endian. */
    private static final byte[] WIRE = {(byte) 0xEE, (byte) 0xAB, (byte) 0xD5, (byte) 0x08};

    /** A time server that sends the time, then waits for the client to close before it does, and says so. */
    private static final String LINGERING_SERVER = """
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            s.listen()
            print(s.getsockname()[1], flush=True)
            c, a = s.accept()
            c.sendall(bytes([0xEE, 0xAB, 0xD5, 0x08]))
            c.recv(1)
            print("client closed", flush=True)
            c.close()
            """;

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void overTcpTheFourBytesDecodeToTheExactInstant() throws Exception {
        TraceLines trace = new TraceLines();
        try (JavaGreetingServer server = JavaGreetingServer.start(loopbackPortZero(), StandardProtocolFamily.INET,
                WIRE);
                ClientConnection conn = connect((InetSocketAddress) server.address(), trace.tracer())) {
            assertThat(TimeClient.fetch(conn, TIMEOUT)).isEqualTo(TIME);
        }
        assertThat(trace.lines()).anyMatch(line -> line.endsWith("recv(4) = 4 \"\\xee\\xab\\xd5\\x08\""));
    }

    @Test
    void overTcpReturnsOnceTheFourBytesHaveComeWithoutWaitingForTheServerToClose() throws Exception {
        Duration patient = Duration.ofSeconds(10);
        try (LabServer lab = LabServer.start(dir, LINGERING_SERVER)) {
            try (ClientConnection conn = connect(loopback(lab.port()), Tracer.off())) {
                long start = System.nanoTime();

                assertThat(TimeClient.fetch(conn, patient)).isEqualTo(TIME);

                // Had fetch waited for EOF, it would have waited out the whole timeout.
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(patient.dividedBy(2));
            }
            assertThat(lab.readLine(TIMEOUT)).isEqualTo("client closed");
        }
    }

    @Test
    void overTcpAServerThatSendsMoreThanFourBytesIsNotATimeServer() throws Exception {
        // The wrong port: socklab's hello sends 14 bytes, whose first 4 would decode to a date in 2074.
        Endpoint hello = servers.stream("hello", new HelloService("Hello World!"), StreamTransport.TCP_IPV4.endpoint(dir));
        int port = ((InetSocketAddress) hello.address()).getPort();
        try (ClientConnection conn = connect(loopback(port), Tracer.off())) {
            assertThatThrownBy(() -> TimeClient.fetch(conn, TIMEOUT))
                    .isInstanceOf(ProtocolException.class)
                    .hasMessage("127.0.0.1:" + port
                            + " sent 14 bytes, not the 4 of an RFC 868 time: it is not a time server (check the port)");
        }
    }

    @Test
    void overTcpFourBytesFollowedByMoreWithoutACloseIsNotATimeServerEither() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(loopbackPortZero());
            int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            try (ClientConnection conn = connect((InetSocketAddress) listener.getLocalAddress(), Tracer.off());
                    SocketChannel accepted = listener.accept()) {
                accepted.write(ByteBuffer.wrap(WIRE));
                accepted.write(ByteBuffer.wrap("\r\n".getBytes(StandardCharsets.US_ASCII)));

                assertThatThrownBy(() -> TimeClient.fetch(conn, TIMEOUT))
                        .isInstanceOf(ProtocolException.class)
                        .hasMessageStartingWith("127.0.0.1:" + port + " sent 6 bytes, not the 4");
            }
        }
    }

    @Test
    void aServerThatClosesAfterTwoBytesIsAnEndOfFile() throws Exception {
        byte[] half = {(byte) 0xEE, (byte) 0xAB};
        try (JavaGreetingServer server = JavaGreetingServer.start(loopbackPortZero(), StandardProtocolFamily.INET,
                half);
                ClientConnection conn = connect((InetSocketAddress) server.address(), Tracer.off())) {
            assertThatThrownBy(() -> TimeClient.fetch(conn, TIMEOUT))
                    .isInstanceOf(EOFException.class)
                    .hasMessage("the server closed the connection after 2 of the time's 4 bytes");
        }
    }

    @Test
    void aServerThatClosesWithoutATimeIsAnEndOfFile() throws Exception {
        try (JavaGreetingServer server = JavaGreetingServer.start(loopbackPortZero(), StandardProtocolFamily.INET,
                new byte[0]);
                ClientConnection conn = connect((InetSocketAddress) server.address(), Tracer.off())) {
            assertThatThrownBy(() -> TimeClient.fetch(conn, TIMEOUT))
                    .isInstanceOf(EOFException.class)
                    .hasMessage("the server closed the connection without sending the time");
        }
    }

    @Test
    void aServerThatStallsAfterTwoBytesTimesOutSayingHowFarItGot() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(loopbackPortZero());
            try (ClientConnection conn = connect((InetSocketAddress) listener.getLocalAddress(), Tracer.off());
                    SocketChannel accepted = listener.accept()) {
                accepted.write(ByteBuffer.wrap(new byte[] {(byte) 0xEE, (byte) 0xAB}));

                assertThatThrownBy(() -> TimeClient.fetch(conn, Duration.ofMillis(300)))
                        .isInstanceOf(SocketTimeoutException.class)
                        .hasMessage("the server sent 2 of the time's 4 bytes within 300ms");
            }
        }
    }

    @Test
    void overUdpAnEmptyDatagramGetsTheTime() throws Exception {
        TraceLines trace = new TraceLines();
        // Like rdate's server, it answers an empty datagram; this one answers nothing else.
        try (JavaDatagramServer server = JavaDatagramServer.start(
                request -> request.length == 0 ? Optional.of(WIRE) : Optional.empty());
                DatagramClient client = DatagramClient.open(LOOPBACK, server.port(), Family.IPV4, trace.tracer(),
                        "time")) {
            assertThat(TimeClient.fetch(client, TIMEOUT)).isEqualTo(TIME);
            assertThat(server.sizes()).containsExactly(0);
        }
        assertThat(trace.lines())
                .anyMatch(line -> line.contains("sendto(0) = 0 to 127.0.0.1:"))
                .anyMatch(line -> line.contains("recvfrom(") && line.endsWith("\"\\xee\\xab\\xd5\\x08\""));
    }

    @Test
    void overUdpAReplyThatIsNotFourBytesIsRefused() throws Exception {
        byte[] text = "4004238600\n".getBytes(StandardCharsets.US_ASCII);
        try (JavaDatagramServer server = JavaDatagramServer.start(request -> Optional.of(text));
                DatagramClient client = DatagramClient.open(LOOPBACK, server.port(), Family.IPV4, Tracer.off(),
                        "time")) {
            assertThatThrownBy(() -> TimeClient.fetch(client, TIMEOUT))
                    .isInstanceOf(IOException.class)
                    .isInstanceOf(ProtocolException.class)
                    .hasMessage("the reply from 127.0.0.1:" + server.port()
                            + " was 11 bytes, not the 4 of an RFC 868 time: it is not a time server (check the port)");
        }
    }

    @Test
    void overUdpSaysWhoDidNotAnswer() throws Exception {
        // It reads and never answers; a port where nothing listens would be refused at once instead.
        try (JavaDatagramServer silent = JavaDatagramServer.silent()) {
            int port = silent.port();
            try (DatagramClient client = DatagramClient.open(LOOPBACK, port, Family.IPV4, Tracer.off(), "time")) {
                assertThatThrownBy(() -> TimeClient.fetch(client, Duration.ofMillis(300)))
                        .isInstanceOf(SocketTimeoutException.class)
                        .hasMessage("no answer from 127.0.0.1:" + port + " within 300ms");
            }
        }
    }

    @Test
    void overUdpItsEmptyRequestToAPortWhereNothingListensIsRefusedAtOnce() throws Exception {
        int port = FreePorts.udp();
        TraceLines trace = new TraceLines();
        Duration patient = Duration.ofSeconds(10);
        try (DatagramClient client = DatagramClient.open(LOOPBACK, port, Family.IPV4, trace.tracer(), "time")) {
            long start = System.nanoTime();

            // The JDK cannot send it on the connected socket: a second one on the same port does.
            assertThatThrownBy(() -> TimeClient.fetch(client, patient))
                    .isInstanceOf(PortUnreachableException.class)
                    .hasMessage("nothing listens on udp 127.0.0.1:" + port + " (the system refused it)");

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(patient.dividedBy(2));
        }
        assertThat(trace.lines())
                .anyMatch(line -> line.endsWith("setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)"))
                .anyMatch(line -> line.contains("sendto(0) = 0 to 127.0.0.1:" + port))
                .anyMatch(line -> line.endsWith("recvfrom(65536) = ECONNREFUSED"));
    }

    @ParameterizedTest(name = "{0} near {1} is {2}")
    @CsvSource({
        // Just past the 2036 wrap, read by a clock just past it, or still just before it.
        "5,          2036-03-01T00:00:00Z, 2036-02-07T06:28:21Z",
        "5,          2036-01-15T00:00:00Z, 2036-02-07T06:28:21Z",
        // The last second before the wrap, read from either side of it.
        "4294967295, 2036-01-15T00:00:00Z, 2036-02-07T06:28:15Z",
        "4294967295, 2036-03-01T00:00:00Z, 2036-02-07T06:28:15Z",
        // The wrap itself: a count of 0 is 1900 in 1950, and 2036 in 2030.
        "0,          1950-01-01T00:00:00Z, 1900-01-01T00:00:00Z",
        "0,          2030-01-01T00:00:00Z, 2036-02-07T06:28:16Z",
        // Today's times, in the first era.
        "4004238600, 2026-11-21T08:30:05Z, 2026-11-21T08:30:00Z",
        "4004238600, 2090-01-01T00:00:00Z, 2026-11-21T08:30:00Z",
    })
    void decodesInTheEraNearestTheReference(long seconds, Instant reference, Instant expected) {
        assertThat(TimeClient.decode(seconds, reference)).isEqualTo(expected);
    }

    @Test
    void decodeRefusesACountThatDoesNotFitIn32Bits() {
        Instant now = Instant.now();

        assertThatThrownBy(() -> TimeClient.decode(1L << 32, now))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an RFC 868 time is from 0 to 4294967295, not 4294967296");
        assertThatThrownBy(() -> TimeClient.decode(-1, now)).isInstanceOf(IllegalArgumentException.class);
    }

    private static InetSocketAddress loopbackPortZero() {
        return loopback(0);
    }

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    private static ClientConnection connect(InetSocketAddress address, Tracer tracer) throws IOException {
        return ClientConnection.connect("127.0.0.1", address.getPort(), List.of(address), TIMEOUT, tracer, "time");
    }
}
