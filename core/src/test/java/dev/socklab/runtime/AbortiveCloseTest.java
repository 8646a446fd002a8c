package dev.socklab.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.socklab.net.SocketAddresses;
import dev.socklab.service.Connection;
import dev.socklab.service.Outbox;
import dev.socklab.service.StreamService;
import dev.socklab.testing.Await;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/**
 * A TCP connection the runtime gives up on is reset, not closed: the kernel keeps none of the
 * bytes the client has not read, where a normal close would leave them queued in an orphaned
 * connection (FIN-WAIT-1) that no limit counts. Each case checks both ends: the server's side of
 * the connection is gone from {@code /proc/net/tcp}, and the client's read ends in a reset once it
 * has what had reached it, not in the rest of the data and an end of stream. Before, every case
 * here left a FIN-WAIT-1 orphan holding the unsent bytes.
 */
@Timeout(30)
class AbortiveCloseTest {
    private static final Duration SHORT = Duration.ofMillis(300);
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** As small as the kernel allows, so the server's writes stall at once. */
    private static final int SMALL_RECEIVE_BUFFER = 4096;
    /** {@code /proc/net/tcp}'s code for FIN-WAIT-1: a closed socket still sending what it holds. */
    private static final String FIN_WAIT_1 = "04";

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @ParameterizedTest
    @EnumSource(value = StreamTransport.class, names = {"TCP_IPV4", "TCP_IPV6"})
    void aWriteTimeoutResetsTheConnectionAndTheKernelKeepsNoneOfItsBytes(StreamTransport transport) throws IOException {
        Limits limits = Limits.DEFAULTS.withWriteTimeout(SHORT).withFirstRequestTimeout(Duration.ZERO);
        Endpoint bound = serve(limits, AbortiveCloseTest::flood, transport);
        try (LogCapture log = LogCapture.socklab(); Socket client = slowReader(bound)) {
            String line = log.awaitContaining(closingLine(client, bound),
                    "timed out: a write made no progress for 300ms (in 0 B, out ");

            assertThat(line).contains(" B written, any unsent discarded, ");
            assertNoOrphan(bound);
            assertThat(howItEnds(client)).startsWith("reset");
        }
    }

    @ParameterizedTest
    @EnumSource(value = StreamTransport.class, names = {"TCP_IPV4", "TCP_IPV6"})
    void aClientTooFarBehindItsOutboxIsResetAndTheKernelKeepsNoneOfItsBytes(StreamTransport transport)
            throws IOException {
        StreamService fanOut = conn -> {
            Outbox outbox = conn.outbox(64 * 1024, Duration.ofMinutes(1));
            byte[] chunk = new byte[8 * 1024];
            while (outbox.offer(chunk)) {
                Thread.onSpinWait(); // the kernel's buffers fill, then the queue, then the client is dropped
            }
            conn.readLine();
        };
        Endpoint bound = serve(Limits.DEFAULTS.withFirstRequestTimeout(Duration.ZERO), fanOut, transport);
        try (LogCapture log = LogCapture.socklab(); Socket client = slowReader(bound)) {
            String line = log.awaitContaining(closingLine(client, bound),
                    "refused by a limit: too far behind (more than 65536 bytes waiting)");

            assertThat(line).contains(" B written, any unsent discarded, ");
            assertNoOrphan(bound);
            assertThat(howItEnds(client)).startsWith("reset");
        }
    }

    @ParameterizedTest
    @EnumSource(value = StreamTransport.class, names = {"TCP_IPV4", "TCP_IPV6"})
    void aConnectionForcedClosedAtShutdownIsResetAndTheKernelKeepsNoneOfItsBytes(StreamTransport transport)
            throws IOException {
        // Only the end of the grace period may end this: the write timeout stays at its 30 s.
        Limits limits = Limits.DEFAULTS.withFirstRequestTimeout(Duration.ZERO);
        Endpoint bound = serve(limits, AbortiveCloseTest::flood, transport);
        try (LogCapture log = LogCapture.socklab(); Socket client = slowReader(bound)) {
            Await.until(() -> servers.server().openConnections() == 1, WAIT, "the connection is served");
            servers.server().stop(SHORT);

            String line = log.awaitContaining(closingLine(client, bound), "closed at shutdown (in 0 B, out ");
            assertThat(line).contains(" B written, any unsent discarded, ");
            assertNoOrphan(bound);
            assertThat(howItEnds(client)).startsWith("reset");
        }
    }

    @ParameterizedTest
    @EnumSource(value = StreamTransport.class, names = {"TCP_IPV4", "TCP_IPV6"})
    void anIdleTimeoutResetsTheConnectionAfterWhatHadReachedTheClient(StreamTransport transport) throws IOException {
        StreamService greetsThenWaits = conn -> {
            conn.writeLine("hello");
            conn.readLine();
        };
        Endpoint bound = serve(Limits.DEFAULTS.withIdleTimeout(SHORT), greetsThenWaits, transport);
        try (LogCapture log = LogCapture.socklab(); Socket client = slowReader(bound)) {
            String line = log.awaitContaining(closingLine(client, bound), "timed out: no progress for 300ms (in 0 B, out 7 B");

            assertThat(line).contains("out 7 B written, any unsent discarded, ");
            assertNoOrphan(bound);
            // The line had reached the client before the reset, and stays readable: Linux reports the reset after it.
            assertThat(howItEnds(client)).isEqualTo("reset after 7 B");
        }
    }

    @ParameterizedTest
    @EnumSource(value = StreamTransport.class, names = {"TCP_IPV4", "TCP_IPV6"})
    void aConnectionTheServiceEndsIsClosedGracefullyWithEveryByteDelivered(StreamTransport transport)
            throws IOException {
        byte[] reply = new byte[256 * 1024];
        StreamService sendsAndEnds = conn -> conn.write(reply);
        Endpoint bound = serve(Limits.DEFAULTS, sendsAndEnds, transport);
        try (LogCapture log = LogCapture.socklab(); Socket client = slowReader(bound)) {
            assertThat(howItEnds(client)).isEqualTo("end of stream after 262144 B");

            String line = log.awaitContaining(closingLine(client, bound), "closed by server (in 0 B, out 262144 B, ");
            assertThat(line).doesNotContain("discarded");
        }
    }

    private Endpoint serve(Limits limits, StreamService service, StreamTransport transport) {
        return servers.start(Server.builder().limits(limits).stream("given-up", service, transport.endpoint(dir)))
                .bindings().getFirst().endpoint();
    }

    /** Writes for ever: a chargen that never runs out. */
    private static void flood(Connection conn) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        while (true) {
            conn.write(chunk);
        }
    }

    /** A client with a small receive buffer, which reads nothing until the test says so. */
    private static Socket slowReader(Endpoint bound) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(SMALL_RECEIVE_BUFFER);
        socket.connect(bound.address());
        return socket;
    }

    private static String closingLine(Socket client, Endpoint bound) {
        return "given-up#1 tcp " + SocketAddresses.format(client.getLocalSocketAddress()) + " -> "
                + SocketAddresses.format(bound.address()) + " ";
    }

    /** Reads everything until the connection ends: {@code reset after N B} or {@code end of stream after N B}. */
    private static String howItEnds(Socket client) throws IOException {
        client.setSoTimeout((int) WAIT.toMillis());
        InputStream in = client.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
            }
        } catch (SocketTimeoutException e) {
            return "still open after " + total + " B";
        } catch (SocketException e) {
            return e.getMessage().toLowerCase(Locale.ROOT).contains("reset") ? "reset after " + total + " B"
                    : "failed after " + total + " B: " + e;
        }
        return "end of stream after " + total + " B";
    }

    /** No socket on the server's port is left in FIN-WAIT-1 (Linux only: elsewhere the check is skipped). */
    private static void assertNoOrphan(Endpoint bound) throws IOException {
        InetSocketAddress server = (InetSocketAddress) bound.address();
        Path table = Path.of(server.getAddress().getAddress().length == 4 ? "/proc/net/tcp" : "/proc/net/tcp6");
        assumeTrue(Files.isReadable(table), "no " + table + " here");
        String port = String.format(Locale.ROOT, ":%04X", server.getPort());
        // The reset is immediate; the wait covers the connection's thread reaching its close.
        Await.until(() -> orphans(table, port).isEmpty(), Duration.ofSeconds(2),
                "no FIN-WAIT-1 socket on port " + server.getPort());
    }

    /** The lines of {@code table} whose local address ends in {@code port} and whose state is FIN-WAIT-1. */
    private static List<String> orphans(Path table, String port) {
        try {
            return Files.readAllLines(table, StandardCharsets.US_ASCII).stream().skip(1)
                    .map(String::trim)
                    .filter(row -> {
                        String[] fields = row.split("\\s+");
                        return fields[1].endsWith(port) && fields[3].equals(FIN_WAIT_1);
                    })
                    .toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
