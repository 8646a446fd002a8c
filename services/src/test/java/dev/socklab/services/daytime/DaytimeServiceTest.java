package dev.socklab.services.daytime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.socklab.runtime.Endpoint;
import dev.socklab.testing.LabProgram;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;
import dev.socklab.testing.Tools;

@Timeout(20)
class DaytimeServiceTest {
    /** 21 November 2026, 09:30:00 in Paris. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T08:30:00Z"), ZoneId.of("Europe/Paris"));
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration ACK_WAIT = Duration.ofMillis(500);
    /**
     * For a test whose client must get its acknowledgement in: the quiet period also covers the wait
     * for its first byte.
     */
    private static final Duration PATIENT_ACK_WAIT = Duration.ofSeconds(2);

    /** The lab's client, as the lab writes it, but for the address it takes from the command line. */
    private static final String LAB_CLIENT = """
            import socket, sys
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.connect((sys.argv[1], int(sys.argv[2])))
            print(s.getsockname())
            print(s.recv(1024).decode())
            s.send(b"acknowledgement from the lab client")
            s.close()
            """;

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void sendsTheDateInTheLabsFormatThenEndsItsSendingSide(StreamTransport transport) throws IOException {
        // With the patient wait, the EOF has a second, half the wait: headroom for a loaded machine.
        Endpoint endpoint = servers.stream("daytime", daytime(PATIENT_ACK_WAIT), transport.endpoint(dir));
        try (RawClient client = RawClient.connect(endpoint)) {
            assertThat(client.readLine(WAIT)).isEqualTo("21/11/2026 09:30:00");
            // EOF long before the acknowledgement wait is over: RFC 867 clients that read to EOF finish at once.
            assertThat(client.readLine(PATIENT_ACK_WAIT.dividedBy(2))).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void logsTheClientsAcknowledgementNextToItsAddress(StreamTransport transport) throws IOException {
        Endpoint endpoint = servers.stream("daytime", daytime(PATIENT_ACK_WAIT), transport.endpoint(dir));
        try (LogCapture log = LogCapture.socklab(); RawClient client = RawClient.connect(endpoint)) {
            assertThat(client.readLine(WAIT)).isEqualTo("21/11/2026 09:30:00");
            client.send("thank you, server");
            log.awaitContaining("acknowledgement from ", "\"thank you, server\"");
            log.awaitContaining("daytime#", "closed by server", "in 17 B, out 21 B");
        }
    }

    @Test
    void aClientThatSendsNothingIsClosedAfterTheAcknowledgementWait() throws IOException {
        Endpoint endpoint = servers.stream("daytime", daytime(), StreamTransport.TCP_IPV4.endpoint(dir));
        try (LogCapture log = LogCapture.socklab(); RawClient client = RawClient.connect(endpoint)) {
            assertThat(client.readLine(WAIT)).isEqualTo("21/11/2026 09:30:00");
            log.awaitContaining("daytime#", "closed by server", "in 0 B, out 21 B");
            assertThat(log.lines()).noneMatch(line -> line.startsWith("acknowledgement"));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void answersEachDatagramAndLogsANonEmptyOneAsTheAcknowledgement(boolean ipv6) throws IOException {
        SocketAddress address = servers.datagram("daytime", daytime(), StreamTransport.udp(ipv6)).address();
        try (LogCapture log = LogCapture.socklab(); DatagramChannel client = DatagramChannel.open()) {
            client.socket().setSoTimeout(5000);
            assertThat(exchange(client, address, "")).isEqualTo("21/11/2026 09:30:00\r\n");
            assertThat(exchange(client, address, "got it")).isEqualTo("21/11/2026 09:30:00\r\n");
            log.awaitContaining("acknowledgement from ", "\"got it\"");
            assertThat(log.lines().stream().filter(line -> line.startsWith("acknowledgement"))).hasSize(1);
        }
    }

    @Test
    void labStylePythonClientPrintsTheDateAndTheLogShowsItsAcknowledgementAndAddress() throws Exception {
        Tools.require("python3");
        Endpoint endpoint = servers.stream("daytime", daytime(PATIENT_ACK_WAIT), StreamTransport.TCP_IPV4.endpoint(dir));
        int port = ((InetSocketAddress) endpoint.address()).getPort();
        try (LogCapture log = LogCapture.socklab();
             LabProgram client = LabProgram.python(dir, LAB_CLIENT, "127.0.0.1", String.valueOf(port))) {
            String[] lines = client.outputUntilExit(Duration.ofSeconds(10)).split("\n");
            String clientPort = lines[0].replaceAll(".*, (\\d+)\\)", "$1");
            assertThat(lines[1]).isEqualTo("21/11/2026 09:30:00\r");
            log.awaitContaining("acknowledgement from 127.0.0.1:" + clientPort,
                    "\"acknowledgement from the lab client\"");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "lab                   | 21/11/2026 09:30:00",
        "iso                   | 2026-11-21T09:30:00+01:00",
        "rfc1123               | Sat, 21 Nov 2026 09:30:00 +0100",
        "yyyy-MM-dd HH:mm:ss xxx | 2026-11-21 09:30:00 +01:00"})
    void formatsTheDateAsAsked(String format, String expected) {
        assertThat(DaytimeFormat.parse(format).format(java.time.ZonedDateTime.now(CLOCK))).isEqualTo(expected);
    }

    @Test
    void aMalformedPatternIsRefusedWithAHint() {
        assertThatThrownBy(() -> DaytimeFormat.parse("dd/MM/yyyy {"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use lab, iso, rfc1123");
    }

    private static DaytimeService daytime() {
        return daytime(ACK_WAIT);
    }

    private static DaytimeService daytime(Duration ackWait) {
        return new DaytimeService(CLOCK, DaytimeFormat.parse("lab"), ackWait);
    }

    private static String exchange(DatagramChannel client, SocketAddress server, String text) throws IOException {
        client.send(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), server);
        byte[] reply = new byte[1024];
        java.net.DatagramPacket packet = new java.net.DatagramPacket(reply, reply.length);
        client.socket().receive(packet);
        return new String(reply, 0, packet.getLength(), StandardCharsets.UTF_8);
    }
}
