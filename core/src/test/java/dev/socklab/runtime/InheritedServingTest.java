package dev.socklab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.net.SocketAddresses;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.trace.Tracer;

/**
 * A socket bound by someone else (inetd, systemd: here the test) served as the server's own: on
 * the address it has, logged and traced, closed at the end, and a Unix socket's file left to its
 * owner. The socket is opened here, as {@link System#inheritedChannel()} would hand it over.
 */
@Timeout(20)
class InheritedServingTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();
    private final ByteArrayOutputStream trace = new ByteArrayOutputStream();

    @Test
    void aListeningTcpSocketIsServedOnItsAddressTracedAndClosedAtTheEnd() throws IOException {
        ServerSocketChannel inherited = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Server server = servers.start(traced().inheritedStream("hello", TestServices.greeting(), inherited,
                ServiceLimits.NONE));
        Endpoint bound = server.bindings().getFirst().endpoint();

        assertThat(bound).isEqualTo(Endpoint.tcp((InetSocketAddress) inherited.getLocalAddress()));
        try (LogCapture log = LogCapture.socklab(); RawClient client = RawClient.connect(bound)) {
            assertThat(client.readAll(WAIT)).isEqualTo(TestServices.GREETING + "\r\n");
            assertThat(log.awaitContaining("hello#1 ")).contains("hello#1 tcp");
        }
        assertThat(trace.toString(StandardCharsets.UTF_8))
                .contains(" trace hello/tcp  getsockname() = " + SocketAddresses.format(bound.address()) + " (inherited)\n")
                .doesNotContain("bind(");
        server.stop(Duration.ZERO);
        assertThat(inherited.isOpen()).as("closed at the end, as a bound one is").isFalse();
    }

    @Test
    void aUnixSocketsFileStaysItsOwners() throws IOException {
        Path path = dir.resolve("hello.sock");
        ServerSocketChannel inherited = ServerSocketChannel.open(StandardProtocolFamily.UNIX)
                .bind(UnixDomainSocketAddress.of(path));
        Server server = servers.start(Server.builder().inheritedStream("hello", TestServices.greeting(), inherited,
                ServiceLimits.NONE));

        assertThat(server.bindings().getFirst().endpoint()).isEqualTo(Endpoint.unix(path));
        try (RawClient client = RawClient.connect(server.bindings().getFirst().endpoint())) {
            assertThat(client.readAll(WAIT)).isEqualTo(TestServices.GREETING + "\r\n");
        }
        server.stop(Duration.ZERO);
        assertThat(path).as("systemd made the file, and removes it").exists();
        Files.delete(path);
    }

    @Test
    void aUdpSocketIsServedOnItsAddress() throws IOException {
        DatagramChannel inherited = DatagramChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Server server = servers.start(Server.builder().inheritedDatagram("echo", TestServices.DATAGRAM_ECHO, inherited,
                ServiceLimits.NONE));
        InetSocketAddress bound = (InetSocketAddress) server.bindings().getFirst().endpoint().address();

        assertThat(bound).isEqualTo(inherited.getLocalAddress());
        try (DatagramChannel client = DatagramChannel.open().connect(bound)) {
            client.write(ByteBuffer.wrap("ping".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer reply = ByteBuffer.allocate(16);
            client.read(reply);
            assertThat(new String(reply.array(), 0, reply.position(), StandardCharsets.US_ASCII)).isEqualTo("ping");
        }
    }

    private Server.Builder traced() {
        return Server.builder().tracer(Tracer.printingTo(new PrintStream(trace, true)));
    }
}
