package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code socklab play} in two terminals (tmux) against {@code ./socklab serve arena}: each sees the
 * other move, a key switches interpolation off in the status line, and q leaves the terminal as
 * it was. The terminals are large enough to show the whole arena, so that both players are always
 * on both screens.
 */
@Timeout(120)
class PlayIT {
    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration SOON = Duration.ofSeconds(10);
    private static final int COLUMNS = 140;
    private static final int ROWS = 72;
    /** The lines under the arena: message, switches, traffic. */
    private static final int STATUS_LINES = 3;

    @TempDir
    Path dir;

    @Test
    void twoPlayersInTwoTerminalsSeeEachOtherMoveAndInterpolationSwitchesOffByItsKey() throws Exception {
        try (Launched server = Launched.socklab("serve", "arena:0", "--ipv4-only")) {
            int port = server.boundPort("arena", "udp", "127.0.0.1");
            try (Tmux alice = play(port, "alice"); Tmux bob = play(port, "bob")) {
                alice.awaitScreen(s -> status(s).contains("players 2") && find(s, 'b') != null, START,
                        "alice's status line, and bob on her screen");
                List<String> bobs = bob.awaitScreen(s -> status(s).contains("players 2") && find(s, 'a') != null,
                        START, "bob's status line, and alice on his screen");
                assertThat(bobs.get(bobs.size() - 2)).contains("[i]nterpolation on");

                alice.press("i");
                alice.awaitScreen(s -> s.get(s.size() - 2).contains("[i]nterpolation off"), SOON,
                        "interpolation off in alice's switches line");

                int[] start = find(bobs, '@');
                String away = start[0] < COLUMNS / 2 ? "Right" : "Left";
                int[] seenFirst = find(alice.screen(), 'b');
                long deadline = System.nanoTime() + SOON.toNanos();
                List<String> seen;
                do {
                    bob.press(away, away, away); // a held key: the terminal repeats it
                    seen = alice.awaitScreen(s -> true, SOON, "alice's screen");
                    assertThat(System.nanoTime()).as("bob moving on alice's screen; it shows:\n%s",
                            String.join("\n", seen)).isLessThan(deadline);
                } while (find(seen, 'b') == null || Math.abs(find(seen, 'b')[0] - seenFirst[0]) < 3);
                assertThat(find(seen, 'b')[1]).as("bob's row on alice's screen").isEqualTo(seenFirst[1]);
                bob.awaitScreen(s -> find(s, '@') != null && Math.abs(find(s, '@')[0] - start[0]) >= 3, SOON,
                        "bob moving on his own screen");

                bob.press("q");
                List<String> after = bob.awaitScreen(s -> lastLine(s).equals("socklab exited 0"), SOON,
                        "socklab play leaving at q");
                assertThat(after).as("the terminal's own screen, back as it was").noneMatch(l -> l.contains("snap/s"));
                alice.awaitScreen(s -> status(s).contains("players 1") && find(s, 'b') == null, SOON,
                        "bob gone from alice's screen");
                alice.press("q");
                alice.awaitScreen(s -> lastLine(s).equals("socklab exited 0"), SOON, "alice leaving at q");
            }
        }
    }

    private Tmux play(int port, String name) throws Exception {
        return Tmux.start(dir, COLUMNS, ROWS, "./socklab play 127.0.0.1 " + port + " --name " + name + ";"
                + " echo \"socklab exited $?\"; sleep 60");
    }

    /** The traffic line, the last of the screen while the game shows. */
    private static String status(List<String> screen) {
        return screen.getLast();
    }

    /** Where {@code mark} is in the arena part of the screen, {column, row}; null if it is not there. */
    private static int[] find(List<String> screen, char mark) {
        for (int row = 0; row < screen.size() - STATUS_LINES; row++) {
            int column = screen.get(row).indexOf(mark);
            if (column >= 0) {
                return new int[] {column, row};
            }
        }
        return null;
    }

    private static String lastLine(List<String> screen) {
        return screen.stream().filter(line -> !line.isBlank()).reduce((first, second) -> second).orElse("");
    }
}
