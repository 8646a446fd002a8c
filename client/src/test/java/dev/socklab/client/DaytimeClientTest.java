package dev.socklab.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.net.Family;
import dev.socklab.net.Host;
import dev.socklab.runtime.Endpoint;
import dev.socklab.services.daytime.DaytimeFormat;
import dev.socklab.services.daytime.DaytimeService;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;
import dev.socklab.trace.Tracer;

@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DaytimeClientTest {
    /** 21 November 2026, 09:30:00 in Paris. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T08:30:00Z"), ZoneId.of("Europe/Paris"));
    private static final String DATE = "21/11/2026 09:30:00";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Optional<String> ACK = Optional.of(DaytimeClient.DEFAULT_ACK);

    /** RFC 867 as xinetd serves it: the date line, then close at once, reading nothing. */
    private static final String RFC_867_SERVER = """
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            s.listen()
            print(s.getsockname()[1], flush=True)
            c, a = s.accept()
            c.send(b"21/11/2026 09:30:00\\r\\n")
            c.close()
            """;

    /** The lab's daytime server: the date with no line end, then the acknowledgement, printed. */
    private static final String LAB_SERVER = """
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            s.listen()
            print(s.getsockname()[1], flush=True)
            c, a = s.accept()
            c.send(b"21/11/2026 09:30:00")
            ack = c.recv(1024)
            print(ack.decode(), flush=True)
            c.close()
            """;

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void socklabsDaytimeServiceGivesTheDateAndLogsTheAcknowledgement() throws Exception {
        Endpoint endpoint = servers.stream("daytime", daytime(), StreamTransport.TCP_IPV4.endpoint(dir));
        TraceLines trace = new TraceLines();
        try (LogCapture log = LogCapture.socklab();
                ClientConnection conn = Endpoints.connect(endpoint, TIMEOUT, trace.tracer(), "daytime")) {
            assertThat(DaytimeClient.fetch(conn, ACK, TIMEOUT)).isEqualTo(DATE);

            log.awaitContaining("acknowledgement from ", "\"acknowledgement from socklab\"");
        }
        assertThat(trace.lines())
                .anyMatch(line -> line.contains("recv(") && line.endsWith("\"21/11/2026 09:30:00\\r\\n\""))
                .anyMatch(line -> line.endsWith("send(28) = 28 \"acknowledgement from socklab\""))
                .anyMatch(line -> line.endsWith("shutdown(SHUT_WR)"))
                .anyMatch(line -> line.contains("recv(") && line.endsWith("(EOF)"));
    }

    @Test
    void anRfc867ServerThatClosesAtOnceStillGivesTheDate() throws Exception {
        try (LabServer lab = LabServer.start(dir, RFC_867_SERVER);
                ClientConnection conn = connect(lab, Tracer.off())) {
            assertThat(DaytimeClient.fetch(conn, ACK, TIMEOUT)).isEqualTo(DATE);
            assertThat(lab.exitsWithin(TIMEOUT)).isTrue();
        }
    }

    @Test
    void aServerThatResetsAfterTheDateStillGivesTheDateAndTheFailedAcknowledgementIsOnlyTraced() throws Exception {
        TraceLines trace = new TraceLines();
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            InetSocketAddress address = (InetSocketAddress) listener.getLocalAddress();
            try (ClientConnection conn = ClientConnection.connect("127.0.0.1", address.getPort(), List.of(address),
                    TIMEOUT, trace.tracer(), "daytime")) {
                try (SocketChannel accepted = listener.accept()) {
                    accepted.write(ByteBuffer.wrap("21/11/2026 09:30:00\r\n".getBytes(StandardCharsets.US_ASCII)));
                    // Linger 0: the close sends a reset, which loopback delivers before close returns.
                    accepted.setOption(StandardSocketOptions.SO_LINGER, 0);
                }

                assertThat(DaytimeClient.fetch(conn, ACK, TIMEOUT)).isEqualTo(DATE);
            }
        }
        assertThat(trace.lines()).anyMatch(line -> line.endsWith("send(28) = ECONNRESET (Connection reset by peer)"));
    }

    @Test
    void theLabsServerGetsTheAcknowledgementAfterADateWithNoLineEnd() throws Exception {
        TraceLines trace = new TraceLines();
        try (LabServer lab = LabServer.start(dir, LAB_SERVER);
                ClientConnection conn = connect(lab, trace.tracer())) {
            assertThat(DaytimeClient.fetch(conn, ACK, TIMEOUT)).isEqualTo(DATE);

            assertThat(lab.readLine(TIMEOUT)).isEqualTo("acknowledgement from socklab");
            assertThat(lab.exitsWithin(TIMEOUT)).isTrue();
        }
        // The date had no line end: a pause ended it, then the server's close ended the wait.
        assertThat(trace.lines())
                .anyMatch(line -> line.contains("recv(") && line.endsWith("\"21/11/2026 09:30:00\""))
                .anyMatch(line -> line.endsWith("= EAGAIN (timed out after 200ms)"))
                .anyMatch(line -> line.contains("recv(") && line.endsWith("(EOF)"));
    }

    @Test
    void withoutAnAcknowledgementTheLabsServerReadsEofAndClosesAtOnce() throws Exception {
        Duration patient = Duration.ofSeconds(10);
        try (LabServer lab = LabServer.start(dir, LAB_SERVER);
                ClientConnection conn = connect(lab, Tracer.off())) {
            long start = System.nanoTime();

            assertThat(DaytimeClient.fetch(conn, Optional.empty(), patient)).isEqualTo(DATE);

            // Had the sending side stayed open, the server would still be in recv, and fetch would wait it out.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(patient.dividedBy(2));
            assertThat(lab.readLine(TIMEOUT)).isEmpty();
        }
    }

    @Test
    void aServerThatSaysNothingTimesOut() throws Exception {
        // The kernel completes the handshake for the listen backlog: a server that never accepts never speaks.
        try (ServerSocketChannel silent = ServerSocketChannel.open()) {
            silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            InetSocketAddress address = (InetSocketAddress) silent.getLocalAddress();
            try (ClientConnection conn = ClientConnection.connect("127.0.0.1", address.getPort(), List.of(address),
                    TIMEOUT, Tracer.off(), "daytime")) {
                assertThatThrownBy(() -> DaytimeClient.fetch(conn, ACK, Duration.ofMillis(300)))
                        .isInstanceOf(SocketTimeoutException.class)
                        .hasMessage("no answer within 300ms");
            }
        }
    }

    @Test
    void overUdpTheAcknowledgementGetsTheDateAndIsLogged() throws Exception {
        Endpoint endpoint = servers.datagram("daytime", daytime(), StreamTransport.udp(false));
        TraceLines trace = new TraceLines();
        try (LogCapture log = LogCapture.socklab();
                DatagramClient client = Endpoints.open(endpoint, trace.tracer(), "daytime")) {
            assertThat(DaytimeClient.fetch(client, ACK, TIMEOUT)).isEqualTo(DATE);

            log.awaitContaining("acknowledgement from ", "\"acknowledgement from socklab\"");
        }
        assertThat(trace.lines())
                .anyMatch(line -> line.contains("sendto(28) = 28 to 127.0.0.1:"))
                .anyMatch(line -> line.contains("recvfrom(") && line.endsWith("\"21/11/2026 09:30:00\\r\\n\""));
    }

    @Test
    void overUdpAnEmptyDatagramGetsTheDate() throws Exception {
        Endpoint endpoint = servers.datagram("daytime", daytime(), StreamTransport.udp(false));
        try (DatagramClient client = Endpoints.open(endpoint, Tracer.off(), "daytime")) {
            assertThat(DaytimeClient.fetch(client, Optional.empty(), TIMEOUT)).isEqualTo(DATE);
        }
    }

    @Test
    void overUdpSaysWhoDidNotAnswer() throws Exception {
        // It reads and never answers; a port where nothing listens would be refused at once instead.
        try (JavaDatagramServer silent = JavaDatagramServer.silent()) {
            int port = silent.port();
            try (DatagramClient client = DatagramClient.open(Host.parse("127.0.0.1"), port, Family.IPV4, Tracer.off(),
                    "daytime")) {
                assertThatThrownBy(() -> DaytimeClient.fetch(client, ACK, Duration.ofMillis(300)))
                        .isInstanceOf(SocketTimeoutException.class)
                        .hasMessage("no answer from 127.0.0.1:" + port + " within 300ms");
            }
        }
    }

    private static DaytimeService daytime() {
        return new DaytimeService(CLOCK, DaytimeFormat.parse("lab"), Duration.ofSeconds(2));
    }

    private static ClientConnection connect(LabServer lab, Tracer tracer) throws Exception {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), lab.port());
        return ClientConnection.connect("127.0.0.1", lab.port(), List.of(address), TIMEOUT, tracer, "daytime");
    }
}
