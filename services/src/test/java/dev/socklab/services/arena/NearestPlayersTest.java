package dev.socklab.services.arena;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.socklab.arena.EntityState;
import dev.socklab.arena.PacketCodec;
import dev.socklab.arena.View;

/** A player's view is itself and its 31 nearest, by id, the lower id first at equal distance. */
class NearestPlayersTest {
    private static EntityState at(int id, int x, int y) {
        return new EntityState(id, x, y, 0, false, 100, 0, "p" + id);
    }

    @Test
    void aSmallArenaIsSeenWhole() {
        List<EntityState> players = List.of(at(1, 0, 0), at(2, 500, 500), at(7, 2000, 1000));

        assertThat(new NearestPlayers().of(players, 1).entities()).isEqualTo(players);
    }

    @Test
    void aCrowdIsSeenAsTheThirtyOneNearestAndItself() {
        SplittableRandom random = new SplittableRandom(3);
        List<EntityState> players = new ArrayList<>();
        for (int id = 1; id <= 500; id++) {
            players.add(at(id, random.nextInt(2048), random.nextInt(1024)));
        }
        NearestPlayers nearest = new NearestPlayers();
        for (int self : new int[] {0, 17, 499}) {
            EntityState me = players.get(self);
            Comparator<EntityState> byDistance = Comparator.<EntityState>comparingLong(p -> {
                long dx = p.x() - me.x();
                long dy = p.y() - me.y();
                return dx * dx + dy * dy;
            }).thenComparingInt(EntityState::id);
            List<EntityState> expected = new ArrayList<>(players.stream().filter(p -> p != me).sorted(byDistance)
                    .limit(PacketCodec.MAX_VIEW - 1).toList());
            expected.add(me);
            expected.sort(Comparator.comparingInt(EntityState::id));

            View view = nearest.of(players, self);

            assertThat(view.entities()).isEqualTo(expected);
        }
    }

    @Test
    void atEqualDistanceTheLowerIdIsNearer() {
        List<EntityState> players = new ArrayList<>();
        players.add(at(1, 1000, 500));
        for (int id = 2; id <= 40; id++) {
            players.add(at(id, 1010, 500));
        }

        assertThat(new NearestPlayers().of(players, 0).entities()).extracting(EntityState::id)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 32).boxed().toList());
    }
}
