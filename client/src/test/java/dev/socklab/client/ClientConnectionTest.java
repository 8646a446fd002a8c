package dev.socklab.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.net.Family;
import dev.socklab.net.Host;
import dev.socklab.trace.Tracer;

@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClientConnectionTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final byte[] GREETING = "Hello World!\r\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void triesEveryResolvedAddressUntilOneConnects() throws Exception {
        assumeTrue(ipv6LoopbackConfigured(), "::1 is not configured on this machine");
        try (ServerSocketChannel server = listenOnIpv4Loopback()) {
            int port = port(server);
            InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("::1"), port);
            InetSocketAddress v4 = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);

            try (ClientConnection conn = ClientConnection.connect("localhost", port, List.of(v6, v4), TIMEOUT,
                    Tracer.off(), "test")) {
                assertThat(conn.peer()).isEqualTo(v4);
                assertThat(conn.local()).isInstanceOf(InetSocketAddress.class);
            }
        }
    }

    @Test
    void namesEveryAttemptWhenAllAreRefused() throws Exception {
        int port = FreePorts.tcp();
        InetSocketAddress first = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        InetSocketAddress second = new InetSocketAddress(InetAddress.getByName("127.0.0.2"), port);

        assertThatThrownBy(() -> ClientConnection.connect("localhost", port, List.of(first, second), TIMEOUT,
                Tracer.off(), "test"))
                .isInstanceOf(ConnectException.class)
                .hasMessage("cannot connect to localhost port " + port + ": 127.0.0.1:" + port + " refused, 127.0.0.2:"
                        + port + " refused");
    }

    @Test
    void namesTheHostAsTheUserWroteIt() throws Exception {
        int port = FreePorts.tcp();

        assertThatThrownBy(() -> ClientConnection.connect(Host.parse("127.0.0.1"), port, Family.ANY, TIMEOUT,
                Tracer.off(), "test"))
                .isInstanceOf(ConnectException.class)
                .hasMessage("cannot connect to 127.0.0.1 port " + port + ": 127.0.0.1:" + port + " refused");
    }

    @Test
    void givesUpOnAConnectThatGetsNoAnswer() throws Exception {
        // A listener whose accept queue is full drops new SYNs: the connect gets no answer at all.
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            InetSocketAddress address = (InetSocketAddress) server.getLocalAddress();
            List<ClientConnection> queued = new ArrayList<>();
            try {
                ConnectException timedOut = null;
                for (int i = 0; i < 16 && timedOut == null; i++) {
                    try {
                        queued.add(ClientConnection.connect("127.0.0.1", address.getPort(), List.of(address),
                                Duration.ofMillis(300), Tracer.off(), "test"));
                    } catch (ConnectException e) {
                        timedOut = e;
                    }
                }

                assertThat(timedOut).hasMessage("cannot connect to 127.0.0.1 port " + address.getPort() + ": 127.0.0.1:"
                        + address.getPort() + " timed out after 300ms");
            } finally {
                for (ClientConnection conn : queued) {
                    conn.close();
                }
            }
        }
    }

    @Test
    void connectsToAHostByItsResolvedAddress() throws Exception {
        try (ServerSocketChannel server = listenOnIpv4Loopback();
                ClientConnection conn = ClientConnection.connect(Host.parse("127.0.0.1"), port(server), Family.ANY,
                        TIMEOUT, Tracer.off(), "test")) {
            assertThat(conn.peer()).isEqualTo(server.getLocalAddress());
        }
    }

    @Test
    void readsTheGreetingOfAUnixSocketServer() throws Exception {
        UnixDomainSocketAddress path = UnixDomainSocketAddress.of(dir.resolve("hello.sock"));
        try (JavaGreetingServer server = JavaGreetingServer.start(path, StandardProtocolFamily.UNIX, GREETING);
                ClientConnection conn = ClientConnection.connect((UnixDomainSocketAddress) server.address(), TIMEOUT,
                        Tracer.off(), "test")) {
            assertThat(HelloClient.greeting(conn, TIMEOUT)).isEqualTo("Hello World!");
        }
    }

    @Test
    void saysSoWhenTheUnixSocketFileIsMissing() {
        UnixDomainSocketAddress path = UnixDomainSocketAddress.of(dir.resolve("missing.sock"));

        assertThatThrownBy(() -> ClientConnection.connect(path, TIMEOUT, Tracer.off(), "test"))
                .isInstanceOf(ConnectException.class)
                .hasMessage("cannot connect to unix:" + path.getPath() + ": no such socket file");
    }

    @Test
    void readTimesOutWhenTheServerSaysNothing() throws Exception {
        // The kernel completes the handshake for the listen backlog: a server that never accepts
        // is a server that never speaks.
        try (ServerSocketChannel server = listenOnIpv4Loopback();
                ClientConnection conn = connectTo(server)) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> conn.read(ByteBuffer.allocate(100), Duration.ofMillis(300)))
                    .isInstanceOf(SocketTimeoutException.class)
                    .hasMessage("no answer within 300ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), TIMEOUT);
        }
    }

    @Test
    void readToEofReturnsWhatArrivedBeforeTheDeadline() throws Exception {
        try (ServerSocketChannel server = listenOnIpv4Loopback();
                ClientConnection conn = connectTo(server);
                SocketChannel accepted = server.accept()) {
            accepted.write(ByteBuffer.wrap("partial".getBytes(StandardCharsets.US_ASCII)));

            assertThat(conn.readToEof(1000, Duration.ofMillis(300))).asString().isEqualTo("partial");
        }
    }

    @Test
    void readToEofStopsAtMaxBytes() throws Exception {
        try (ServerSocketChannel server = listenOnIpv4Loopback();
                ClientConnection conn = connectTo(server);
                SocketChannel accepted = server.accept()) {
            accepted.write(ByteBuffer.wrap("0123456789".getBytes(StandardCharsets.US_ASCII)));

            assertThat(conn.readToEof(4, TIMEOUT)).asString().isEqualTo("0123");
        }
    }

    @Test
    void readReturnsMinusOneAtEof() throws Exception {
        try (ServerSocketChannel server = listenOnIpv4Loopback();
                ClientConnection conn = connectTo(server)) {
            server.accept().close();

            assertThat(conn.read(ByteBuffer.allocate(10), TIMEOUT)).isEqualTo(-1);
        }
    }

    @Test
    void writesEverythingAndTheServerSeesEofAfterShutdown() throws Exception {
        byte[] data = new byte[4 * 1024 * 1024];
        try (ServerSocketChannel server = listenOnIpv4Loopback();
                ClientConnection conn = connectTo(server);
                SocketChannel accepted = server.accept()) {
            // The server counts what it reads until EOF, then answers with the count.
            CompletableFuture<Void> counter = CompletableFuture.runAsync(() -> countToEofAndAnswer(accepted));

            conn.write(data);
            conn.shutdownOutput();

            assertThat(conn.readToEof(100, TIMEOUT)).asString().isEqualTo(Integer.toString(data.length));
            counter.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void writeTimesOutWhenThePeerReadsNothing() throws Exception {
        try (ServerSocketChannel server = listenOnIpv4Loopback();
                ClientConnection conn = ClientConnection.connect("127.0.0.1", port(server),
                        List.of((InetSocketAddress) server.getLocalAddress()), Duration.ofMillis(300), Tracer.off(),
                        "test")) {
            // Far more than the send and receive buffers of a loopback connection hold.
            byte[] data = new byte[64 * 1024 * 1024];

            assertThatThrownBy(() -> conn.write(data))
                    .isInstanceOf(SocketTimeoutException.class)
                    .hasMessage("could not send: the peer read nothing for 300ms");
        }
    }

    @Test
    void closesOnceHoweverOftenClosed() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Tracer tracer = Tracer.printingTo(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try (ServerSocketChannel server = listenOnIpv4Loopback()) {
            ClientConnection conn = connectTo(server, tracer);
            conn.close();
            conn.close();
        }

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).filteredOn(line -> line.endsWith("close()")).hasSize(1);
    }

    private static ClientConnection connectTo(ServerSocketChannel server) throws IOException {
        return connectTo(server, Tracer.off());
    }

    private static ClientConnection connectTo(ServerSocketChannel server, Tracer tracer) throws IOException {
        InetSocketAddress address = (InetSocketAddress) server.getLocalAddress();
        return ClientConnection.connect("127.0.0.1", address.getPort(), List.of(address), TIMEOUT, tracer, "test");
    }

    private static ServerSocketChannel listenOnIpv4Loopback() throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return server;
    }

    private static int port(ServerSocketChannel server) throws IOException {
        return ((InetSocketAddress) server.getLocalAddress()).getPort();
    }

    private static boolean ipv6LoopbackConfigured() throws IOException {
        NetworkInterface loopback = NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress());
        return loopback != null && loopback.inetAddresses().anyMatch(a -> a instanceof Inet6Address && a.isLoopbackAddress());
    }

    private static void countToEofAndAnswer(SocketChannel accepted) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            long total = 0;
            int n;
            while ((n = accepted.read(buffer.clear())) >= 0) {
                total += n;
            }
            accepted.write(ByteBuffer.wrap(Long.toString(total).getBytes(StandardCharsets.US_ASCII)));
            accepted.close();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
