package dev.socklab.services.arena;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.socklab.arena.Buttons;
import dev.socklab.arena.EntityDelta;
import dev.socklab.arena.Packet;
import dev.socklab.arena.PacketCodec;
import dev.socklab.arena.View;
import dev.socklab.runtime.Endpoint;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.ServerUnderTest;

/** The arena over real UDP on loopback: the handshake, play, and the service's bounds. */
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
                    + welcome.player() + ", 1 players)");

            Packet.Snapshot first = client.expect(Packet.Snapshot.class, SOON);
            assertThat(first.baseline()).isZero();
            View view = View.EMPTY.apply(first.entities());
            int startX = view.find(welcome.player()).orElseThrow().x();

            long acked = first.seq();
            View baseline = view;
            long input = 0;
            long deadline = System.nanoTime() + SOON.toNanos();
            while (true) {
                input++;
                client.send(new Packet.Input(welcome.session(), input, acked, input,
                        new byte[] {(byte) (startX > Arena.WIDTH / 2 ? Buttons.LEFT : Buttons.RIGHT)}));
                Packet.Snapshot snapshot = client.expect(Packet.Snapshot.class, SOON);
                if (snapshot.baseline() == acked) {
                    baseline = baseline.apply(snapshot.entities());
                } else {
                    assertThat(snapshot.baseline()).isZero();
                    baseline = View.EMPTY.apply(snapshot.entities());
                }
                acked = snapshot.seq();
                if (snapshot.ackInput() >= 3) {
                    break;
                }
                assertThat(System.nanoTime()).as("inputs applied in time").isLessThan(deadline);
            }
            int x = baseline.find(welcome.player()).orElseThrow().x();
            assertThat(Math.abs(x - startX)).isGreaterThanOrEqualTo(3 * 4);

            client.send(new Packet.Leave(welcome.session(), PacketCodec.LEAVE_QUIT));
            log.awaitContaining("alice (player " + welcome.player() + ") left: quit");
            assertThat(arena.counters().players()).isZero();
            assertThat(arena.counters().dropped()).isZero();
        }
    }

    @Test
    void everyReplyIsSmallerThanItsRequest() {
        ArenaService service = new ArenaService(new Arena(ArenaSettings.DEFAULTS));

        assertThat(service.maxReplyBytes(PacketCodec.CONNECT_SIZE)).isEqualTo(PacketCodec.CHALLENGE_SIZE);
        for (int size = 0; size <= PacketCodec.MAX_PACKET; size++) {
            assertThat(service.maxReplyBytes(size)).as("reply to %d bytes", size).isLessThanOrEqualTo(size);
        }
        assertThat(service.logsEachDatagram()).isFalse();
        assertThat(EntityDelta.FULL).isEqualTo(63);
    }
}
