package dev.socklab.services.echo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Limits;
import dev.socklab.runtime.Server;
import dev.socklab.testing.LabProgram;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;
import dev.socklab.testing.Tools;

@Timeout(30)
class EchoServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void echoesEachLineAsItComes(StreamTransport transport) throws IOException {
        try (RawClient client = RawClient.connect(servers.stream("echo", new EchoService(), transport.endpoint(dir)))) {
            client.send("ping\n");
            assertThat(client.readLine(WAIT)).isEqualTo("ping");
            client.send("pong\r\n");
            assertThat(client.readLine(WAIT)).isEqualTo("pong");
        }
    }

    @Test
    void aClientThatSendsABitAtATimeIsNotCutOffAtTheFirstRequestDeadline() throws IOException {
        // A second: the first byte must reach the server within it, however busy the machine.
        Duration deadline = Duration.ofSeconds(1);
        Endpoint echo = servers.start(Server.builder().limits(Limits.DEFAULTS.withFirstRequestTimeout(deadline))
                .stream("echo", new EchoService(), StreamTransport.TCP_IPV4.endpoint(dir))).bindings().getFirst().endpoint();
        try (RawClient client = RawClient.connect(echo)) {
            // Echo's requests are raw bytes: the first one back ends the deadline, and no line end ever needs to come.
            for (int i = 0; i < 6; i++) {
                client.send("x");
                assertThat(client.read(1, WAIT)).isEqualTo("x");
                assertThat(client.closedWithin(deadline.dividedBy(3))).as("closed after byte %d", i).isFalse();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void afterTheClientHalfClosesEverythingSentComesBackThenEof(StreamTransport transport) throws Exception {
        byte[] data = new byte[1 << 20];
        new Random(862).nextBytes(data);
        try (RawClient client = RawClient.connect(servers.stream("echo", new EchoService(), transport.endpoint(dir)))) {
            // Send and read at once: a megabyte does not fit in the socket buffers of both ways.
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    client.send(data);
                    client.shutdownOutput();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            byte[] back = client.readAllBytes(WAIT);
            assertThat(back).isEqualTo(data);
            assertThat(writer.join(WAIT)).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void sendsEachDatagramBackToItsSender(boolean ipv6) throws IOException {
        SocketAddress address = servers.datagram("echo", new EchoService(), StreamTransport.udp(ipv6)).address();
        try (DatagramChannel client = DatagramChannel.open()) {
            client.socket().setSoTimeout(5000);
            for (String text : List.of("one", "", "three")) {
                client.send(ByteBuffer.wrap(text.getBytes()), address);
                byte[] reply = new byte[2048];
                java.net.DatagramPacket packet = new java.net.DatagramPacket(reply, reply.length);
                client.socket().receive(packet);
                assertThat(new String(reply, 0, packet.getLength())).isEqualTo(text);
            }
        }
    }

    @Test
    void netcatGetsItsInputBack() throws Exception {
        String nc = Tools.require("nc.openbsd");
        int port = port(servers.stream("echo", new EchoService(), StreamTransport.TCP_IPV4.endpoint(dir)));
        // -N: shut down the sending side at the end of input, so the server finishes and closes.
        try (LabProgram client = LabProgram.start(List.of(nc, "-N", "127.0.0.1", String.valueOf(port)))) {
            client.input("first line\nsecond line\n");
            assertThat(client.outputUntilExit(WAIT)).isEqualTo("first line\nsecond line\n");
        }
    }

    @Test
    void netcatOverUdpGetsItsDatagramBack() throws Exception {
        String nc = Tools.require("nc.openbsd");
        int port = port(servers.datagram("echo", new EchoService(), StreamTransport.udp(false)));
        try (LabProgram client = LabProgram.start(List.of(nc, "-u", "-W", "1", "127.0.0.1", String.valueOf(port)))) {
            client.input("over udp\n");
            assertThat(client.outputUntilExit(WAIT)).isEqualTo("over udp\n");
        }
    }

    // socat waits only half a second (-t) for the echo once its input ends; the server's close ends it sooner.
    @Test
    void socatGetsItsInputBack() throws Exception {
        String socat = Tools.require("socat");
        int port = port(servers.stream("echo", new EchoService(), StreamTransport.TCP_IPV4.endpoint(dir)));
        try (LabProgram client = LabProgram.start(List.of(socat, "-t", "10", "-", "TCP:127.0.0.1:" + port))) {
            client.input("through socat\n");
            assertThat(client.outputUntilExit(WAIT)).isEqualTo("through socat\n");
        }
    }

    @Test
    void socatReachesItOverAUnixSocket() throws Exception {
        String socat = Tools.require("socat");
        Endpoint endpoint = servers.stream("echo", new EchoService(), StreamTransport.UNIX.endpoint(dir));
        String path = ((java.net.UnixDomainSocketAddress) endpoint.address()).getPath().toString();
        try (LabProgram client = LabProgram.start(List.of(socat, "-t", "10", "-", "UNIX-CONNECT:" + path))) {
            client.input("through a unix socket\n");
            assertThat(client.outputUntilExit(WAIT)).isEqualTo("through a unix socket\n");
        }
    }

    private static int port(Endpoint endpoint) {
        return ((InetSocketAddress) endpoint.address()).getPort();
    }
}
