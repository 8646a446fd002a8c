package dev.socklab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.socklab.service.Connection;
import dev.socklab.service.StreamService;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/**
 * The first-request deadline: a client that has not completed its first request (the service's
 * first read) this long after the accept is closed, however slowly it trickles bytes; the idle
 * timeout, which each trickled byte resets, cannot catch it. The cases wait out deadlines, each on
 * a server of its own: they run side by side.
 */
@Timeout(20)
class FirstRequestTimeoutTest {
    private static final Duration FIRST = Duration.ofMillis(300);
    private static final Duration TRICKLE = Duration.ofMillis(100);
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** Enough trickled bytes to outlast the deadline many times over. */
    private static final int MAX_TRICKLES = 50;

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    /**
     * SLF4J gives a thread that asks for a logger while another thread initialises it a stand-in,
     * which {@link LogCapture} cannot use: it is initialised here, before the cases run side by side.
     */
    @BeforeAll
    static void initialiseLogging() {
        LogCapture.socklab().close();
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    @Execution(ExecutionMode.CONCURRENT)
    void aSlowlorisIsClosedAtTheDeadlineWhileANormalClientIsServed(StreamTransport transport) throws IOException {
        try (LogCapture log = LogCapture.socklab()) {
            Endpoint bound = serve(TestServices.shout(), transport);
            long start = System.nanoTime();
            try (RawClient slowloris = RawClient.connect(bound); RawClient normal = RawClient.connect(bound)) {
                String expected = ClosingLine.of("first#1", bound, slowloris,
                        "timed out: no complete request within 300ms (in ");
                normal.send("hello\n");
                assertThat(normal.readLine(WAIT)).isEqualTo("HELLO");

                int trickled = trickleUntilClosed(slowloris);

                assertThat(trickled).as("bytes trickled before the close").isLessThan(MAX_TRICKLES);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(FIRST);
                assertThat(log.awaitContaining(expected)).startsWith(expected);
                // Its first request done, the normal client is held to the idle timeout alone: a minute.
                normal.send("again\n");
                assertThat(normal.readLine(WAIT)).isEqualTo("AGAIN");
            }
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aServiceReadingRawBytesIsNotCutOffAfterTheFirstOnes() throws IOException {
        StreamService rawEcho = conn -> {
            ByteBuffer buffer = ByteBuffer.allocate(512);
            while (conn.read(buffer) >= 0) {
                conn.write(buffer.flip());
                buffer.clear();
            }
        };
        Endpoint bound = serve(rawEcho, StreamTransport.TCP_IPV4);
        try (RawClient client = RawClient.connect(bound)) {
            // A byte each trickle for three deadlines: each read returns bytes, and the first ended the deadline.
            for (int i = 0; i < 9; i++) {
                client.send("x");
                assertThat(client.read(1, WAIT)).isEqualTo("x");
                assertThat(client.closedWithin(TRICKLE)).as("closed after byte %d", i).isFalse();
            }
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aServiceThatHasNotStartedReadingIsNotBoundByIt() throws IOException, InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        StreamService lateGreeting = conn -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            conn.writeLine(TestServices.GREETING);
        };
        Endpoint bound = serve(lateGreeting, StreamTransport.TCP_IPV4);
        try (RawClient client = RawClient.connect(bound)) {
            assertThat(client.closedWithin(FIRST.multipliedBy(3))).isFalse();
            go.countDown();
            assertThat(client.readLine(WAIT)).isEqualTo(TestServices.GREETING);
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aServiceMayOptOutForClientsThatRightlyWaitBeforeTheirFirstRequest() throws IOException {
        StreamService patient = new StreamService() {
            @Override
            public void serve(Connection conn) throws IOException {
                TestServices.shout().serve(conn);
            }

            @Override
            public boolean firstRequestDeadlineApplies() {
                return false;
            }
        };
        Endpoint bound = serve(patient, StreamTransport.TCP_IPV4);
        try (RawClient client = RawClient.connect(bound)) {
            for (int i = 0; i < 9; i++) {
                client.send("x");
                assertThat(client.closedWithin(TRICKLE)).as("closed after byte %d", i).isFalse();
            }
            client.send("\n");
            assertThat(client.readLine(WAIT)).isEqualTo("XXXXXXXXX");
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void zeroTurnsTheDeadlineOff() throws IOException {
        Endpoint bound = servers.start(Server.builder()
                .limits(Limits.DEFAULTS.withFirstRequestTimeout(Duration.ZERO))
                .stream("first", TestServices.shout(), StreamTransport.TCP_IPV4.endpoint(dir))).bindings().getFirst().endpoint();
        try (RawClient client = RawClient.connect(bound)) {
            assertThat(client.closedWithin(FIRST.multipliedBy(3))).isFalse();
            client.send("late\n");
            assertThat(client.readLine(WAIT)).isEqualTo("LATE");
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void theIdleTimeoutMayBeSetForOneService() throws IOException {
        try (LogCapture log = LogCapture.socklab()) {
            Server server = servers.start(Server.builder()
                    .limits(Limits.DEFAULTS.withIdleTimeout(Duration.ofMinutes(1)).withFirstRequestTimeout(Duration.ZERO))
                    .stream("quick", TestServices.shout(), StreamTransport.TCP_IPV4.endpoint(dir),
                            ServiceLimits.NONE.withIdleTimeout(FIRST))
                    .stream("slow", TestServices.shout(), StreamTransport.TCP_IPV4.endpoint(dir)));
            Endpoint quick = server.bindings().get(0).endpoint();
            Endpoint slow = server.bindings().get(1).endpoint();
            try (RawClient q = RawClient.connect(quick)) {
                String expected = ClosingLine.of("quick#1", quick, q, "timed out: no progress for 300ms");

                assertThat(q.closedWithin(WAIT)).isTrue();
                assertThat(log.awaitContaining(expected)).startsWith(expected);
            }
            try (RawClient s = RawClient.connect(slow)) {
                assertThat(s.closedWithin(FIRST.multipliedBy(3))).isFalse();
            }
        }
    }

    /** Sends a byte each trickle, never a line end, until the server closes; returns how many went. */
    private static int trickleUntilClosed(RawClient client) throws IOException {
        for (int i = 0; i < MAX_TRICKLES; i++) {
            try {
                client.send("a");
            } catch (IOException e) {
                return i; // the server closed and reset
            }
            if (client.closedWithin(TRICKLE)) {
                return i + 1;
            }
        }
        return MAX_TRICKLES;
    }

    private Endpoint serve(StreamService service, StreamTransport transport) {
        return servers.start(Server.builder().limits(Limits.DEFAULTS.withFirstRequestTimeout(FIRST))
                .stream("first", service, transport.endpoint(dir))).bindings().getFirst().endpoint();
    }
}
