package dev.socklab.arena;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class SimulationTest {
    @Test
    void theSameSeedAndInputsGiveTheSameStatesTickForTick() {
        assertThat(play(7)).isEqualTo(play(7)).isNotEqualTo(play(8));
    }

    /** Four players pressing inputs drawn from their own seeded source for 300 ticks; every state of every tick. */
    private static List<List<EntityState>> play(long seed) {
        Simulation arena = new Simulation(512, 256, new SplittableRandom(seed));
        for (int i = 0; i < 4; i++) {
            arena.join("p" + i);
        }
        SplittableRandom keys = new SplittableRandom(99);
        List<List<EntityState>> states = new ArrayList<>();
        for (int t = 0; t < 300; t++) {
            for (EntityState player : arena.players()) {
                arena.input(player.id(), keys.nextInt(Buttons.VALID + 1));
            }
            arena.advance();
            states.add(arena.players());
        }
        return states;
    }

    @Test
    void movesStayInsideTheArenaAndFaceTheWayTheyWent() {
        EntityState corner = new EntityState(1, 2, 2, 0, false, 100, 0, "a");

        EntityState moved = Physics.move(corner, Buttons.UP | Buttons.LEFT, 100, 100);

        assertThat(moved.x()).isZero();
        assertThat(moved.y()).isZero();
        assertThat(moved.facing()).isEqualTo(3);
        assertThat(Physics.move(moved, Buttons.UP | Buttons.DOWN, 100, 100)).isEqualTo(moved);
    }

    @Test
    void threeHitsRespawnTheTargetAndScoreTheShooter() {
        Simulation arena = new Simulation(4096, 4096, new SplittableRandom(1));
        EntityState shooter = arena.join("shooter");
        EntityState target = arena.join("target");
        // Walk the target to the shooter's east, within range.
        int dy = Integer.signum(shooter.y() - target.y());
        while (arena.player(target.id()).orElseThrow().y() / Physics.SPEED != shooter.y() / Physics.SPEED) {
            arena.input(target.id(), dy > 0 ? Buttons.DOWN : Buttons.UP);
        }
        int aimX = shooter.x() + 100;
        while (Math.abs(arena.player(target.id()).orElseThrow().x() - aimX) >= Physics.SPEED) {
            arena.input(target.id(), arena.player(target.id()).orElseThrow().x() < aimX ? Buttons.RIGHT : Buttons.LEFT);
        }
        arena.input(shooter.id(), Buttons.RIGHT);
        for (int shot = 0; shot < 3; shot++) {
            arena.input(shooter.id(), Buttons.FIRE);
            assertThat(arena.player(shooter.id()).orElseThrow().fired()).isTrue();
            for (int t = 0; t < Physics.COOLDOWN_TICKS; t++) {
                arena.advance();
            }
        }

        assertThat(arena.player(shooter.id()).orElseThrow().score()).isEqualTo(1);
        assertThat(arena.player(target.id()).orElseThrow().health()).isEqualTo(Physics.MAX_HEALTH);
        assertThat(arena.player(shooter.id()).orElseThrow().fired()).isFalse();
    }
}
