package dev.socklab.services.hello;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.socklab.runtime.Endpoint;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

@Timeout(20)
class HelloServiceTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void sendsTheGreetingAndClosesOverEveryStreamTransport(StreamTransport transport) throws IOException {
        Endpoint endpoint = servers.stream("hello", new HelloService(HelloService.DEFAULT_GREETING), transport.endpoint(dir));
        try (LogCapture log = LogCapture.socklab(); RawClient client = RawClient.connect(endpoint)) {
            assertThat(client.readAll(Duration.ofSeconds(5))).isEqualTo("Hello World!\r\n");
            log.awaitContaining("hello#", "closed by server", "out 14 B");
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void saysTheGreetingItIsGiven(StreamTransport transport) throws IOException {
        Endpoint endpoint = servers.stream("hello", new HelloService("Bonjour, le monde !"), transport.endpoint(dir));
        try (RawClient client = RawClient.connect(endpoint)) {
            assertThat(client.readAll(Duration.ofSeconds(5))).isEqualTo("Bonjour, le monde !\r\n");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void answersEveryDatagramWithTheGreeting(boolean ipv6) throws IOException {
        HelloService hello = new HelloService(HelloService.DEFAULT_GREETING);
        SocketAddress address = servers.datagram("hello", hello, StreamTransport.udp(ipv6)).address();
        try (DatagramChannel client = DatagramChannel.open()) {
            client.socket().setSoTimeout(5000);
            for (String request : new String[] {"hi", "", "again"}) {
                client.send(ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8)), address);
                byte[] reply = new byte[1024];
                java.net.DatagramPacket packet = new java.net.DatagramPacket(reply, reply.length);
                client.socket().receive(packet);
                assertThat(new String(reply, 0, packet.getLength(), StandardCharsets.UTF_8))
                        .isEqualTo("Hello World!\r\n");
                assertThat(((InetSocketAddress) packet.getSocketAddress()).getPort())
                        .isEqualTo(((InetSocketAddress) address).getPort());
            }
        }
    }
}
