package dev.socklab.client.arena;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.socklab.arena.Buttons;
import dev.socklab.arena.EntityState;
import dev.socklab.arena.Packet;
import dev.socklab.arena.Physics;

/**
 * The client's logic tick by tick against a {@link SimulatedServer}, on a clock the test moves:
 * prediction, reconciliation and the packets the client sends.
 */
class ClientWorldTest {
    private static final long TICK = Duration.ofSeconds(1).toNanos() / 30;
    private static final int[] KEYS = {0, Buttons.UP, Buttons.DOWN, Buttons.LEFT, Buttons.RIGHT,
            Buttons.UP | Buttons.RIGHT, Buttons.DOWN | Buttons.LEFT, Buttons.FIRE, Buttons.RIGHT | Buttons.FIRE};

    private final SimulatedServer server = new SimulatedServer("alice");
    private final SplittableRandom random = new SplittableRandom(42);
    private long now = 1_000_000_000L;

    @Test
    void withNoLossPredictionLandsExactlyWhereTheServerPutsThePlayerAndNothingIsCorrected() {
        ClientWorld world = new ClientWorld(server.welcome(), Switches.ALL_ON);
        EntityState start = server.self();
        for (int tick = 1; tick <= 300; tick++) {
            server.receive(world.tick(KEYS[random.nextInt(KEYS.length)], now));
            server.tick();
            if (tick % 3 != 0) { // 20 snapshots a second at 30 ticks
                assertThat(world.snapshot(server.snapshot(0), now)).as("snapshot at tick %d used", tick).isTrue();
            }
            Optional<EntityState> self = world.frame(now).self();
            if (tick > 1) {
                assertThat(self).as("own player at tick %d", tick).isPresent();
                assertThat(position(self.get())).as("predicted at tick %d", tick).isEqualTo(position(server.self()));
            }
            now += TICK;
        }
        assertThat(position(server.self())).as("the player moved").isNotEqualTo(position(start));
        assertThat(world.frame(now).stats().corrections()).isZero();
    }

    @Test
    void reconciliationAppliesTheUnacknowledgedInputsAgainSoALaggingServerCorrectsNothing() {
        ClientWorld world = new ClientWorld(server.welcome(), Switches.ALL_ON);
        Lagged lagged = new Lagged(world, 4);
        for (int tick = 1; tick <= 200; tick++) {
            lagged.tick(KEYS[random.nextInt(KEYS.length)], tick);
        }
        for (int tick = 201; tick <= 215; tick++) {
            lagged.tick(0, tick); // keys released: the server catches up with the prediction
        }
        assertThat(lagged.unacknowledgedAtSnapshots).as("snapshots with inputs the server had not applied").isPositive();
        assertThat(world.frame(now).stats().corrections()).isZero();
        assertThat(position(world.frame(now).self().orElseThrow())).isEqualTo(position(server.self()));
    }

    @Test
    void withReconciliationOffAKeyPressedIsUndoneByTheNextSnapshotThatDoesNotHaveItYet() {
        ClientWorld world = new ClientWorld(server.welcome(), new Switches(true, false, true));
        Lagged lagged = new Lagged(world, 4);
        for (int tick = 1; tick <= 20; tick++) {
            lagged.tick(0, tick);
        }
        int standing = world.frame(now).self().orElseThrow().x();
        int away = standing < SimulatedServer.WIDTH / 2 ? Buttons.RIGHT : Buttons.LEFT;
        world.tick(away, now); // on its way to the server
        int predicted = world.frame(now).self().orElseThrow().x();
        world.snapshot(lagged.snapshots.removeFirst().snapshot(), now);

        assertThat(predicted).as("predicted at once").isEqualTo(standing + (away == Buttons.RIGHT ? 4 : -4));
        assertThat(world.frame(now).self().orElseThrow().x()).as("back where the server still has it")
                .isEqualTo(standing);
        assertThat(world.frame(now).stats().corrections()).as("not counted: nothing was reconciled").isZero();
    }

    @Test
    void withReconciliationOnTheSnapshotThatDoesNotHaveTheKeyYetLeavesThePredictionAsItIs() {
        ClientWorld world = new ClientWorld(server.welcome(), Switches.ALL_ON);
        Lagged lagged = new Lagged(world, 4);
        for (int tick = 1; tick <= 20; tick++) {
            lagged.tick(0, tick);
        }
        int standing = world.frame(now).self().orElseThrow().x();
        int away = standing < SimulatedServer.WIDTH / 2 ? Buttons.RIGHT : Buttons.LEFT;
        world.tick(away, now);
        int predicted = world.frame(now).self().orElseThrow().x();
        world.snapshot(lagged.snapshots.removeFirst().snapshot(), now);

        assertThat(predicted).isNotEqualTo(standing);
        assertThat(world.frame(now).self().orElseThrow().x()).isEqualTo(predicted);
        assertThat(world.frame(now).stats().corrections()).isZero();
    }

    @Test
    void movingUnderLagTheOwnPlayerStepsBackwardsOnlyWithReconciliationOff() {
        assertThat(backwardSteps(Switches.ALL_ON)).isZero();
        assertThat(backwardSteps(new Switches(true, false, true))).isPositive();
    }

    /** How often the own player moved against the key held, over 60 ticks with 4 ticks of lag each way. */
    private int backwardSteps(Switches switches) {
        SimulatedServer fresh = new SimulatedServer("alice");
        ClientWorld world = new ClientWorld(fresh.welcome(), switches);
        int away = fresh.self().x() < SimulatedServer.WIDTH / 2 ? Buttons.RIGHT : Buttons.LEFT;
        int sign = away == Buttons.RIGHT ? 1 : -1;
        ArrayDeque<Packet.Input> inputs = new ArrayDeque<>();
        ArrayDeque<Packet.Snapshot> snapshots = new ArrayDeque<>();
        int last = fresh.self().x();
        int backwards = 0;
        for (int tick = 1; tick <= 60; tick++) {
            inputs.addLast(world.tick(away, now));
            if (inputs.size() > 4) {
                fresh.receive(inputs.removeFirst());
            }
            fresh.tick();
            if (tick % 3 != 0) {
                snapshots.addLast(fresh.snapshot(0));
            }
            while (snapshots.size() > 4) {
                world.snapshot(snapshots.removeFirst(), now);
            }
            int x = world.frame(now).self().map(EntityState::x).orElse(last);
            if (Integer.signum(x - last) == -sign) {
                backwards++;
            }
            last = x;
            now += TICK;
        }
        return backwards;
    }

    @Test
    void withPredictionOffTheOwnPlayerStaysWhereTheNewestSnapshotShowsIt() {
        ClientWorld world = new ClientWorld(server.welcome(), new Switches(false, true, true));
        Lagged lagged = new Lagged(world, 4);
        int away = server.self().y() < SimulatedServer.HEIGHT / 2 ? Buttons.DOWN : Buttons.UP;
        for (int tick = 1; tick <= 30; tick++) {
            lagged.tick(away, tick);
        }
        EntityState shown = world.frame(now).self().orElseThrow();
        assertThat(position(shown)).isEqualTo(position(lagged.lastDelivered.serverSelf()))
                .isNotEqualTo(position(server.self()));

        world.tick(away, now);
        assertThat(world.frame(now).self()).as("a key moves nothing until the server has").contains(shown);
    }

    @Test
    void anInputRepeatsTheNewestEightUnacknowledgedInputsAndNamesTheNewestSnapshot() {
        ClientWorld world = new ClientWorld(server.welcome(), Switches.ALL_ON);
        Packet.Input input = null;
        for (int tick = 1; tick <= 11; tick++) {
            input = world.tick(tick % 2 == 0 ? Buttons.UP : Buttons.DOWN, now);
        }
        assertThat(input.session()).isEqualTo(SimulatedServer.SESSION);
        assertThat(input.packetSeq()).isEqualTo(11);
        assertThat(input.ackSnapshot()).isZero();
        assertThat(input.firstInput()).isEqualTo(4);
        assertThat(input.lastInput()).isEqualTo(11);
        assertThat(input.buttons()).hasSize(8).startsWith((byte) Buttons.UP, (byte) Buttons.DOWN)
                .endsWith((byte) Buttons.DOWN);

        server.receive(input);
        server.tick();
        world.snapshot(server.snapshot(0), now);
        Packet.Input next = world.tick(Buttons.FIRE, now);
        assertThat(next.ackSnapshot()).isEqualTo(1);
        assertThat(next.firstInput()).as("all up to 11 acknowledged").isEqualTo(12);
        assertThat(next.buttons()).containsExactly((byte) Buttons.FIRE);
    }

    @Test
    void aSnapshotOfAnotherSessionOrNotNewerOrWithoutItsBaselineIsDropped() {
        ClientWorld world = new ClientWorld(server.welcome(), Switches.ALL_ON);
        server.receive(world.tick(0, now));
        server.tick();
        Packet.Snapshot first = server.snapshot(0);
        Packet.Snapshot foreign = new Packet.Snapshot(first.session() + 1, first.seq(), 0, first.tick(), 0, 0, 0, 1,
                first.entities());
        assertThat(world.snapshot(foreign, now)).as("another session's").isFalse();
        assertThat(world.snapshot(first, now)).isTrue();
        assertThat(world.snapshot(first, now)).as("a duplicate").isFalse();

        Packet.Snapshot noBaseline = new Packet.Snapshot(first.session(), 5, 4, first.tick(), 0, 0, 0, 1, List.of());
        assertThat(world.snapshot(noBaseline, now)).as("a baseline never received").isFalse();
        Packet.Snapshot overtaken = new Packet.Snapshot(first.session(), 3, 0, first.tick(), 0, 0, 0, 1,
                first.entities());
        assertThat(world.snapshot(overtaken, now)).isTrue();
        Packet.Snapshot late = new Packet.Snapshot(first.session(), 2, 0, first.tick(), 0, 0, 0, 1, first.entities());
        assertThat(world.snapshot(late, now)).as("older than the newest used").isFalse();
    }

    @Test
    void theServersNewestWarningIsShownUntilTheNext() {
        ClientWorld world = new ClientWorld(server.welcome(), Switches.ALL_ON);
        assertThat(world.frame(now).warning()).isEmpty();

        world.warning("inputs too fast");
        world.warning("impossible input");

        assertThat(world.frame(now).warning()).contains("impossible input");
    }

    private static List<Integer> position(EntityState state) {
        return List.of(state.x(), state.y());
    }

    /**
     * The client and the {@link SimulatedServer} with {@code lag} ticks of lag each way: INPUTs reach
     * the server that many ticks later, snapshots the client likewise.
     */
    private final class Lagged {
        /** A snapshot on its way, and where the server had the player when it was made. */
        record Sent(Packet.Snapshot snapshot, EntityState serverSelf) {
        }

        private final ClientWorld world;
        private final int lag;
        private final ArrayDeque<Packet.Input> inputs = new ArrayDeque<>();
        final ArrayDeque<Sent> snapshots = new ArrayDeque<>();
        int unacknowledgedAtSnapshots;
        Sent lastDelivered;

        Lagged(ClientWorld world, int lag) {
            this.world = world;
            this.lag = lag;
        }

        void tick(int buttons, int tick) {
            Packet.Input input = world.tick(buttons, now);
            inputs.addLast(input);
            if (inputs.size() > lag) {
                server.receive(inputs.removeFirst());
            }
            server.tick();
            if (tick % 3 != 0) {
                snapshots.addLast(new Sent(server.snapshot(0), server.self()));
            }
            while (snapshots.size() > lag) {
                Sent sent = snapshots.removeFirst();
                if (sent.snapshot().ackInput() < input.lastInput()) {
                    unacknowledgedAtSnapshots++;
                }
                world.snapshot(sent.snapshot(), now);
                lastDelivered = sent;
            }
            now += TICK;
        }
    }
}
