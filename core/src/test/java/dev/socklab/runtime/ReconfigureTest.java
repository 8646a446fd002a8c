package dev.socklab.runtime;

import static dev.socklab.testing.AddressLiteral.literal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.net.AddressSet;
import dev.socklab.service.Connection;
import dev.socklab.service.StreamService;
import dev.socklab.testing.Await;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.TestCertificates;

/**
 * {@link Server#reconfigure} on a running server, over real loopback sockets: new settings hold
 * new clients while the connections already open keep running, and a change of endpoint is
 * reported as needing a restart with nothing applied.
 */
@Timeout(20)
class ReconfigureTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final InetAddress FIRST = literal("127.0.0.1");
    private static final InetAddress SECOND = literal("127.0.0.2");
    private static final Endpoint TCP = Endpoint.tcp(new InetSocketAddress(FIRST, 0));

    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void aTighterDenyListRefusesANewClientWhileAnOpenConnectionStays() throws IOException {
        Server server = servers.start(shout(AccessPolicy.EVERYONE));
        Endpoint bound = server.bindings().getFirst().endpoint();
        try (RawClient open = RawClient.connectFrom(SECOND, bound)) {
            open.send("before\n");
            assertThat(open.readLine(WAIT)).isEqualTo("BEFORE");

            Reconfigured result = server.reconfigure(shout(new AccessPolicy(AddressSet.EMPTY, AddressSet.parse("127.0.0.2"))));

            assertThat(result.applied()).isTrue();
            assertThat(result.changed()).containsExactly("deny: no one -> " + AddressSet.parse("127.0.0.2"));
            try (RawClient denied = RawClient.connectFrom(SECOND, bound)) {
                assertThat(denied.readAllBytes(WAIT)).isEmpty();
            }
            assertThat(server.refusals().deniedConnections()).isEqualTo(1);
            assertThat(server.reconfigure(shout(new AccessPolicy(AddressSet.EMPTY, AddressSet.parse("127.0.0.2"))))
                    .changed()).as("the same list, parsed again").isEmpty();
            open.send("after\n");
            assertThat(open.readLine(WAIT)).isEqualTo("AFTER");
            try (RawClient allowed = RawClient.connectFrom(FIRST, bound)) {
                TestServices.assertShouts(allowed);
            }
        }
    }

    @Test
    void aNewIdleTimeoutHoldsNewConnectionsAndTheOpenOnes() throws IOException {
        Server server = servers.start(Server.builder().limits(Limits.DEFAULTS.withIdleTimeout(Duration.ofMinutes(1)))
                .stream("idle", TestServices.shout(), TCP));
        Endpoint bound = server.bindings().getFirst().endpoint();
        try (LogCapture log = LogCapture.socklab(); RawClient before = RawClient.connect(bound)) {
            before.send("served\n");
            assertThat(before.readLine(WAIT)).isEqualTo("SERVED");

            Reconfigured result = server.reconfigure(Server.builder()
                    .limits(Limits.DEFAULTS.withIdleTimeout(Duration.ofMillis(300)))
                    .stream("idle", TestServices.shout(), TCP));

            assertThat(result.changed()).containsExactly("idle timeout: 1m -> 300ms");
            try (RawClient after = RawClient.connect(bound)) {
                String expected = ClosingLine.of("idle#2", bound, after, "timed out: no progress for 300ms");
                assertThat(after.closedWithin(WAIT)).isTrue();
                assertThat(log.awaitContaining(expected)).startsWith(expected);
            }
            // Waiting in a read that began with a minute to go: the new timeout cuts it short.
            String expected = ClosingLine.of("idle#1", bound, before, "timed out: no progress for 300ms");
            assertThat(before.closedWithin(WAIT)).isTrue();
            assertThat(log.awaitContaining(expected)).startsWith(expected);
        }
    }

    @Test
    void aServicesOwnConnectionLimitCountsTheConnectionsAlreadyOpen() throws IOException {
        Server server = servers.start(Server.builder().stream("shout", TestServices.shout(), TCP));
        Endpoint bound = server.bindings().getFirst().endpoint();
        try (RawClient first = RawClient.connect(bound); RawClient second = RawClient.connect(bound)) {
            TestServices.assertShouts(first);
            TestServices.assertShouts(second);

            Reconfigured result = server.reconfigure(Server.builder()
                    .stream("shout", TestServices.shout(), TCP, ServiceLimits.NONE.withMaxConnections(2)));

            assertThat(result.changed()).containsExactly("shout: max connections: the server's -> 2");
            try (RawClient third = RawClient.connect(bound)) {
                assertThat(third.readAll(WAIT)).contains("too many connections to shout (2)");
            }
            assertThat(server.refusals().overServiceLimit()).isEqualTo(1);
        }
    }

    @Test
    @Tag("no-engine")
    void aNewUdpRateHoldsTheNextReplies() throws IOException {
        UdpLimits generous = new UdpLimits(1000, 1000, 1000, true);
        Endpoint udp = Endpoint.udp(new InetSocketAddress(FIRST, 0));
        Server server = servers.start(Server.builder().udpLimits(generous).datagram("echo", TestServices.DATAGRAM_ECHO, udp));
        SocketAddress address = server.bindings().getFirst().endpoint().address();
        try (DatagramChannel client = DatagramChannel.open().bind(new InetSocketAddress(FIRST, 0))) {
            client.socket().setSoTimeout((int) WAIT.toMillis());
            for (int i = 0; i < 5; i++) {
                client.send(ByteBuffer.wrap(new byte[] {1}), address);
                client.receive(ByteBuffer.allocate(8));
            }
            assertThat(server.udpDrops().overRate()).isZero();

            Reconfigured result = server.reconfigure(Server.builder().udpLimits(new UdpLimits(1, 1, 1000, true))
                    .datagram("echo", TestServices.DATAGRAM_ECHO, udp));

            assertThat(result.changed()).containsExactly("UDP limits: 1000/s per source, burst 1000, 1000/s in all,"
                    + " loopback too -> 1/s per source, burst 1, 1000/s in all, loopback too");
            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                client.send(ByteBuffer.wrap(new byte[] {2}), address);
            }
            // One from the burst, and one a second after it, while the test runs.
            Await.until(() -> server.udpDrops().overRate() >= 20 - 1 - (System.nanoTime() - start) / 1_000_000_000L,
                    WAIT, "the replies over the new rate dropped");
        }
    }

    @Test
    void aServicesOwnNewIdleTimeoutHoldsItsOpenConnectionsWhenItComesWithTheReload() throws IOException {
        AtomicReference<Duration> idle = new AtomicReference<>(Duration.ofMinutes(1));
        StreamService quiet = quietFor(idle);
        Server server = servers.start(Server.builder().stream("quiet", quiet, TCP));
        Endpoint bound = server.bindings().getFirst().endpoint();
        try (LogCapture log = LogCapture.socklab(); RawClient open = RawClient.connect(bound)) {
            Await.until(() -> server.openConnections() == 1, WAIT, "the connection served");

            Reconfigured result = server.reconfigure(Server.builder().stream("quiet", quiet, TCP),
                    () -> idle.set(Duration.ofMillis(300)));

            assertThat(result.applied()).isTrue();
            // Waiting in a read that began with a minute to go: the service's new timeout cuts it short.
            String expected = ClosingLine.of("quiet#1", bound, open, "timed out: no progress for 300ms");
            assertThat(open.closedWithin(WAIT)).isTrue();
            assertThat(log.awaitContaining(expected)).startsWith(expected);
        }
    }

    @Test
    void theServicesStepDoesNotRunWhenSomethingNeedsARestart() {
        AtomicReference<Duration> idle = new AtomicReference<>(Duration.ofMinutes(1));
        Server server = servers.start(Server.builder().stream("quiet", quietFor(idle), TCP));
        int port = ((InetSocketAddress) server.bindings().getFirst().endpoint().address()).getPort();

        Reconfigured result = server.reconfigure(Server.builder().stream("quiet", quietFor(idle),
                Endpoint.tcp(new InetSocketAddress(FIRST, port + 1))), () -> idle.set(Duration.ofMillis(300)));

        assertThat(result.applied()).isFalse();
        assertThat(idle.get()).isEqualTo(Duration.ofMinutes(1));
    }

    /** Reads until the client closes, held to the idle timeout {@code idle} holds: a service's own, as chat's is. */
    private static StreamService quietFor(AtomicReference<Duration> idle) {
        return new StreamService() {
            @Override
            public void serve(Connection conn) throws IOException {
                conn.readLine();
            }

            @Override
            public Optional<Duration> idleTimeout() {
                return Optional.of(idle.get());
            }
        };
    }

    @Test
    void aNewPortNeedsARestartAndNothingIsApplied() throws IOException {
        Server server = servers.start(shout(AccessPolicy.EVERYONE));
        Endpoint bound = server.bindings().getFirst().endpoint();
        int port = ((InetSocketAddress) bound.address()).getPort();
        Endpoint elsewhere = Endpoint.tcp(new InetSocketAddress(FIRST, port + 1));

        Reconfigured result = server.reconfigure(Server.builder()
                .access(new AccessPolicy(AddressSet.EMPTY, AddressSet.parse("127.0.0.2")))
                .stream("shout", TestServices.shout(), elsewhere));

        assertThat(result.applied()).isFalse();
        assertThat(result.changed()).isEmpty();
        assertThat(result.needsRestart()).containsExactly("shout tcp 127.0.0.1:0 is no longer asked for",
                "shout tcp 127.0.0.1:" + (port + 1) + " is new");
        // The deny list that came with it was not applied either.
        try (RawClient client = RawClient.connectFrom(SECOND, bound)) {
            TestServices.assertShouts(client);
        }
    }

    @Test
    void aNewKeyPairServesTheNextHandshakeWhileAConnectionOfTheOldOneGoesOn(@TempDir Path dir) throws IOException {
        TestCertificates first = TestCertificates.in(Files.createDirectory(dir.resolve("first")));
        TestCertificates second = TestCertificates.in(Files.createDirectory(dir.resolve("second")));
        Endpoint tls = Endpoint.tls(new InetSocketAddress(FIRST, 0));
        Server server = servers.start(Server.builder().tls(first.serverTls()).stream("shout", TestServices.shout(), tls));
        InetSocketAddress bound = (InetSocketAddress) server.bindings().getFirst().endpoint().address();
        try (SSLSocket before = handshake(first, bound)) {
            Reconfigured result = server.reconfigure(Server.builder().tls(second.serverTls())
                    .stream("shout", TestServices.shout(), tls));

            assertThat(result.changed()).hasSize(2);
            assertThat(result.changed().get(0)).startsWith("TLS files: " + first.certFile());
            assertThat(result.changed().get(1)).startsWith("TLS certificate: O=socklab development,CN=localhost (serial ");
            try (SSLSocket after = handshake(second, bound)) {
                assertShouts(after, "new pair");
            }
            assertThatThrownBy(() -> handshake(first, bound).close()).as("the old pair is no longer served")
                    .isInstanceOf(SSLException.class);
            assertShouts(before, "old pair");
        }
    }

    /** A TLS client of {@code bound} that trusts {@code pair} alone, its handshake done. */
    private static SSLSocket handshake(TestCertificates pair, InetSocketAddress bound) throws IOException {
        SSLSocket client = (SSLSocket) pair.clientContext().getSocketFactory().createSocket(bound.getAddress(),
                bound.getPort());
        client.setSoTimeout((int) WAIT.toMillis());
        try {
            client.startHandshake();
        } catch (IOException e) {
            client.close();
            throw e;
        }
        return client;
    }

    private static void assertShouts(SSLSocket client, String text) throws IOException {
        client.getOutputStream().write((text + "\n").getBytes(StandardCharsets.UTF_8));
        client.getOutputStream().flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        assertThat(in.readLine()).isEqualTo(text.toUpperCase(Locale.ROOT));
    }

    private static Server.Builder shout(AccessPolicy policy) {
        return Server.builder().access(policy).stream("shout", TestServices.shout(), TCP);
    }
}
