package dev.socklab.services.arena;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.socklab.arena.Packet;
import dev.socklab.arena.PacketCodec;

/** A player whose whole neighbourhood changes between snapshots, on a fake clock. */
class ArenaCrowdTest {
    private static final Logger LOG = LoggerFactory.getLogger("socklab.service.arena");
    private static final long TICK = TimeUnit.SECONDS.toNanos(1) / 30;

    private final AtomicLong now = new AtomicLong(TimeUnit.DAYS.toNanos(3));
    private final Arena arena = new Arena(ArenaSettings.DEFAULTS, now::get, new SplittableRandom(7));

    @Test
    void whenEveryoneAroundAPlayerChangedItsSnapshotIsFullRatherThanPastThirtyTwoEntries() {
        TestLink alice = new TestLink(40000);
        Packet.Welcome welcome = welcome(alice, "alice");
        List<Player> crowd = join(40001, 40);
        Packet.Snapshot first = nextSnapshot(alice);
        assertThat(first.entities()).hasSize(PacketCodec.MAX_VIEW);
        receive(alice, new Packet.Input(welcome.session(), 1, first.seq(), 1, new byte[] {0}));

        // 31 players gone from the view and 31 others in it: 62 entries against the acknowledged view.
        crowd.forEach(p -> receive(p.link, new Packet.Leave(p.welcome.session(), PacketCodec.LEAVE_QUIT)));
        join(41001, 40);
        Packet.Snapshot second = nextSnapshot(alice);

        assertThat(second.baseline()).isZero();
        assertThat(second.entities()).hasSize(PacketCodec.MAX_VIEW);
        assertThat(second.players()).isEqualTo(41);
    }

    /** A player of the test: its link and its WELCOME. */
    private record Player(TestLink link, Packet.Welcome welcome) {
    }

    private List<Player> join(int firstPort, int count) {
        List<Player> players = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TestLink link = new TestLink(firstPort + i);
            players.add(new Player(link, welcome(link, "p" + (firstPort + i))));
        }
        return players;
    }

    private Packet.Welcome welcome(TestLink link, String name) {
        receive(link, new Packet.Connect(link.address().hashCode()));
        Packet.Challenge challenge = (Packet.Challenge) link.lastReply();
        receive(link, new Packet.Join(challenge.nonce(), challenge.timestamp(), challenge.cookie(), name));
        return (Packet.Welcome) link.lastReply();
    }

    /** Ticks until {@code link} has been sent a snapshot more, and returns it. */
    private Packet.Snapshot nextSnapshot(TestLink link) {
        int before = link.sent().size();
        for (int ticks = 0; ticks < 3 && link.sent().size() == before; ticks++) {
            now.addAndGet(TICK);
            arena.tick();
        }
        return (Packet.Snapshot) link.sentPackets().getLast();
    }

    private void receive(TestLink link, Packet packet) {
        arena.receive(PacketCodec.encode(packet), link, LOG);
    }
}
