package dev.socklab.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.testing.FaultProxy.Direction;
import dev.socklab.testing.FaultProxy.Script;

/** The fault proxy does what each fault says, between a raw client and a raw target on loopback. */
@Timeout(20)
class FaultProxyTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private ServerSocket target;

    @BeforeEach
    void listen() throws IOException {
        target = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        target.setSoTimeout((int) WAIT.toMillis());
    }

    @AfterEach
    void closeTarget() throws IOException {
        target.close();
    }

    @Test
    void delayHoldsEachChunkBackAndLosesNothing() throws IOException {
        Duration delay = Duration.ofMillis(200);
        try (FaultProxy proxy = start(new Script(Fault.DELAY, Direction.TO_CLIENT, 0, delay));
                RawClient client = RawClient.connect(proxy.address());
                Socket server = target.accept()) {
            long start = System.nanoTime();
            server.getOutputStream().write("late\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(client.readLine(WAIT)).isEqualTo("late");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(delay);
        }
    }

    @Test
    void sliceDeliversEveryByteInOrder() throws IOException {
        String text = "x".repeat(300) + "\n";
        try (FaultProxy proxy = start(new Script(Fault.SLICE, Direction.TO_SERVER, 0, Duration.ZERO));
                RawClient client = RawClient.connect(proxy.address());
                Socket server = target.accept()) {
            client.send(text);
            client.shutdownOutput();
            assertThat(new String(server.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo(text);
        }
    }

    @Test
    void stallForwardsTheFirstBytesThenNothingAndKeepsTheConnectionOpen() throws IOException {
        try (FaultProxy proxy = start(new Script(Fault.STALL, Direction.TO_SERVER, 3, Duration.ZERO));
                RawClient client = RawClient.connect(proxy.address());
                Socket server = target.accept()) {
            client.send("abcdef");
            InputStream in = server.getInputStream();
            assertThat(new String(in.readNBytes(3), StandardCharsets.US_ASCII)).isEqualTo("abc");
            server.setSoTimeout(300);
            assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
            server.getOutputStream().write("still here\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(client.readLine(WAIT)).isEqualTo("still here");
        }
    }

    @Test
    void resetAfterNBytesResetsBothEnds() throws IOException {
        try (FaultProxy proxy = start(new Script(Fault.RESET, Direction.TO_CLIENT, 3, Duration.ZERO));
                RawClient client = RawClient.connect(proxy.address());
                Socket server = target.accept()) {
            server.getOutputStream().write("abcdef".getBytes(StandardCharsets.US_ASCII));
            assertThatThrownBy(() -> client.readAll(WAIT)).isInstanceOf(IOException.class)
                    .hasMessageContaining("reset");
            assertThatThrownBy(() -> server.getInputStream().read()).isInstanceOf(SocketException.class)
                    .hasMessageContaining("reset");
        }
    }

    @Test
    void closeAfterNBytesDeliversThemThenEof() throws IOException {
        try (FaultProxy proxy = start(new Script(Fault.CLOSE, Direction.TO_CLIENT, 3, Duration.ZERO));
                RawClient client = RawClient.connect(proxy.address());
                Socket server = target.accept()) {
            server.getOutputStream().write("abc".getBytes(StandardCharsets.US_ASCII));
            assertThat(client.readAll(WAIT)).isEqualTo("abc");
            assertThat(server.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void closingTheProxyResetsWhatIsStillOpen() throws IOException {
        FaultProxy proxy = start(new Script(Fault.STALL, Direction.TO_CLIENT, 0, Duration.ZERO));
        try (RawClient client = RawClient.connect(proxy.address()); Socket server = target.accept()) {
            Await.until(() -> proxy.upstream().size() == 1, WAIT, "the proxy connected to the target");
            assertThat(proxy.upstream().getFirst()).isEqualTo(server.getRemoteSocketAddress());
            proxy.close();
            assertThat(client.closedWithin(WAIT)).isTrue();
            assertThatThrownBy(() -> server.getInputStream().read()).isInstanceOf(SocketException.class);
        }
    }

    @Test
    void overAUnixSocketEachConnectionHasASocketFileOfItsOwnWhichTheProxyDeletes(@TempDir Path dir) throws IOException {
        UnixDomainSocketAddress path = UnixDomainSocketAddress.of(dir.resolve("target.sock"));
        try (ServerSocketChannel unixTarget = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(path)) {
            FaultProxy proxy = FaultProxy.start(path, new Script(Fault.CLOSE, Direction.TO_CLIENT, 3, Duration.ZERO));
            try (RawClient client = RawClient.connect(proxy.address()); SocketChannel server = unixTarget.accept()) {
                assertThat(proxy.address()).isInstanceOf(UnixDomainSocketAddress.class);
                Await.until(() -> proxy.upstream().size() == 1, WAIT, "the proxy connected to the target");
                assertThat(proxy.upstream().getFirst()).isEqualTo(server.getRemoteAddress());

                server.write(ByteBuffer.wrap("abcdef".getBytes(StandardCharsets.US_ASCII)));
                assertThat(client.readAll(WAIT)).isEqualTo("abc");
            } finally {
                proxy.close();
            }
            try (var files = Files.list(dir)) {
                assertThat(files.map(file -> file.getFileName().toString())).containsExactly("target.sock");
            }
        }
    }

    private FaultProxy start(Script script) throws IOException {
        return FaultProxy.start((InetSocketAddress) target.getLocalSocketAddress(), script);
    }
}
