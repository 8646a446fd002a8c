package dev.socklab.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.net.Family;
import dev.socklab.net.Host;
import dev.socklab.runtime.Endpoint;
import dev.socklab.services.qotd.QotdMode;
import dev.socklab.services.qotd.QotdService;
import dev.socklab.services.qotd.Quotes;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;
import dev.socklab.trace.Tracer;

@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class QotdClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Host LOOPBACK = Host.parse("127.0.0.1");
    private static final String QUOTE = "The network is reliable,\r\nsaid no one who ran a lab.";

    /** RFC 865 over TCP: the quote, ended by CRLF, then close, reading nothing. */
    private static final String TCP_SERVER = """
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            s.listen()
            print(s.getsockname()[1], flush=True)
            c, a = s.accept()
            c.sendall(b"The network is reliable,\\r\\nsaid no one who ran a lab.\\r\\n")
            c.close()
            """;

    /** A UDP server that caps each reply at the request's size, as socklab does with a factor of 1. */
    private static final String UDP_SERVER = """
            quote = b"The network is reliable,\\r\\nsaid no one who ran a lab.\\r\\n"
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.bind(("127.0.0.1", 0))
            print(s.getsockname()[1], flush=True)
            while True:
                data, addr = s.recvfrom(65536)
                print(len(data), flush=True)
                s.sendto(quote[:len(data)], addr)
            """;

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void overTcpTheQuoteComesWithoutItsLastLineEnd() throws Exception {
        TraceLines trace = new TraceLines();
        try (LabServer lab = LabServer.start(dir, TCP_SERVER)) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), lab.port());
            try (ClientConnection conn = ClientConnection.connect("127.0.0.1", lab.port(), List.of(address), TIMEOUT,
                    trace.tracer(), "qotd")) {
                assertThat(QotdClient.quote(conn, TIMEOUT)).isEqualTo(QUOTE);
            }
            assertThat(lab.exitsWithin(TIMEOUT)).isTrue();
        }
        assertThat(trace.lines())
                .anyMatch(line -> line.contains("recv(") && line.contains("\"The network is reliable,\\r\\n"))
                .anyMatch(line -> line.contains("recv(") && line.endsWith("(EOF)"));
    }

    @Test
    void overUdpAPaddedRequestGetsTheWholeQuoteAndAShortOneACutQuote() throws Exception {
        TraceLines trace = new TraceLines();
        try (LabServer lab = LabServer.start(dir, UDP_SERVER);
                DatagramClient client = DatagramClient.open(LOOPBACK, lab.port(), Family.IPV4, trace.tracer(),
                        "qotd")) {
            assertThat(QotdClient.quote(client, QotdClient.DEFAULT_UDP_REQUEST, TIMEOUT)).isEqualTo(QUOTE);
            assertThat(lab.readLine(TIMEOUT)).isEqualTo("512");

            assertThat(QotdClient.quote(client, 11, TIMEOUT)).isEqualTo("The network");
            assertThat(lab.readLine(TIMEOUT)).isEqualTo("11");
        }
        assertThat(trace.lines())
                .anyMatch(line -> line.contains("sendto(512) = 512 to 127.0.0.1:"))
                .anyMatch(line -> line.contains("recvfrom(") && line.endsWith("\"The network\""));
    }

    @Test
    void overUdpSaysWhoDidNotAnswer() throws Exception {
        // It reads and never answers; a port where nothing listens would be refused at once instead.
        try (JavaDatagramServer silent = JavaDatagramServer.silent()) {
            int port = silent.port();
            try (DatagramClient client = DatagramClient.open(LOOPBACK, port, Family.IPV4, Tracer.off(), "qotd")) {
                assertThatThrownBy(() -> QotdClient.quote(client, QotdClient.DEFAULT_UDP_REQUEST, Duration.ofMillis(300)))
                        .isInstanceOf(SocketTimeoutException.class)
                        .hasMessage("no answer from 127.0.0.1:" + port + " within 300ms");
            }
        }
    }

    @Test
    void overUdpASocklabServerWithQotdOnTcpAloneIsRefusedAtOnceWithTheWayToServeIt() throws Exception {
        // What socklab serve starts by default: qotd on TCP, and nothing on the same port over UDP.
        Endpoint tcp = servers.stream("qotd", new QotdService(Quotes.builtIn(), QotdMode.RANDOM, Clock.systemUTC(), 1),
                StreamTransport.TCP_IPV4.endpoint(dir));
        int port = ((InetSocketAddress) tcp.address()).getPort();
        Duration patient = Duration.ofSeconds(10);
        try (DatagramClient client = DatagramClient.open(LOOPBACK, port, Family.IPV4, Tracer.off(), "qotd")) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> QotdClient.quote(client, QotdClient.DEFAULT_UDP_REQUEST, patient))
                    .isInstanceOf(PortUnreachableException.class)
                    .hasMessage("nothing listens on udp 127.0.0.1:" + port + " (the system refused it); socklab serves"
                            + " qotd over UDP only when named: start the server with 'socklab serve qotd/udp'");

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(patient.dividedBy(2));
        }
    }
}
