package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.socklab.arena.EntityState;
import dev.socklab.client.arena.ArenaFrame;
import dev.socklab.client.arena.ArenaStats;
import dev.socklab.client.arena.Switches;

/** The arena in characters, and the lines under it, as {@code socklab play} shows them. */
class ArenaPictureTest {
    private static final ArenaStats STATS = new ArenaStats(Optional.of(Duration.ofMillis(24)), 0.05, 20, 3);

    @Test
    void aSmallArenaIsDrawnWholeWithItsEdgeThePlayersAndAShot() {
        EntityState self = player(1, 2 * 16 + 5, 1 * 16 + 8, 0, true, "me");
        EntityState bob = player(2, 7 * 16, 3 * 16, 0, false, "bob");
        ArenaFrame frame = new ArenaFrame(Optional.of(self), List.of(bob), 10 * 16, 4 * 16, 2, Switches.ALL_ON, STATS,
                Optional.empty());

        assertThat(ArenaPicture.draw(frame, 14, 7)).containsExactly(
                "############  ",
                "#.       . #  ",
                "#  @-------#  ",
                "#          #  ",
                "#       b  #  ",
                "############  ",
                "              ");
    }

    @Test
    void aLargeArenaIsSeenThroughAViewCentredOnThePlayerAndHeldAtTheEdge() {
        EntityState middle = player(1, 64 * 16, 32 * 16, 0, false, "me");
        ArenaFrame centred = new ArenaFrame(Optional.of(middle), List.of(), 2048, 1024, 1, Switches.ALL_ON, STATS,
                Optional.empty());
        List<String> lines = ArenaPicture.draw(centred, 21, 11);
        assertThat(lines.get(5).charAt(10)).isEqualTo('@');
        assertThat(String.join("", lines)).doesNotContain("#");

        EntityState corner = player(1, 5, 5, 0, false, "me");
        ArenaFrame atEdge = new ArenaFrame(Optional.of(corner), List.of(), 2048, 1024, 1, Switches.ALL_ON, STATS,
                Optional.empty());
        lines = ArenaPicture.draw(atEdge, 21, 11);
        assertThat(lines.getFirst()).isEqualTo("#".repeat(21));
        assertThat(lines.get(1)).startsWith("#@");
    }

    @Test
    void shotsAreLinesAlongTheFacingAndStopAtTheEdge() {
        EntityState northEast = player(1, 0, 5 * 16, 1, true, "me");
        ArenaFrame frame = new ArenaFrame(Optional.of(northEast), List.of(), 6 * 16, 6 * 16, 1, Switches.ALL_ON, STATS,
                Optional.empty());

        assertThat(ArenaPicture.draw(frame, 8, 8)).containsExactly(
                "########",
                "#.    /#",
                "#    / #",
                "#   /  #",
                "#  /   #",
                "#./    #",
                "#@     #",
                "########");
    }

    @Test
    void othersAreMarkedByTheirNicknamesFirstLetterOrAStarWhenItIsNoneOneColumnWide() {
        assertThat(ArenaPicture.letter("bob")).isEqualTo('b');
        assertThat(ArenaPicture.letter("Élodie")).isEqualTo('É');
        assertThat(ArenaPicture.letter("7up")).isEqualTo('7');
        assertThat(ArenaPicture.letter("山田")).isEqualTo('*');
        assertThat(ArenaPicture.letter("@home")).isEqualTo('*');
        assertThat(ArenaPicture.letter("\u001b[2J")).isEqualTo('*');
    }

    @Test
    void theStatusLinesShowTheTrafficThePlayerAndTheSwitches() {
        EntityState self = new EntityState(1, 5, 5, 0, false, 66, 4, "me");
        ArenaFrame frame = new ArenaFrame(Optional.of(self), List.of(), 2048, 1024, 3, Switches.ALL_ON, STATS,
                Optional.empty());

        assertThat(PlayStatus.traffic(frame))
                .isEqualTo("rtt 24ms  loss 5.0%  20 snap/s  corrections 3  players 3  score 4  health 66");
        assertThat(PlayStatus.switches(Switches.ALL_ON.flipInterpolation()))
                .isEqualTo("[p]rediction on  [r]econciliation on  [i]nterpolation off  [q]uit");
        ArenaFrame before = new ArenaFrame(Optional.empty(), List.of(), 2048, 1024, 0, Switches.ALL_ON,
                new ArenaStats(Optional.empty(), 0, 0, 0), Optional.empty());
        assertThat(PlayStatus.traffic(before)).isEqualTo("rtt -  loss 0.0%  0 snap/s  corrections 0  players 0");
    }

    private static EntityState player(int id, int x, int y, int facing, boolean fired, String name) {
        return new EntityState(id, x, y, facing, fired, 100, 0, name);
    }
}
