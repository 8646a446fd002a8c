package dev.socklab.services.hello;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
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

import dev.socklab.runtime.Endpoint;
import dev.socklab.services.FreshSettings;
import dev.socklab.services.ServiceReload;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/** A reload of the greeting: the next connection and the next datagram get the new one. */
@Timeout(20)
class HelloReloadTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void theGreetingChangesOverTcpAndUdp() throws IOException {
        HelloService hello = new HelloService(HelloService.DEFAULT_GREETING);
        Endpoint tcp = servers.stream("hello", hello, StreamTransport.TCP_IPV4.endpoint(dir));
        Endpoint udp = servers.datagram("hello", hello, StreamTransport.udp(false));
        assertThat(greeting(tcp)).isEqualTo("Hello World!\r\n");

        ServiceReload reload = hello.reload(new FreshSettings() {
            @Override
            public String greeting() {
                return "Bonjour, le monde, et plus longuement !";
            }
        });
        assertThat(reload.changes()).containsExactly("hello: --greeting: Hello World! -> Bonjour, le monde, et plus longuement !");
        assertThat(greeting(tcp)).as("before it is applied").isEqualTo("Hello World!\r\n");
        reload.apply().run();

        assertThat(greeting(tcp)).isEqualTo("Bonjour, le monde, et plus longuement !\r\n");
        try (DatagramChannel client = DatagramChannel.open()) {
            client.socket().setSoTimeout((int) WAIT.toMillis());
            assertThat(exchange(client, udp.address())).isEqualTo("Bonjour, le monde, et plus longuement !\r\n");
        }
    }

    private static String greeting(Endpoint hello) throws IOException {
        try (RawClient client = RawClient.connect(hello)) {
            return client.readAll(WAIT);
        }
    }

    private static String exchange(DatagramChannel client, SocketAddress server) throws IOException {
        client.send(ByteBuffer.wrap("hi".getBytes(StandardCharsets.US_ASCII)), server);
        byte[] reply = new byte[512];
        DatagramPacket packet = new DatagramPacket(reply, reply.length);
        client.socket().receive(packet);
        return new String(reply, 0, packet.getLength(), StandardCharsets.UTF_8);
    }
}
