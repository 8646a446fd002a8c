package dev.socklab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.socklab.netem.NetworkConditions;
import dev.socklab.runtime.Endpoint;
import dev.socklab.services.arena.Arena;
import dev.socklab.services.arena.ArenaService;
import dev.socklab.services.arena.ArenaSettings;
import dev.socklab.testing.ServerUnderTest;

/** bench arena's bots against socklab's own arena server on loopback, for a second or two. */
@Tag("no-engine")
@Timeout(30)
class ArenaRunTest {
    private static final Duration WARMUP = Duration.ofMillis(500);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void botsJoinPlayAndMeasureEveryFigureOnAQuietLoopbackAndTheServersCpu() throws Exception {
        Arena arena = new Arena(ArenaSettings.DEFAULTS);
        InetSocketAddress target = serve(arena);

        // The server runs in this JVM: its CPU is this process's.
        ArenaResult r = ArenaRun.run(new ArenaPlan(target, 4, Duration.ofSeconds(2), WARMUP, TIMEOUT, 1, 1,
                NetworkConditions.NONE, OptionalLong.of(ProcessHandle.current().pid())));

        assertThat(r.joined()).isEqualTo(4);
        assertThat(r.joinFailures()).isEmpty();
        assertThat(r.undecodable()).isZero();
        assertThat(r.warnings()).as("the bots send no faster than the tick").isZero();
        assertThat(r.dropped()).isZero();
        assertThat(r.flawed()).isFalse();
        assertThat(r.tickRate()).isEqualTo(30);
        assertThat(r.snapshotRate()).isEqualTo(20);
        assertThat(r.players()).isEqualTo(4);
        assertThat(r.seconds()).isCloseTo(2.0, Offset.offset(0.01));
        assertThat(r.snapshotsPerBotPerSecond()).as("at about the snapshot rate").isBetween(16.0, 21.0);
        assertThat(r.snapshotLoss()).as("a quiet loopback loses next to nothing").isLessThan(0.02);
        assertThat(r.tickTime().measured()).isTrue();
        assertThat(r.tickTime().p50()).isPositive().isLessThanOrEqualTo(r.tickTime().p99());
        assertThat(r.tickTime().p99()).isLessThanOrEqualTo(r.tickTime().max());
        // Its size is the machine's load as much as the server's: a busy 2-core machine stalls the tick thread.
        assertThat(r.tickP99Share()).isCloseTo(r.tickTime().p99() * 30 / 1e6, Offset.offset(1e-9));
        assertThat(r.roundTrip().measured()).isTrue();
        assertThat(r.roundTrip().p50()).isPositive().isLessThan(100_000);
        // A snapshot of 4 players is about 40 to 80 bytes; an INPUT 22 to 29 bytes, 30 a second.
        assertThat(r.bytesInPerPlayerPerSecond()).isBetween(20 * 30.0, 20 * 200.0);
        assertThat(r.bytesOutPerPlayerPerSecond()).isBetween(25 * 22.0, 31 * 29.0);
        assertThat(r.loadCpu()).isBetween(0.0, 1.0);
        assertThat(r.serverCpu()).isPresent();
        assertThat(r.serverCpu().getAsDouble()).isPositive();
        awaitPlayers(arena, 0); // every bot said LEAVE
    }

    @Test
    void botsWhoseServerIsNotThereFailToJoinAsUnreachable() throws Exception {
        InetSocketAddress nobody;
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            nobody = (InetSocketAddress) probe.getLocalAddress();
        }

        ArenaResult r = ArenaRun.run(new ArenaPlan(nobody, 3, Duration.ofMillis(300), Duration.ZERO, TIMEOUT, 1, 1,
                NetworkConditions.NONE, OptionalLong.empty()));

        assertThat(r.failed()).isTrue();
        assertThat(r.joinFailures()).isEqualTo(Map.of(JoinFailure.UNREACHABLE, 3L));
        assertThat(r.tickTime().measured()).isFalse();
    }

    @Test
    void anArenaWithRoomForFewerRefusesTheRestAsFull() throws Exception {
        ArenaSettings two = new ArenaSettings(30, 20, 2, Duration.ofSeconds(10), NetworkConditions.NONE);
        Arena arena = new Arena(two);

        ArenaResult r = ArenaRun.run(new ArenaPlan(serve(arena), 3, Duration.ofMillis(500), Duration.ofMillis(200),
                TIMEOUT, 1, 1, NetworkConditions.NONE, OptionalLong.empty()));

        assertThat(r.joined()).isEqualTo(2);
        assertThat(r.joinFailures()).isEqualTo(Map.of(JoinFailure.FULL, 1L));
        assertThat(r.flawed()).isTrue();
        awaitPlayers(arena, 0);
    }

    @Test
    void lagOnTheBotsSendsShowsInTheRoundTrip() throws Exception {
        Arena arena = new Arena(ArenaSettings.DEFAULTS);
        NetworkConditions lag = new NetworkConditions(Duration.ofMillis(40), Duration.ZERO, 0, 0, 0);

        ArenaResult r = ArenaRun.run(new ArenaPlan(serve(arena), 2, Duration.ofSeconds(1), WARMUP, TIMEOUT, 1, 1, lag,
                OptionalLong.empty()));

        assertThat(r.joined()).isEqualTo(2);
        assertThat(r.conditions()).isEqualTo(lag);
        assertThat(r.roundTrip().p50()).isGreaterThanOrEqualTo(40_000);
        awaitPlayers(arena, 0); // the LEAVEs skip the lag
    }

    private InetSocketAddress serve(Arena arena) {
        return (InetSocketAddress) servers.datagram("arena", new ArenaService(arena),
                Endpoint.udp(new InetSocketAddress("127.0.0.1", 0))).address();
    }

    private static void awaitPlayers(Arena arena, int players) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (arena.counters().players() != players && System.nanoTime() - deadline < 0) {
            Thread.sleep(10);
        }
        assertThat(arena.counters().players()).isEqualTo(players);
    }
}
