package dev.socklab.runtime;

import static dev.socklab.testing.AddressLiteral.literal;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.socklab.testing.Await;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;

/**
 * How much one source may take: connections at once, new connections a second with a cool-off,
 * and a service's own connection limit. Every client is on loopback; 127.0.0.2 is a second source.
 */
@Timeout(20)
class SourceLimitsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final InetAddress FIRST = literal("127.0.0.1");
    private static final InetAddress SECOND = literal("127.0.0.2");
    private static final Endpoint TCP = Endpoint.tcp(new InetSocketAddress(FIRST, 0));

    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();
    private final List<RawClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() throws IOException {
        for (RawClient client : clients) {
            client.close();
        }
    }

    @Test
    void oneSourceFarOverItsLimitGetsExactlyTheLimitWhileAnotherIsServed() throws IOException {
        int limit = 5;
        int opened = 60;
        Server server = servers.start(Server.builder().sourceLimits(SourceLimits.OFF.withLimitLoopback(true).withMaxConnections(limit))
                .stream("shout", TestServices.shout(), TCP));
        Endpoint bound = server.bindings().getFirst().endpoint();
        for (int i = 0; i < opened; i++) {
            open(FIRST, bound);
        }
        long allOpen = System.nanoTime();
        List<RawClient> fromFirst = List.copyOf(clients);
        RawClient other = open(SECOND, bound);
        other.send("meanwhile\n");
        assertThat(other.readLine(WAIT)).isEqualTo("MEANWHILE");

        // Every refused client has its line and its close at accept, before it sends a byte (on an
        // idle machine all within a second; the wait allows for a busy one); the served ones hear
        // nothing until they speak. Polled, never written to: a write to a refused client could
        // meet its close and reset away the line.
        List<RawClient> waiting = new ArrayList<>(fromFirst);
        int refused = 0;
        long deadline = allOpen + WAIT.toNanos();
        while (refused < opened - limit && System.nanoTime() < deadline) {
            for (var it = waiting.iterator(); it.hasNext(); ) {
                RawClient client = it.next();
                String line;
                try {
                    line = client.readLine(Duration.ofMillis(1));
                } catch (SocketTimeoutException e) {
                    continue;
                }
                assertThat(line).isEqualTo("socklab: too many connections from your address (5); try again later");
                assertThat(client.readAll(WAIT)).isEmpty();
                it.remove();
                refused++;
            }
        }
        int served = 0;
        for (RawClient client : waiting) {
            client.send("ping\n");
            assertThat(client.readLine(WAIT)).isEqualTo("PING");
            served++;
        }
        assertThat(served).isEqualTo(limit);
        assertThat(refused).isEqualTo(opened - limit);
        assertThat(server.refusals().overSourceLimit()).isEqualTo(opened - limit);
        assertThat(server.openConnections()).isEqualTo(limit + 1);
    }

    @Test
    void loopbackClientsAreExemptUnlessAskedAndTheLimitsAreOnByDefault() throws IOException {
        assertThat(SourceLimits.DEFAULTS.maxConnections()).isPositive();
        assertThat(SourceLimits.DEFAULTS.maxRate()).isPositive();
        Server server = servers.start(Server.builder().sourceLimits(SourceLimits.OFF.withMaxConnections(1).withMaxRate(1))
                .stream("shout", TestServices.shout(), TCP));
        Endpoint bound = server.bindings().getFirst().endpoint();
        List<RawClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                RawClient client = open(FIRST, bound);
                clients.add(client);
                client.send("x" + i + "\n");
                assertThat(client.readLine(WAIT)).as("loopback client %d, over both limits", i).isEqualTo("X" + i);
            }
            assertThat(server.refusals().overSourceLimit()).isZero();
            assertThat(server.refusals().overSourceRate()).isZero();
        } finally {
            for (RawClient c : clients) {
                c.close();
            }
        }
    }

    @Test
    void aSourceIsServedAgainOnceOneOfItsConnectionsEnds() throws IOException {
        Server server = servers.start(Server.builder().sourceLimits(SourceLimits.OFF.withLimitLoopback(true).withMaxConnections(1))
                .stream("shout", TestServices.shout(), TCP));
        Endpoint bound = server.bindings().getFirst().endpoint();
        try (RawClient first = open(FIRST, bound)) {
            first.send("a\n");
            assertThat(first.readLine(WAIT)).isEqualTo("A");
            try (RawClient second = open(FIRST, bound)) {
                assertThat(second.readAll(WAIT)).startsWith("socklab: too many connections from your address (1)");
            }
        }
        Await.until(() -> server.openConnections() == 0, WAIT, "the first connection ends");
        try (RawClient third = open(FIRST, bound)) {
            third.send("b\n");
            assertThat(third.readLine(WAIT)).isEqualTo("B");
        }
    }

    @Test
    void aSourceOverTheRateIsRefusedForTheWholeCoolOff() throws IOException {
        Duration coolOff = Duration.ofMillis(1500);
        Server server = servers.start(Server.builder()
                .sourceLimits(SourceLimits.OFF.withLimitLoopback(true).withMaxRate(2).withCoolOff(coolOff))
                .stream("shout", TestServices.shout(), TCP));
        Endpoint bound = server.bindings().getFirst().endpoint();
        // The burst of 2 is served; a busy machine may take long enough between connections for a
        // token to come back, so connect until one is refused.
        int served = 0;
        long connectedAt;
        while (true) {
            long refusedBefore = server.refusals().overSourceRate();
            connectedAt = System.nanoTime();
            RawClient client = open(FIRST, bound);
            // Judged at accept. Never written to before: a write could meet a refusal's close and reset away its line.
            Await.until(() -> server.refusals().overSourceRate() > refusedBefore || server.openConnections() > 0, WAIT,
                    "the connection served or refused");
            if (server.refusals().overSourceRate() > refusedBefore) {
                assertThat(client.readAll(WAIT)).isEqualTo("socklab: connecting too often (over 2 a second);"
                        + " try again in 1.5s\r\n");
                client.close();
                break;
            }
            assertServed(client);
            Await.until(() -> server.openConnections() == 0, WAIT, "the served connection ends");
            assertThat(++served).as("connections served before the first refusal").isLessThan(10);
        }
        assertThat(served).isGreaterThanOrEqualTo(2);
        long coolOffStart = connectedAt;
        assertServed(open(SECOND, bound)); // another source is not cooled off

        // The bucket alone would give a token back after 0.5 s; the cool-off keeps refusing until 1.5 s.
        long[] servedAt = {0};
        int[] refusedAfterRefill = {0};
        Await.until(() -> {
            try (RawClient again = open(FIRST, bound)) {
                again.send("x\n");
                String line = again.readLine(WAIT);
                long now = System.nanoTime();
                if ("X".equals(line)) {
                    servedAt[0] = now;
                    return true;
                }
                if (now - coolOffStart > Duration.ofMillis(600).toNanos()) {
                    refusedAfterRefill[0]++;
                }
                return false;
            } catch (IOException e) {
                return false; // refused: the line then the close may come as a reset after our send
            }
        }, WAIT, "the source is served again after its cool-off");
        assertThat(servedAt[0] - coolOffStart).isGreaterThanOrEqualTo(coolOff.toNanos());
        assertThat(refusedAfterRefill[0]).isPositive();
        assertThat(server.refusals().overSourceRate()).isGreaterThanOrEqualTo(2);
    }

    /**
     * The socket side of {@link SourceRateTest}, which shows in memory that 10,000 other sources do
     * not shed a cool-off: here other sources connect meanwhile, and the cooling one is refused
     * with its line each time it tries.
     */
    @Test
    void aSourceInItsCoolOffIsRefusedWhileOtherSourcesConnect() throws IOException {
        Server server = servers.start(Server.builder()
                .sourceLimits(SourceLimits.OFF.withLimitLoopback(true).withMaxRate(1).withCoolOff(Duration.ofMinutes(1)))
                .stream("shout", TestServices.shout(), TCP));
        Endpoint bound = server.bindings().getFirst().endpoint();
        // Connect until one is refused: a busy machine may take long enough for a token to come back.
        int served = 0;
        while (server.refusals().overSourceRate() == 0) {
            assertThat(served++).as("connections served before one is refused").isLessThan(10);
            RawClient client = open(FIRST, bound);
            Await.until(() -> server.refusals().overSourceRate() > 0 || server.openConnections() > 0, WAIT,
                    "the connection served or refused");
            if (server.refusals().overSourceRate() == 0) {
                assertServed(client);
                Await.until(() -> server.openConnections() == 0, WAIT, "the served connection ends");
            }
        }
        for (int i = 0; i < 50; i++) {
            InetAddress other = InetAddress.getByAddress(new byte[] {127, 0, 1, (byte) (i + 1)});
            assertServed(open(other, bound));
            try (RawClient cooling = open(FIRST, bound)) {
                assertThat(cooling.readAll(WAIT)).as("after %d other sources", i + 1)
                        .isEqualTo("socklab: connecting too often (over 1 a second); try again in 1m\r\n");
            }
        }
    }

    @Test
    void aServicesOwnConnectionLimitLeavesTheOthersAlone() throws IOException {
        Server server = servers.start(Server.builder()
                .stream("small", TestServices.shout(), TCP, ServiceLimits.NONE.withMaxConnections(1))
                .stream("large", TestServices.shout(), TCP));
        Endpoint small = server.bindings().get(0).endpoint();
        Endpoint large = server.bindings().get(1).endpoint();
        assertHeld(open(FIRST, small));
        assertThat(open(SECOND, small).readAll(WAIT))
                .isEqualTo("socklab: too many connections to small (1); try again later\r\n");
        assertHeld(open(FIRST, large));
        assertHeld(open(SECOND, large));
        assertThat(server.refusals().overServiceLimit()).isEqualTo(1);
    }

    @Test
    void aServicesOwnPerSourceLimitReplacesTheServers() throws IOException {
        Server server = servers.start(Server.builder()
                .stream("strict", TestServices.shout(), TCP, ServiceLimits.NONE.withSourceLimits(
                        SourceLimits.OFF.withLimitLoopback(true).withMaxConnections(1)))
                .stream("lax", TestServices.shout(), TCP)
                .sourceLimits(SourceLimits.OFF.withLimitLoopback(true).withMaxConnections(2)));
        Endpoint strict = server.bindings().get(0).endpoint();
        Endpoint lax = server.bindings().get(1).endpoint();
        assertHeld(open(FIRST, strict));
        assertThat(open(FIRST, strict).readAll(WAIT)).startsWith("socklab: too many connections from your address (1)");
        assertHeld(open(FIRST, lax));
        assertHeld(open(FIRST, lax));
        assertThat(open(FIRST, lax).readAll(WAIT)).startsWith("socklab: too many connections from your address (2)");
    }

    private RawClient open(InetAddress source, Endpoint bound) throws IOException {
        RawClient client = RawClient.connectFrom(source, bound);
        clients.add(client);
        return client;
    }

    private static void assertServed(RawClient client) throws IOException {
        TestServices.assertShouts(client);
        client.close();
    }

    /** Served, and left open: it keeps counting against the limits. */
    private static void assertHeld(RawClient client) throws IOException {
        TestServices.assertShouts(client);
    }
}
