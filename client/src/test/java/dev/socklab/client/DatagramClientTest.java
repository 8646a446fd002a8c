package dev.socklab.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
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

import dev.socklab.net.Family;
import dev.socklab.net.Host;
import dev.socklab.trace.Tracer;

@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DatagramClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Host LOOPBACK = Host.parse("127.0.0.1");

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
    void receiveIsEmptyWhenNothingListens() throws Exception {
        // Unconnected, the socket is told of no ICMP port-unreachable: silence is all it sees.
        int port = FreePorts.udp();
        try (DatagramClient client = DatagramClient.open(LOOPBACK, port, Family.IPV4, Tracer.off(), "test")) {
            client.send("hello\n".getBytes(StandardCharsets.US_ASCII));

            assertThat(client.receive(100, Duration.ofMillis(300))).isEmpty();
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
