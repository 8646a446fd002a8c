package dev.socklab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.socklab.net.SocketAddresses;
import dev.socklab.service.StreamService;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/** Whatever goes wrong with one connection costs that connection and its log line, never the listener. */
@Timeout(20)
class IsolationTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void serviceThatCrashesEndsOnlyThatConnection(StreamTransport transport) throws IOException {
        StreamService crashesOnBoom = conn -> {
            Optional<String> line;
            while ((line = conn.readLine()).isPresent()) {
                if (line.get().equals("boom")) {
                    throw new IllegalStateException("boom");
                }
                conn.writeLine(line.get().toUpperCase(Locale.ROOT));
            }
        };
        try (LogCapture log = LogCapture.socklab()) {
            Endpoint bound = servers.stream("shout", crashesOnBoom, transport.endpoint(dir));
            String expected;
            try (RawClient victim = RawClient.connect(bound)) {
                expected = ClosingLine.of("shout#1", bound, victim, "error: java.lang.IllegalStateException: boom (in 5 B, out 0 B, ");
                victim.send("boom\n");
                assertThat(victim.closedWithin(WAIT)).isTrue();
            }

            assertThat(log.awaitContaining(expected)).startsWith(expected);
            assertThat(log.warnings()).contains("shout#1 crashed: a bug in the shout service");
            assertThat(servesTheNextClient(bound)).isEqualTo("NEXT");
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void serviceFailingOnItsOwnIoIsAnErrorAndOnlyThatConnectionEnds(StreamTransport transport) throws IOException {
        StreamService failsOnFirstLine = conn -> {
            if (conn.readLine().orElse("").equals("disk")) {
                throw new IOException("disk full");
            }
            conn.writeLine("NEXT");
        };
        try (LogCapture log = LogCapture.socklab()) {
            Endpoint bound = servers.stream("shout", failsOnFirstLine, transport.endpoint(dir));
            String expected;
            try (RawClient victim = RawClient.connect(bound)) {
                expected = ClosingLine.of("shout#1", bound, victim, "error: java.io.IOException: disk full");
                victim.send("disk\n");
                assertThat(victim.closedWithin(WAIT)).isTrue();
            }

            assertThat(log.awaitContaining(expected)).startsWith(expected).contains("(in 5 B, out 0 B, ");
            assertThat(log.warnings()).contains("shout#1 failed: java.io.IOException: disk full");
            assertThat(servesTheNextClient(bound)).isEqualTo("NEXT");
        }
    }

    @ParameterizedTest
    @EnumSource(value = StreamTransport.class, names = {"TCP_IPV4", "TCP_IPV6"})
    void clientThatResetsCostsOneQuietLogLineAndTheNextClientIsServed(StreamTransport transport) throws IOException {
        try (LogCapture log = LogCapture.socklab()) {
            Endpoint bound = servers.stream("shout", TestServices.shout(), transport.endpoint(dir));
            String expected;
            try (SocketChannel resetting = SocketChannel.open(bound.address())) {
                expected = "shout#1 tcp " + SocketAddresses.format(resetting.getLocalAddress()) + " -> "
                        + SocketAddresses.format(bound.address()) + " closed by client: ";
                resetting.write(ByteBuffer.wrap("half a li".getBytes(StandardCharsets.US_ASCII)));
                resetting.setOption(StandardSocketOptions.SO_LINGER, 0); // close() now sends RST, not FIN
            }

            assertThat(log.awaitContaining(expected)).startsWith(expected).contains("(in 9 B, out 0 B, ");
            assertThat(servesTheNextClient(bound)).isEqualTo("NEXT");
            assertThat(log.lines()).filteredOn(line -> line.contains("shout#1")).hasSize(1);
            assertThat(log.warnings()).isEmpty();
        }
    }

    /** The answer a fresh client gets to {@code next}. */
    private static String servesTheNextClient(Endpoint bound) throws IOException {
        try (RawClient next = RawClient.connect(bound)) {
            next.send("next\n");
            return next.readLine(WAIT);
        }
    }
}
