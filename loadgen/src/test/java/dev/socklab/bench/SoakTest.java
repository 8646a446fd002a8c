package dev.socklab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.runtime.Binding;
import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Server;
import dev.socklab.service.Connection;
import dev.socklab.service.StreamService;
import dev.socklab.services.echo.EchoService;
import dev.socklab.services.hello.HelloService;
import dev.socklab.testing.Await;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/**
 * The short soak of {@code mvn verify}: a real socklab server in this JVM, echo over TCP, UDP and a
 * Unix socket and hello over TCP, loaded for 3 s; this process is the server, so its PID is the one
 * whose file descriptors and threads must come back. Its resident memory is the test JVM's, which
 * grows with the clients' garbage too, so the heap is checked in process instead, after a GC.
 */
@Timeout(60)
class SoakTest {
    private static final Duration SOAK = Duration.ofSeconds(3);

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void soakOverEveryTransportChecksEveryReplyAndTheServerComesBack() throws Exception {
        Server server = servers.start(Server.builder()
                .stream("echo", new EchoService(), StreamTransport.TCP_IPV4.endpoint(dir))
                .stream("echo", new EchoService(), StreamTransport.UNIX.endpoint(dir))
                .datagram("echo", new EchoService(), StreamTransport.udp(false))
                .stream("hello", new HelloService(HelloService.DEFAULT_GREETING), StreamTransport.TCP_IPV4.endpoint(dir)));
        Map<SoakPart, SocketAddress> targets = targets(server);
        long heapBefore = heapAfterGc();

        SoakResult r = SoakRun.run(plan(targets).withServerPid(ProcessHandle.current().pid()));

        assertThat(r.failures()).as("report: %s", r.lines()).isEmpty();
        assertThat(r.passed()).isTrue();
        assertThat(r.mismatches()).isZero();
        assertThat(r.lost()).isZero();
        assertThat(r.operations()).as("every part exchanged").allSatisfy((part, n) -> assertThat(n).isPositive());
        assertThat(r.server()).hasValueSatisfying(check -> assertThat(check.passed()).isTrue());
        Await.until(() -> server.openConnections() == 0, Duration.ofSeconds(5), "the server's connections closed");
        assertThat(heapAfterGc()).as("heap bytes after, before: %d", heapBefore).isLessThan(heapBefore + (32L << 20));
    }

    @Test
    void aServerThatCorruptsRepliesIsCaughtAsMismatches() throws Exception {
        // Echoes each read with its last byte flipped: every reply comes back wrong.
        StreamService corrupting = SoakTest::echoFlippingTheLastByte;
        Endpoint bound = servers.stream("echo", corrupting, StreamTransport.TCP_IPV4.endpoint(dir));

        SoakResult r = SoakRun.run(SoakPlan.of(Map.of(SoakPart.TCP_ECHO, bound.address()), Duration.ofSeconds(1)));

        assertThat(r.mismatches()).isPositive();
        assertThat(r.passed()).isFalse();
        assertThat(r.failures()).anyMatch(f -> f.contains("mismatched"));
    }

    @Test
    void aServerThatKeepsConnectionsOpenFailsTheVitalsCheck() throws Exception {
        // Greets, then holds every connection, deaf to the client's close, until the test ends: its file descriptors pile up.
        CountDownLatch testOver = new CountDownLatch(1);
        StreamService holding = conn -> {
            conn.writeLine("hi");
            try {
                testOver.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Endpoint bound = servers.stream("hello", holding, StreamTransport.TCP_IPV4.endpoint(dir));
        SoakPlan plan = new SoakPlan(Map.of(SoakPart.GREETING, bound.address()), 2, Duration.ofSeconds(1),
                Duration.ofMillis(200), OptionalLong.of(ProcessHandle.current().pid()), Duration.ZERO,
                Duration.ofMillis(500), SoakPlan.DEFAULT_MAX_RSS_GROWTH);

        SoakResult r;
        try {
            r = SoakRun.run(plan);
        } finally {
            testOver.countDown();
        }

        assertThat(r.server()).hasValueSatisfying(check -> assertThat(check.passed()).isFalse());
        assertThat(r.failures()).anyMatch(f -> f.startsWith("file descriptors did not come back"));
    }

    private static Map<SoakPart, SocketAddress> targets(Server server) {
        Map<SoakPart, SocketAddress> targets = new EnumMap<>(SoakPart.class);
        for (Binding b : server.bindings()) {
            SoakPart part = switch (b.endpoint().transport()) {
                case TCP -> b.service().equals("echo") ? SoakPart.TCP_ECHO : SoakPart.GREETING;
                case UNIX -> SoakPart.UNIX_ECHO;
                case UDP -> SoakPart.UDP_ECHO;
            };
            targets.put(part, b.endpoint().address());
        }
        assertThat(targets).hasSize(4);
        return targets;
    }

    /**
     * Two clients a part, a 1 s warm-up, a generous timeout for a busy machine, a 40 s settle at most,
     * and no bound on resident memory (see the class comment).
     */
    private static SoakPlan plan(Map<SoakPart, SocketAddress> targets) {
        return new SoakPlan(targets, 2, SOAK, Duration.ofSeconds(10), OptionalLong.empty(), Duration.ofSeconds(1),
                SoakPlan.DEFAULT_SETTLE, Long.MAX_VALUE);
    }

    /** Heap in use after a full collection, which G1 makes of {@code System.gc()} by default. */
    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void echoFlippingTheLastByte(Connection conn) throws java.io.IOException {
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        for (int n = conn.read(buffer); n > 0; n = conn.read(buffer.clear())) {
            buffer.put(n - 1, (byte) (buffer.get(n - 1) ^ 1));
            conn.write(buffer.flip());
        }
    }
}
