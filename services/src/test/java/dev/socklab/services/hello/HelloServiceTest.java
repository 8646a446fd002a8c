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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Server;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.StreamTransport;

@Timeout(20)
class HelloServiceTest {
    @TempDir
    Path dir;
    Server server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ZERO);
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void sendsTheGreetingAndClosesOverEveryStreamTransport(StreamTransport transport) throws IOException {
        Endpoint endpoint = start(transport.endpoint(dir), new HelloService(HelloService.DEFAULT_GREETING));
        try (LogCapture log = LogCapture.socklab(); RawClient client = RawClient.connect(endpoint)) {
            assertThat(client.readAll(Duration.ofSeconds(5))).isEqualTo("Hello World!\r\n");
            log.awaitContaining("hello#", "closed by server", "out 14 B");
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void saysTheGreetingItIsGiven(StreamTransport transport) throws IOException {
        Endpoint endpoint = start(transport.endpoint(dir), new HelloService("Bonjour, le monde !"));
        try (RawClient client = RawClient.connect(endpoint)) {
            assertThat(client.readAll(Duration.ofSeconds(5))).isEqualTo("Bonjour, le monde !\r\n");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void answersEveryDatagramWithTheGreeting(boolean ipv6) throws IOException {
        HelloService hello = new HelloService(HelloService.DEFAULT_GREETING);
        server = Server.builder().datagram("hello", hello, StreamTransport.udp(ipv6)).build();
        server.start();
        SocketAddress address = server.bindings().getFirst().endpoint().address();
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

    private Endpoint start(Endpoint endpoint, HelloService hello) {
        server = Server.builder().stream("hello", hello, endpoint).build();
        server.start();
        return server.bindings().getFirst().endpoint();
    }
}
