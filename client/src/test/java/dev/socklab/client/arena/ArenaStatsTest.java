package dev.socklab.client.arena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.socklab.arena.EntityState;
import dev.socklab.arena.Packet;
import dev.socklab.arena.View;

/** The status line's figures, from the snapshots a client uses and the inputs they acknowledge. */
class ArenaStatsTest {
    private static final long MS = 1_000_000L;
    private static final int SESSION = 9;
    private static final Packet.Welcome WELCOME = new Packet.Welcome(SESSION, 1, 30, 20, 2048, 1024);
    private static final View VIEW = new View(List.of(new EntityState(1, 10, 10, 0, false, 100, 0, "me")));

    private final ClientWorld world = new ClientWorld(WELCOME, Switches.ALL_ON);

    @Test
    void lossCountsTheGapsInTheSnapshotNumbers() {
        for (long seq : new long[] {1, 2, 4, 5, 8}) {
            world.snapshot(full(seq, 0, 0), seq * 50 * MS);
        }
        // 3, 6 and 7 never came: 3 of 8.
        assertThat(world.frame(400 * MS).stats().loss()).isCloseTo(3.0 / 8, within(1e-9));
    }

    @Test
    void aSnapshotOvertakenOnTheWayCountsAsLost() {
        world.snapshot(full(1, 0, 0), 0);
        world.snapshot(full(3, 0, 0), 50 * MS);
        assertThat(world.snapshot(full(2, 0, 0), 60 * MS)).isFalse();

        assertThat(world.frame(100 * MS).stats().loss()).isCloseTo(1.0 / 3, within(1e-9));
    }

    @Test
    void lossAndRateCoverOnlyTheLastSeconds() {
        world.snapshot(full(1, 0, 0), 0);
        world.snapshot(full(5, 0, 0), 50 * MS);
        for (long seq = 6; seq <= 100; seq++) {
            world.snapshot(full(seq, 0, 0), seq * 50 * MS);
        }
        ArenaStats stats = world.frame(100 * 50 * MS).stats();
        assertThat(stats.loss()).as("the gap is older than the window").isZero();
        assertThat(stats.snapshotsPerSecond()).isEqualTo(20);
    }

    @Test
    void theRoundTripIsFromSendingAnInputToItsAcknowledgementLessTheHold() {
        world.tick(0, 0);
        world.tick(0, 33 * MS);
        assertThat(world.frame(40 * MS).stats().roundTrip()).isEmpty();

        world.snapshot(full(1, 1, 20), 120 * MS); // input 1, sent at 0, held 20 ms: 100 ms
        world.snapshot(full(2, 2, 5), 173 * MS); // input 2, sent at 33, held 5 ms: 135 ms

        assertThat(world.frame(200 * MS).stats().roundTrip()).contains(Duration.ofMillis(117).plusNanos(500_000));
    }

    @Test
    void anInputAcknowledgedAgainMeasuresNoSecondRoundTrip() {
        world.tick(0, 0);
        world.snapshot(full(1, 1, 0), 100 * MS);
        world.snapshot(full(2, 1, 0), 900 * MS);

        assertThat(world.frame(1000 * MS).stats().roundTrip()).contains(Duration.ofMillis(100));
    }

    private static Packet.Snapshot full(long seq, long ackInput, int holdMillis) {
        return new Packet.Snapshot(SESSION, seq, 0, seq, ackInput, holdMillis, 0, 1, VIEW.deltaFrom(View.EMPTY));
    }
}
