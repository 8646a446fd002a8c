package dev.socklab.client.arena;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.socklab.arena.EntityDelta;
import dev.socklab.arena.EntityState;
import dev.socklab.arena.Packet;
import dev.socklab.arena.View;

/** Where a client draws the other players, with interpolation on and off, on a clock the test moves. */
class InterpolationTest {
    private static final long MS = 1_000_000L;
    private static final int SESSION = 7;
    private static final Packet.Welcome WELCOME = new Packet.Welcome(SESSION, 1, 30, 20, 2048, 1024);
    private static final EntityState SELF = new EntityState(1, 500, 500, 0, false, 100, 0, "me");

    private final ClientWorld world = new ClientWorld(WELCOME, Switches.ALL_ON);
    private View last = View.EMPTY;
    private long seq;

    @Test
    void othersAreDrawnAHundredMillisecondsBackBetweenTheTwoSnapshotsAroundThatTime() {
        receive(0, 0, bob(100, 200));
        receive(50, 3, bob(112, 200));
        receive(100, 6, bob(124, 196));

        // 175 ms: drawn as at 75 ms, half way from the snapshot at 50 ms to the one at 100 ms.
        assertThat(others(175)).containsExactly(bob(118, 198));
        assertThat(others(150)).as("exactly at a snapshot").containsExactly(bob(112, 200));
        assertThat(others(90)).as("not that far back yet: the oldest there is").containsExactly(bob(100, 200));
        assertThat(others(400)).as("past the newest: stays, never guesses ahead").containsExactly(bob(124, 196));
    }

    @Test
    void withInterpolationOffOthersAreWhereTheNewestSnapshotHasThem() {
        world.switches(Switches.ALL_ON.flipInterpolation());
        receive(0, 0, bob(100, 200));
        receive(50, 3, bob(112, 200));

        assertThat(others(60)).containsExactly(bob(112, 200));
    }

    @Test
    void aPlayerPutElsewhereBetweenTwoSnapshotsIsNotSlidAcrossTheArena() {
        receive(0, 0, bob(100, 200));
        receive(50, 3, bob(1800, 900)); // hit and back at a random spot

        assertThat(others(125)).containsExactly(bob(100, 200));
        assertThat(others(150)).containsExactly(bob(1800, 900));
    }

    @Test
    void theOwnPlayerIsNeverAmongTheOthers() {
        receive(0, 0, bob(100, 200));

        assertThat(world.frame(0).self()).contains(SELF);
        assertThat(others(0)).extracting(EntityState::id).containsExactly(2);
    }

    private static EntityState bob(int x, int y) {
        return new EntityState(2, x, y, 0, false, 100, 0, "bob");
    }

    private List<EntityState> others(long millis) {
        return world.frame(millis * MS).others();
    }

    /** A snapshot of the own player and {@code other} at server tick {@code tick}, arriving at {@code millis}. */
    private void receive(long millis, long tick, EntityState other) {
        View view = new View(List.of(SELF, other));
        List<EntityDelta> deltas = view.deltaFrom(last);
        Packet.Snapshot snapshot = new Packet.Snapshot(SESSION, ++seq, seq - 1, tick, 0, 0, 0, 2, deltas);
        assertThat(world.snapshot((Packet.Snapshot) SimulatedServer.wire(snapshot), millis * MS)).isTrue();
        last = view;
    }
}
