package dev.socklab.services.arp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Server;
import dev.socklab.testing.LabProgram;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;
import dev.socklab.testing.Tools;

/** The arp and rarp services on the wire: framing, answers, bad input, and the lab's own client. */
@Timeout(20)
class ArpServiceTest {
    private static final Duration PAUSE = Duration.ofMillis(150);
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** The lab's client: the address with no line end, the answer printed, then a line of other text. */
    private static final String LAB_CLIENT = """
            import socket, sys
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.connect((sys.argv[1], int(sys.argv[2])))
            s.send(sys.argv[3].encode())
            print(s.recv(1024).decode())
            s.send(b"thank you\\n")
            s.close()
            """;

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();
    final ArpTable table = ArpTable.builder()
            .entry("10.0.0.1=0A:0B:0C:0D")
            .entry("fe80::1=0a:0b:0c:0d")
            .entry("10.0.0.2=00:1a:2b:3c:4d:5e")
            .build();

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void answersOneLinePerRequestInOrderOnOneConnection(StreamTransport transport) throws IOException {
        try (RawClient client = RawClient.connect(arp(transport))) {
            client.send("10.0.0.1\n10.0.0.9\r\nfe80::1\n");
            assertThat(client.readLine(WAIT)).isEqualTo("0A:0B:0C:0D");
            assertThat(client.readLine(WAIT)).isEqualTo("Not Found");
            assertThat(client.readLine(WAIT)).isEqualTo("0A:0B:0C:0D");
            client.send("[::ffff:10.0.0.2]\n");
            assertThat(client.readLine(WAIT)).isEqualTo("00:1A:2B:3C:4D:5E");
        }
    }

    @Test
    void aRequestWithAZoneIsAnsweredAsItsAddressAndOneNamingNoInterfaceIsInvalid() throws IOException {
        assumeTrue(NetworkInterface.getByName("lo") != null, "a loopback interface called lo");
        try (RawClient client = RawClient.connect(arp(StreamTransport.TCP_IPV4))) {
            for (int i = 0; i < 3; i++) {
                client.send("fe80::1%lo\nfe80::1%1\nfe80::1%nosuchif9\n");
                assertThat(client.readLine(WAIT)).as("a named zone, request %d", i).isEqualTo("0A:0B:0C:0D");
                assertThat(client.readLine(WAIT)).as("a numbered zone").isEqualTo("0A:0B:0C:0D");
                assertThat(client.readLine(WAIT)).as("no interface of that name")
                        .isEqualTo("Invalid address: \"fe80::1%nosuchif9\"");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void aRequestWithNoLineEndIsAnsweredWhenTheClientPauses(StreamTransport transport) throws IOException {
        try (RawClient client = RawClient.connect(arp(transport))) {
            client.send("10.0.0.2");
            assertThat(client.readLine(WAIT)).isEqualTo("00:1A:2B:3C:4D:5E");
            client.send("10.0.0.1");
            assertThat(client.readLine(WAIT)).isEqualTo("0A:0B:0C:0D");
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void whatIsNotAnAddressGetsAnEscapedShortAnswerAndTheConnectionStaysOpen(StreamTransport transport)
            throws IOException {
        try (RawClient client = RawClient.connect(arp(transport))) {
            client.send("ten dot zero\n");
            assertThat(client.readLine(WAIT)).isEqualTo("Invalid address: \"ten dot zero\"");
            client.send("\u001b[2J" + "x".repeat(60) + "\n");
            assertThat(client.readLine(WAIT)).isEqualTo("Invalid address: \"\\x1b[2J" + "x".repeat(36) + "\"...");
            client.send("10.0.0.1.7\n\n");
            assertThat(client.readLine(WAIT)).isEqualTo("Invalid address: \"10.0.0.1.7\"");
            assertThat(client.readLine(WAIT)).isEqualTo("Invalid address: \"\"");
            client.send("10.0.0.1\n");
            assertThat(client.readLine(WAIT)).isEqualTo("0A:0B:0C:0D");
        }
    }

    @Test
    void aNameIsNeverResolved() throws IOException {
        // localhost resolves on every machine: an answer other than "Invalid address" would mean a look-up.
        try (RawClient client = RawClient.connect(arp(StreamTransport.TCP_IPV4))) {
            client.send("localhost\n");
            assertThat(client.readLine(WAIT)).isEqualTo("Invalid address: \"localhost\"");
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void rarpAnswersWithEveryAddressOfTheHardwareAddress(StreamTransport transport) throws IOException {
        Endpoint rarp = servers.stream("rarp", new RarpService(table, PAUSE), transport.endpoint(dir));
        try (RawClient client = RawClient.connect(rarp)) {
            client.send("0a-0b-0c-0d\n");
            assertThat(client.readLine(WAIT)).isEqualTo("10.0.0.1 fe80::1");
            client.send("001a.2b3c.4d5e");
            assertThat(client.readLine(WAIT)).isEqualTo("10.0.0.2");
            client.send("00:00:00:00:00:01\n");
            assertThat(client.readLine(WAIT)).isEqualTo("Not Found");
            client.send("10.0.0.1\n");
            assertThat(client.readLine(WAIT)).isEqualTo("Invalid address: \"10.0.0.1\"");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void overUdpEachDatagramIsOneRequest(boolean ipv6) throws IOException {
        Server server = servers.start(Server.builder()
                .datagram("arp", new ArpService(table, PAUSE), StreamTransport.udp(ipv6))
                .datagram("rarp", new RarpService(table, PAUSE), StreamTransport.udp(ipv6)));
        SocketAddress arp = server.bindings().get(0).endpoint().address();
        SocketAddress rarp = server.bindings().get(1).endpoint().address();
        try (DatagramChannel client = DatagramChannel.open()) {
            client.socket().setSoTimeout(5000);
            assertThat(exchange(client, arp, "10.0.0.1")).isEqualTo("0A:0B:0C:0D\r\n");
            assertThat(exchange(client, arp, "10.0.0.3\n")).isEqualTo("Not Found\r\n");
            assertThat(exchange(client, rarp, "00:1A:2B:3C:4D:5E")).isEqualTo("10.0.0.2\r\n");
        }
    }

    @Test
    void labStylePythonClientGetsTheHardwareAddressAndItsThanksAreLogged() throws Exception {
        Tools.require("python3");
        Endpoint endpoint = arp(StreamTransport.TCP_IPV4);
        int port = ((InetSocketAddress) endpoint.address()).getPort();
        try (LogCapture log = LogCapture.socklab();
             LabProgram client = LabProgram.python(dir, LAB_CLIENT, "127.0.0.1", String.valueOf(port), "10.0.0.1")) {
            assertThat(client.outputUntilExit(Duration.ofSeconds(10))).isEqualTo("0A:0B:0C:0D\r\n\n");
            log.awaitContaining("arp \"10.0.0.1\" -> 0A:0B:0C:0D");
            log.awaitContaining("arp \"thank you\" -> Invalid address");
            log.awaitContaining("arp#", "closed by client");
        }
    }

    /** Serves arp over {@link #table} alone on a fresh endpoint; returns where it is bound. */
    private Endpoint arp(StreamTransport transport) {
        return servers.stream("arp", new ArpService(table, PAUSE), transport.endpoint(dir));
    }

    private static String exchange(DatagramChannel client, SocketAddress server, String text) throws IOException {
        client.send(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), server);
        byte[] reply = new byte[1024];
        java.net.DatagramPacket packet = new java.net.DatagramPacket(reply, reply.length);
        client.socket().receive(packet);
        return new String(reply, 0, packet.getLength(), StandardCharsets.UTF_8);
    }
}
