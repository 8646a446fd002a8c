package dev.socklab.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.socklab.net.Family;
import dev.socklab.net.Host;
import dev.socklab.runtime.Endpoint;
import dev.socklab.services.hello.HelloService;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;
import dev.socklab.trace.Tracer;

@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DatagramClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Host LOOPBACK = Host.parse("127.0.0.1");

    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void receivesTheReplyAndItsSender() throws Exception {
        try (DatagramChannel server = DatagramChannel.open(StandardProtocolFamily.INET)) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            SocketAddress serverAddress = server.getLocalAddress();
            int port = ((InetSocketAddress) serverAddress).getPort();
            try (DatagramClient client = DatagramClient.open(LOOPBACK, port, Family.IPV4, Tracer.off(), "test")) {
                client.send("ping".getBytes(StandardCharsets.US_ASCII));
                ByteBuffer request = ByteBuffer.allocate(100);
                SocketAddress sender = server.receive(request);
                server.send(ByteBuffer.wrap("pong".getBytes(StandardCharsets.US_ASCII)), sender);

                Optional<DatagramClient.Reply> reply = client.receive(100, TIMEOUT);

                assertThat(request.flip()).isEqualTo(ByteBuffer.wrap("ping".getBytes(StandardCharsets.US_ASCII)));
                assertThat(((InetSocketAddress) sender).getPort())
                        .isEqualTo(((InetSocketAddress) client.local()).getPort());
                assertThat(reply).hasValueSatisfying(r -> {
                    assertThat(StandardCharsets.US_ASCII.decode(r.data()).toString()).isEqualTo("pong");
                    assertThat(r.from()).isEqualTo(serverAddress);
                });
            }
        }
    }

    @Test
    void aPortWhereNothingListensIsRefusedAtOnceNotAfterTheTimeout() throws Exception {
        int port = FreePorts.udp();
        TraceLines trace = new TraceLines();
        Duration patient = Duration.ofSeconds(10);
        try (DatagramClient client = DatagramClient.open(LOOPBACK, port, Family.IPV4, trace.tracer(), "test")) {
            client.send("hello\n".getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();

            // Connected, the socket is told of the ICMP port-unreachable that answers the datagram.
            assertThatThrownBy(() -> client.receive(100, patient))
                    .isInstanceOf(PortUnreachableException.class)
                    .hasMessage("nothing listens on udp 127.0.0.1:" + port + " (the system refused it)");

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(patient.dividedBy(2));
        }
        assertThat(trace.lines())
                .anyMatch(line -> line.endsWith("connect(127.0.0.1:" + port + ") = 0"))
                .anyMatch(line -> line.endsWith("recvfrom(100) = ECONNREFUSED"));
    }

    @Test
    void receiveIsEmptyWhenTheServerNeverAnswers() throws Exception {
        try (JavaDatagramServer silent = JavaDatagramServer.silent();
                DatagramClient client = DatagramClient.open(LOOPBACK, silent.port(), Family.IPV4, Tracer.off(),
                        "test")) {
            client.send("hello\n".getBytes(StandardCharsets.US_ASCII));

            assertThat(client.receive(100, Duration.ofMillis(300))).isEmpty();
        }
    }

    @Test
    void socklabsOwnUdpServiceAnswersTheConnectedSocket() throws Exception {
        Endpoint endpoint = servers.datagram("hello", new HelloService("Hello World!"), StreamTransport.udp(false));
        int port = ((InetSocketAddress) endpoint.address()).getPort();
        try (DatagramClient client = DatagramClient.open(LOOPBACK, port, Family.IPV4, Tracer.off(), "hello")) {
            client.send("hello\n".getBytes(StandardCharsets.US_ASCII));

            assertThat(client.receive(100, TIMEOUT)).hasValueSatisfying(reply ->
                    assertThat(StandardCharsets.US_ASCII.decode(reply.data()).toString()).isEqualTo("Hello World!\r\n"));
        }
    }

    @Test
    void mayBroadcastWhenTheHostIsTheBroadcastAddress() throws Exception {
        // Only the option is checked: a broadcast would leave the loopback interface.
        try (DatagramClient client = DatagramClient.open(new Host.Broadcast(), 10000, Family.IPV4, Tracer.off(),
                "test")) {
            assertThat(client.broadcastEnabled()).isTrue();
        }
    }

    @Test
    void mayNotBroadcastOtherwise() throws Exception {
        try (DatagramClient client = DatagramClient.open(LOOPBACK, 10000, Family.IPV4, Tracer.off(), "test")) {
            assertThat(client.broadcastEnabled()).isFalse();
        }
    }
}
