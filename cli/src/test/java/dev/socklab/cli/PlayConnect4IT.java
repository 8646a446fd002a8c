package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.testing.Tools;

/**
 * {@code socklab play connect4} on a terminal (tmux) against {@code ./socklab serve connect4}, its
 * opponent {@code nc}: a game played to a win, which the terminal shows with the board.
 */
@Timeout(60)
class PlayConnect4IT {
    private static final Duration START = Duration.ofSeconds(20);
    private static final Duration SOON = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void aGameAgainstNcPlayedOnTheTerminalToAWinShowsTheWinnerAndTheBoard() throws Exception {
        String nc = Tools.require("nc.openbsd");
        try (Launched server = Launched.socklab("serve", "connect4:0", "--ipv4-only")) {
            String port = String.valueOf(server.boundPort("connect4", "tcp", "127.0.0.1"));
            try (Tmux alice = Tmux.start(dir, 120, 50, "./socklab play connect4 127.0.0.1 " + port + " --nick alice;"
                    + " echo \"socklab exited $?\"; sleep 60");
                 Launched bob = Launched.readingInput(List.of(nc, "127.0.0.1", port))) {
                alice.awaitScreen(s -> s.stream().anyMatch(line -> line.startsWith("hello alice. ")), START,
                        "alice's greeting");
                alice.type("/play");
                alice.press("Enter");
                alice.awaitScreen(s -> s.contains("waiting for another player to send /play; /leave to stop."), SOON,
                        "alice waiting for a game");
                bob.input("bob\r\n/play\r\n");
                bob.awaitLine(line -> line.startsWith("game on: alice (X) against bob (O)"), SOON);

                // alice across the bottom row from column 1, bob up column 7; each moves once told it is its turn.
                for (int move = 1; move <= 3; move++) {
                    bob.awaitLines("alice (X) to move."::equals, move, SOON);
                    alice.type(String.valueOf(move));
                    alice.press("Enter");
                    bob.awaitLines("bob (O) to move."::equals, move, SOON);
                    bob.input("7\r\n");
                }
                bob.awaitLines("alice (X) to move."::equals, 4, SOON);
                alice.type("4");
                alice.press("Enter");

                List<String> screen = alice.awaitScreen(s -> s.contains("alice wins: four in a row."), SOON,
                        "the win on alice's screen");
                int win = screen.indexOf("alice wins: four in a row.");
                assertThat(screen.subList(win - 4, win)).as("the board above the win, its last rows")
                        .containsExactly("| | | | | | |O|", "| | | | | | |O|", "|X|X|X|X| | |O|", " 1 2 3 4 5 6 7");
                bob.awaitLine("alice wins: four in a row."::equals, SOON);

                alice.press("C-d");
                alice.awaitScreen(s -> s.contains("socklab exited 0"), SOON, "socklab play connect4 leaving at Ctrl-D");
            }
        }
    }
}
