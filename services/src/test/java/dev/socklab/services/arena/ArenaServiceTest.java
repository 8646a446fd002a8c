package dev.socklab.services.arena;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.socklab.arena.Buttons;
import dev.socklab.arena.Packet;
import dev.socklab.arena.PacketCodec;
import dev.socklab.arena.View;
import dev.socklab.runtime.Amplification;
import dev.socklab.runtime.Endpoint;
import dev.socklab.service.DatagramService;
import dev.socklab.testing.Await;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.ServerUnderTest;

/** The arena over real UDP on loopback: the handshake, play, and the service's bounds. */
@Tag("no-engine")
@Timeout(60)
class ArenaServiceTest {
    private static final Duration SOON = Duration.ofSeconds(5);

    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    private InetSocketAddress serve(Arena arena) {
        return (InetSocketAddress) servers.datagram("arena", new ArenaService(arena),
                Endpoint.udp(new InetSocketAddress("127.0.0.1", 0))).address();
    }

    @Test
    void aPlayerJoinsMovesAndSeesItselfMoveInItsSnapshots() throws Exception {
        Arena arena = new Arena(ArenaSettings.DEFAULTS);
        try (LogCapture log = LogCapture.socklab(); UdpTestClient client = new UdpTestClient(serve(arena))) {
            Packet.Welcome welcome = (Packet.Welcome) client.join("alice", 42, SOON);
            assertThat(welcome.session()).isNotZero();
            assertThat(welcome.tickRate()).isEqualTo(30);
            assertThat(welcome.snapshotRate()).isEqualTo(20);
            assertThat(welcome.width()).isEqualTo(Arena.WIDTH);
            assertThat(welcome.height()).isEqualTo(Arena.HEIGHT);
            log.awaitContaining("arena#", "udp 127.0.0.1:" + client.address().getPort(), "joined as alice (player "
                    + welcome.player() + ", 1 player)");

            Packet.Snapshot first = client.expect(Packet.Snapshot.class, SOON);
            assertThat(first.baseline()).isZero();
            View view = View.EMPTY.apply(first.entities());
            int startX = view.find(welcome.player()).orElseThrow().x();

            Map<Long, View> views = new HashMap<>(Map.of(first.seq(), view));
            long acked = first.seq();
            long input = 0;
            long deadline = System.nanoTime() + SOON.toNanos();
            while (true) {
                input++;
                client.send(new Packet.Input(welcome.session(), input, acked, input,
                        new byte[] {(byte) (startX > Arena.WIDTH / 2 ? Buttons.LEFT : Buttons.RIGHT)}));
                Packet.Snapshot snapshot = client.expect(Packet.Snapshot.class, SOON);
                view = (snapshot.baseline() == 0 ? View.EMPTY : views.get(snapshot.baseline())).apply(snapshot.entities());
                views.put(snapshot.seq(), view);
                acked = snapshot.seq();
                if (snapshot.ackInput() >= 3) {
                    break;
                }
                assertThat(System.nanoTime()).as("inputs applied in time").isLessThan(deadline);
            }
            int x = view.find(welcome.player()).orElseThrow().x();
            assertThat(Math.abs(x - startX)).isGreaterThanOrEqualTo(3 * 4);

            client.send(new Packet.Leave(welcome.session(), PacketCodec.LEAVE_QUIT));
            log.awaitContaining("alice (player " + welcome.player() + ") left: quit");
            assertThat(arena.counters().players()).isZero();
            assertThat(arena.counters().dropped()).isZero();
        }
    }

    @Test
    void aSourceThatOnlySendsConnectsGetsOneChallengeOfHalfTheSizeForEachAndNothingElse() throws Exception {
        Arena arena = new Arena(ArenaSettings.DEFAULTS);
        try (UdpTestClient client = new UdpTestClient(serve(arena))) {
            for (int i = 0; i < 200; i++) {
                client.send(new Packet.Connect(i));
            }
            for (int i = 0; i < 200; i++) {
                assertThat(client.receiveRaw(SOON)).as("challenge %d", i).get()
                        .satisfies(reply -> assertThat(reply).hasSize(PacketCodec.CHALLENGE_SIZE));
            }
            assertThat(client.receiveRaw(Duration.ofMillis(200))).isEmpty();
            assertThat(arena.counters().joined()).isZero();
        }
    }

    @Test
    void aFloodOfBadPacketsGetsNoReplyAndTheTickKeepsItsRate() throws Exception {
        Arena arena = new Arena(ArenaSettings.DEFAULTS);
        InetSocketAddress address = serve(arena);
        try (UdpTestClient player = new UdpTestClient(address); UdpTestClient flooder = new UdpTestClient(address)) {
            Packet.Welcome welcome = (Packet.Welcome) player.join("alice", 1, SOON);
            player.expect(Packet.Snapshot.class, SOON);
            long ticksBefore = arena.counters().ticks();
            long start = System.nanoTime();
            int sent = 0;
            long inputs = 0;
            long lastInput = start;
            for (long n = 1; System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(1000); n++) {
                flooder.send(new Packet.Input(welcome.session(), n, 0, n, new byte[] {1})); // another port
                flooder.send(new Packet.Input((int) n, n, 0, n, new byte[] {1})); // no such session
                flooder.send(new Packet.Join(n, n, new byte[PacketCodec.COOKIE_SIZE], "mallory")); // forged cookie
                flooder.send(Arrays.copyOf(PacketCodec.encode(new Packet.Connect(n)).array(), 63)); // truncated
                sent += 4;
                // The player's inputs at the tick rate, as a client sends them, so that it does not time out meanwhile.
                if (System.nanoTime() - lastInput >= TimeUnit.MILLISECONDS.toNanos(34)) {
                    inputs++;
                    player.send(new Packet.Input(welcome.session(), inputs, 0, inputs, new byte[] {0}));
                    lastInput = System.nanoTime();
                }
            }
            long elapsed = System.nanoTime() - start;
            long ticks = arena.counters().ticks() - ticksBefore;

            assertThat(flooder.receiveRaw(Duration.ofMillis(200))).as("a reply to the flood").isEmpty();
            // Generous, for a loaded machine: two thirds of the ticks due.
            assertThat(ticks).as("ticks in %d ms", TimeUnit.NANOSECONDS.toMillis(elapsed))
                    .isGreaterThanOrEqualTo(elapsed * 30 / TimeUnit.SECONDS.toNanos(1) * 2 / 3);
            // Every one that reaches the arena is dropped and counted (the kernel may drop some before, when the
            // socket's buffer is full); the player's own inputs are none of them.
            assertThat(arena.counters().dropped()).isBetween(1L, (long) sent);
            assertThat(arena.counters().dropped(DropReason.TOO_FAST)).isZero();
            assertThat(arena.counters().dropped(DropReason.WRONG_ADDRESS)).isPositive();
            assertThat(arena.counters().dropped(DropReason.UNKNOWN_SESSION)).isPositive();
            assertThat(arena.counters().dropped(DropReason.BAD_COOKIE)).isPositive();
            assertThat(arena.counters().dropped(DropReason.MALFORMED)).isPositive();
            assertThat(arena.counters().players()).isEqualTo(1);
        }
    }

    @Test
    void stoppingTheServerSendsEveryPlayerLeave3() throws Exception {
        Arena arena = new Arena(ArenaSettings.DEFAULTS);
        try (UdpTestClient client = new UdpTestClient(serve(arena))) {
            Packet.Welcome welcome = (Packet.Welcome) client.join("alice", 1, SOON);
            client.expect(Packet.Snapshot.class, SOON);

            servers.server().stop(Duration.ZERO);

            assertThat(client.expect(Packet.Leave.class, SOON))
                    .isEqualTo(new Packet.Leave(welcome.session(), PacketCodec.LEAVE_STOPPING));
        }
    }

    @Test
    void theTickThreadRunsWhilePlayersPlayAndEndsWhenTheLastLeaves() throws Exception {
        Arena arena = new Arena(ArenaSettings.DEFAULTS);
        try (UdpTestClient client = new UdpTestClient(serve(arena))) {
            assertThat(tickThreads()).isZero();
            Packet.Welcome welcome = (Packet.Welcome) client.join("alice", 1, SOON);
            client.expect(Packet.Snapshot.class, SOON);
            assertThat(tickThreads()).isEqualTo(1);

            client.send(new Packet.Leave(welcome.session(), PacketCodec.LEAVE_QUIT));

            Await.until(() -> tickThreads() == 0, SOON, "the tick thread to end");
            Packet.Welcome again = (Packet.Welcome) client.join("alice", 2, SOON);
            assertThat(client.expect(Packet.Snapshot.class, SOON).session()).isEqualTo(again.session());
        }
    }

    private static long tickThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("arena tick")).count();
    }

    @Test
    void everyReplyIsAtMostHalfItsRequest() {
        ArenaService service = new ArenaService(new Arena(ArenaSettings.DEFAULTS));

        assertThat(service.maxReplyBytes(PacketCodec.CONNECT_SIZE)).isEqualTo(PacketCodec.CHALLENGE_SIZE);
        assertThat(service.maxReplyBytes(ArenaService.MIN_JOIN)).isEqualTo(ArenaService.JOIN_ANSWER);
        List<Integer> over = new ArrayList<>();
        for (int size = 0; size <= DatagramService.MAX_PAYLOAD; size++) {
            if (service.maxReplyBytes(size) > size / 2) {
                over.add(size);
            }
        }
        assertThat(over).as("requests whose reply may be over half their size").isEmpty();
        assertThat(Amplification.worstCase(service).orElseThrow()).isLessThan(1);
        assertThat(service.logsEachDatagram()).isFalse();
    }
}
