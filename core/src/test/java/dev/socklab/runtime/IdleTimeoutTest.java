package dev.socklab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

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
 * A read or a write that makes no progress for the idle timeout ends the connection as timed out.
 * The cases wait out timeouts, each on a server of its own: they run side by side.
 */
@Timeout(20)
class IdleTimeoutTest {
    private static final Duration IDLE = Duration.ofMillis(300);
    private static final Duration WAIT = Duration.ofSeconds(5);

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
    void idleConnectionIsClosedAfterTimeout(StreamTransport transport) throws IOException {
        try (LogCapture log = LogCapture.socklab()) {
            Endpoint bound = serve(TestServices.shout(), transport);
            long start = System.nanoTime();
            String expected;
            try (RawClient client = RawClient.connect(bound)) {
                expected = ClosingLine.of("idle#1", bound, client, "timed out: no progress for 300ms (in 0 B, out 0 B, ");

                assertThat(client.closedWithin(WAIT)).isTrue();
            }

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(IDLE);
            assertThat(log.awaitContaining(expected)).startsWith(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    @Execution(ExecutionMode.CONCURRENT)
    void clientThatSpeaksMoreOftenThanTheTimeoutStaysConnected(StreamTransport transport) throws IOException {
        // Longer than IDLE: the client must answer within the timeout, less its pause, however busy the machine.
        Duration idle = Duration.ofMillis(1500);
        try (LogCapture log = LogCapture.socklab()) {
            Endpoint bound = servers.start(Server.builder().limits(Limits.DEFAULTS.withIdleTimeout(idle))
                    .stream("idle", TestServices.shout(), transport.endpoint(dir))).bindings().getFirst().endpoint();
            String expected;
            try (RawClient client = RawClient.connect(bound)) {
                expected = ClosingLine.of("idle#1", bound, client, "closed by client");
                // Eight lines a quarter of the timeout apart: two timeouts pass in all, none of them idle.
                for (int i = 0; i < 8; i++) {
                    client.send("tick " + i + "\n");
                    assertThat(client.readLine(WAIT)).isEqualTo("TICK " + i);
                    assertThat(client.closedWithin(idle.dividedBy(4))).as("closed after tick %d", i).isFalse();
                }
                client.shutdownOutput();
                assertThat(client.closedWithin(WAIT)).isTrue();
            }

            assertThat(log.awaitContaining(expected)).startsWith(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    @Execution(ExecutionMode.CONCURRENT)
    void writeToAClientThatNeverReadsTimesOutAfterTheWriteTimeout(StreamTransport transport) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        StreamService flood = conn -> {
            while (true) {
                conn.write(chunk);
            }
        };
        try (LogCapture log = LogCapture.socklab()) {
            // The idle timeout bounds reads alone: left at its minute, it must not be what ends this.
            Endpoint bound = servers.start(Server.builder()
                    .limits(Limits.DEFAULTS.withIdleTimeout(Duration.ofMinutes(1)).withWriteTimeout(IDLE))
                    .stream("idle", flood, transport.endpoint(dir))).bindings().getFirst().endpoint();
            try (RawClient client = RawClient.connect(bound)) {
                String expected = ClosingLine.of("idle#1", bound, client,
                        "timed out: a write made no progress for 300ms (in 0 B, out ");

                // Buffers fill, the write stalls, and the watchdog ends it a timeout and a tick later; the deadline is generous.
                String line = log.await(text -> text.startsWith(expected), Duration.ofSeconds(10));
                assertThat(line).doesNotContain("out 0 B");
            }
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aServiceMayAskForItsOwnIdleTimeout() throws IOException {
        StreamService patient = new StreamService() {
            @Override
            public void serve(Connection conn) throws IOException {
                conn.readLine();
            }

            @Override
            public Optional<Duration> idleTimeout() {
                return Optional.of(IDLE);
            }
        };
        try (LogCapture log = LogCapture.socklab()) {
            Endpoint bound = servers.start(Server.builder().limits(Limits.DEFAULTS.withIdleTimeout(Duration.ofMinutes(1)))
                    .stream("idle", patient, StreamTransport.TCP_IPV4.endpoint(dir))).bindings().getFirst().endpoint();
            try (RawClient client = RawClient.connect(bound)) {
                String expected = ClosingLine.of("idle#1", bound, client, "timed out: no progress for 300ms");

                assertThat(client.closedWithin(WAIT)).isTrue();
                assertThat(log.awaitContaining(expected)).startsWith(expected);
            }
        }
    }

    private Endpoint serve(StreamService service, StreamTransport transport) {
        return servers.start(Server.builder().limits(Limits.DEFAULTS.withIdleTimeout(IDLE))
                .stream("idle", service, transport.endpoint(dir))).bindings().getFirst().endpoint();
    }
}
