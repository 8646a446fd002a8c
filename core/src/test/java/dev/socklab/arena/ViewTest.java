package dev.socklab.arena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ViewTest {
    private static EntityState player(int id, int x, int y) {
        return new EntityState(id, x, y, 0, false, 100, 0, "p" + id);
    }

    @Test
    void aDeltaAppliedToItsBaselineGivesTheView() throws Exception {
        View baseline = new View(List.of(player(1, 10, 10), player(2, 20, 20), player(4, 40, 40)));
        View current = new View(List.of(player(1, 14, 10), player(3, 30, 30), player(4, 40, 40)));

        List<EntityDelta> delta = current.deltaFrom(baseline);

        assertThat(delta).extracting(EntityDelta::id, EntityDelta::mask).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, EntityDelta.X),
                org.assertj.core.groups.Tuple.tuple(2, EntityDelta.REMOVED),
                org.assertj.core.groups.Tuple.tuple(3, EntityDelta.FULL));
        assertThat(baseline.apply(delta)).isEqualTo(current);
        assertThat(View.EMPTY.apply(current.deltaFrom(View.EMPTY))).isEqualTo(current);
    }

    @Test
    void aDeltaAgainstTheWrongBaselineIsRefused() {
        View baseline = new View(List.of(player(1, 10, 10)));
        View current = new View(List.of(player(1, 14, 10)));

        assertThatThrownBy(() -> View.EMPTY.apply(current.deltaFrom(baseline)))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("baseline does not have");
        assertThatThrownBy(() -> View.EMPTY.apply(View.EMPTY.deltaFrom(baseline)))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("removes entity 1");
    }
}
