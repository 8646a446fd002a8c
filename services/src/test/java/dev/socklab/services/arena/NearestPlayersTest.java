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
import dev.socklab.arena.ViewBuffer;

/** A player's view is itself and its 31 nearest, by id, the lower id first at equal distance. */
class NearestPlayersTest {
    private static EntityState at(int id, int x, int y) {
        return new EntityState(id, x, y, 0, false, 100, 0, "p" + id);
    }

    @Test
    void aSmallArenaIsSeenWhole() {
        List<EntityState> players = List.of(at(1, 0, 0), at(2, 500, 500), at(7, 2000, 1000));

        assertThat(viewOf(new NearestPlayers().of(players), 1).entities()).isEqualTo(players);
    }

    @Test
    void aCrowdIsSeenAsTheThirtyOneNearestAndItselfAsAFullSearchFindsThem() {
        SplittableRandom random = new SplittableRandom(3);
        List<EntityState> spread = new ArrayList<>();
        List<EntityState> clustered = new ArrayList<>();
        for (int id = 1; id <= 500; id++) {
            spread.add(at(id, random.nextInt(2048), random.nextInt(1024)));
            // Most in one corner, a few far away: rings must reach past empty cells.
            clustered.add(id % 50 == 0 ? at(id, 2047 - random.nextInt(3), 1023 - random.nextInt(3))
                    : at(id, random.nextInt(100), random.nextInt(60)));
        }
        for (List<EntityState> players : List.of(spread, clustered, spread.subList(0, 40), spread.subList(0, 2))) {
            NearestPlayers nearest = new NearestPlayers().of(players);
            // Every fifth player of a crowd is plenty, and keeps the full searches quick.
            for (int self = 0; self < players.size(); self += players.size() > 100 ? 5 : 1) {
                assertThat(viewOf(nearest, self).entities()).as("the view of %d of %d", self, players.size())
                        .isEqualTo(fullSearch(players, self));
            }
        }
    }

    /** The view, from every player's distance. */
    private static List<EntityState> fullSearch(List<EntityState> players, int self) {
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
        return expected;
    }

    @Test
    void atEqualDistanceTheLowerIdIsNearer() {
        List<EntityState> players = new ArrayList<>();
        players.add(at(1, 1000, 500));
        for (int id = 2; id <= 40; id++) {
            players.add(at(id, 1010, 500));
        }

        assertThat(viewOf(new NearestPlayers().of(players), 0).entities()).extracting(EntityState::id)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 32).boxed().toList());
    }

    /** The view of the player at {@code self} among the players {@code nearest} took last, as a record. */
    private static View viewOf(NearestPlayers nearest, int self) {
        ViewBuffer view = new ViewBuffer();
        nearest.view(self, view);
        return view.toView();
    }
}
