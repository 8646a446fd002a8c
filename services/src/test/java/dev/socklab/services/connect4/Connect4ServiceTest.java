package dev.socklab.services.connect4;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import dev.socklab.runtime.Endpoint;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/** The connect4 service through plain sockets: the lobby, games played to their end, and its limits. */
@Timeout(30)
class Connect4ServiceTest {
    /** The defaults with no flood control, so that a test plays as fast as it can. */
    static final Connect4Settings FAST = settings(Duration.ofMinutes(1), 1000, 500, 50, 256, 0, 10);
    static final List<String> EMPTY_BOARD = List.of(
            "| | | | | | | |",
            "| | | | | | | |",
            "| | | | | | | |",
            "| | | | | | | |",
            "| | | | | | | |",
            "| | | | | | | |",
            " 1 2 3 4 5 6 7");

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void whoeverWaitsForPlayIsPairedWithTheNextAndPlaysFirst(StreamTransport transport) throws IOException {
        Endpoint game = serve(FAST, transport);
        try (TestPlayer alice = TestPlayer.named(game, "alice"); TestPlayer bob = TestPlayer.named(game, "bob")) {
            alice.say("/play");
            alice.await("waiting for another player to send /play; /leave to stop.");
            bob.say("/play");

            for (TestPlayer player : List.of(alice, bob)) {
                assertThat(player.next()).isEqualTo("game on: alice (X) against bob (O); alice moves first. Type a"
                        + " column, 1 to 7, within 1m a move.");
                for (String row : EMPTY_BOARD) {
                    assertThat(player.next()).isEqualTo(row);
                }
                assertThat(player.next()).isEqualTo("alice (X) to move.");
            }
            alice.say("4");
            assertThat(bob.await("bob (O) to move.")).endsWith("| | | |X| | | |", " 1 2 3 4 5 6 7");
        }
    }

    @Test
    void aChallengeAcceptedStartsAGameThatTheChallengerOpens() throws IOException {
        Endpoint game = serve(FAST, StreamTransport.TCP_IPV4);
        try (TestPlayer alice = TestPlayer.named(game, "alice"); TestPlayer bob = TestPlayer.named(game, "bob")) {
            bob.say("/challenge alice");
            bob.await("challenge sent to alice; it stands for 1m.");
            alice.await("bob challenges you to a game: /accept bob to play, /decline bob to refuse (within 1m).");
            alice.say("/accept BOB");

            alice.awaitStarting("game on: bob (X) against alice (O); bob moves first.");
            bob.awaitStarting("game on: bob (X) against alice (O); bob moves first.");
            bob.await("bob (X) to move.");
        }
    }

    @Test
    void aDeclinedChallengeIsToldToTheChallengerAndCannotThenBeAccepted() throws IOException {
        Endpoint game = serve(FAST, StreamTransport.TCP_IPV4);
        try (TestPlayer alice = TestPlayer.named(game, "alice"); TestPlayer bob = TestPlayer.named(game, "bob")) {
            alice.say("/challenge bob");
            bob.awaitStarting("alice challenges you");
            bob.say("/decline alice");
            bob.await("you declined alice's challenge.");
            alice.await("bob declined your challenge.");

            bob.say("/accept alice");
            assertThat(bob.next()).isEqualTo("!! no challenge from alice stands (a challenge lasts 1m).");
            bob.say("/challenge bob");
            assertThat(bob.next()).isEqualTo("!! you cannot challenge yourself: /play to meet someone.");
            bob.say("/challenge zoe");
            assertThat(bob.next()).isEqualTo("!! no player is called zoe: /who lists them.");
        }
    }

    @Test
    void aMoveThatCannotBePlayedGetsOneSentenceAndTheGameGoesOn() throws IOException {
        Endpoint game = serve(FAST, StreamTransport.TCP_IPV4);
        try (TestPlayer alice = TestPlayer.named(game, "alice"); TestPlayer bob = TestPlayer.named(game, "bob")) {
            alice.say("3");
            assertThat(alice.next()).isEqualTo("!! you are in no game: /play or /challenge NICK to start one.");
            start(alice, bob);

            bob.say("1");
            assertThat(bob.next()).isEqualTo("!! not your turn: alice (X) is to move.");
            alice.say("8");
            assertThat(alice.next()).isEqualTo("!! '8' is not a column: type a number from 1 to 7.");
            alice.say("one");
            assertThat(alice.next()).isEqualTo("!! 'one' is not a column: type a number from 1 to 7.");
            alice.say("/play");
            assertThat(alice.next()).isEqualTo("!! you are in a game: finish it, or /leave to give it up.");
            play(alice, bob, "111111");
            alice.await("alice (X) to move.");
            alice.say("1");
            assertThat(alice.next()).isEqualTo("!! column 1 is full: pick another.");
            alice.say("2");

            assertThat(bob.await("bob (O) to move.")).endsWith("|X|X| | | | | |", " 1 2 3 4 5 6 7");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "across, 1121314, alice, four in a row",
        "up a column, 1212121, alice, four in a column",
        "on a rising diagonal, 12237334444, alice, four on a diagonal",
        "on a falling diagonal, 76651554444, alice, four on a diagonal",
        "across by the second player, 72736465, bob, four in a row"})
    void aRealGameEndsWithTheWinnerNamedToBothPlayersAndTheSpectator(String how, String moves, String winner,
                                                                     String phrase) throws IOException {
        Endpoint game = serve(FAST, StreamTransport.TCP_IPV4);
        try (TestPlayer alice = TestPlayer.named(game, "alice"); TestPlayer bob = TestPlayer.named(game, "bob");
             TestPlayer carol = TestPlayer.named(game, "carol")) {
            start(alice, bob);
            carol.say("/watch bob");
            carol.await("watching alice (X) against bob (O) (0 moves so far); /leave to stop.");

            play(alice, bob, moves);

            String end = winner + " wins: " + phrase + ".";
            for (TestPlayer player : List.of(alice, bob, carol)) {
                player.await(end);
                assertThat(player.next()).isEqualTo("back in the lobby: /play or /challenge NICK for another game.");
            }
            carol.say("/who");
            carol.await("games (0)");
        }
    }

    @Test
    void aFullBoardWithNoFourIsADraw() throws IOException {
        Endpoint game = serve(FAST, StreamTransport.TCP_IPV4);
        try (TestPlayer alice = TestPlayer.named(game, "alice"); TestPlayer bob = TestPlayer.named(game, "bob")) {
            start(alice, bob);

            // Alternate rows XXOXXOO and OOXOOXX from the bottom: no four anywhere.
            play(alice, bob, "111111222222433333344444555556666667777775");

            for (TestPlayer player : List.of(alice, bob)) {
                assertThat(player.await("draw: the board is full.")).endsWith(
                        "|O|O|X|O|O|X|X|", "|X|X|O|X|X|O|O|", "|O|O|X|O|O|X|X|", "|X|X|O|X|X|O|O|",
                        "|O|O|X|O|O|X|X|", "|X|X|O|X|X|O|O|", " 1 2 3 4 5 6 7");
            }
        }
    }

    @Test
    void aPlayerWhoTakesLongerThanTheMoveTimeoutLosesAndTheEndIsLoggedAsItsConnections() throws IOException {
        Endpoint game = serve(settings(Duration.ofMillis(300), 1000, 500, 50, 256, 0, 10), StreamTransport.TCP_IPV4);
        try (LogCapture log = LogCapture.socklab(); TestPlayer alice = TestPlayer.named(game, "alice");
             TestPlayer bob = TestPlayer.named(game, "bob")) {
            start(alice, bob);
            alice.say("4");

            for (TestPlayer player : List.of(alice, bob)) {
                player.await("alice wins: bob took more than 300ms over a move.");
                player.await("back in the lobby: /play or /challenge NICK for another game.");
            }
            // The game's clock ends it, on a thread of its own; the line is tagged with bob's connection, the second.
            assertThat(log.awaitConnectionOf("game 1 ended after 1 moves: alice wins: bob took more than 300ms"))
                    .isEqualTo("connect4#2");
        }
    }

    @Test
    void aPlayerWhoDisconnectsMidGameLosesAndTheGamesStartAndEndAreLogged() throws IOException {
        Endpoint game = serve(FAST, StreamTransport.TCP_IPV4);
        try (LogCapture log = LogCapture.socklab(); TestPlayer alice = TestPlayer.named(game, "alice")) {
            try (TestPlayer bob = TestPlayer.named(game, "bob")) {
                start(alice, bob);
                play(alice, bob, "12");
            }

            alice.await("alice wins: bob disconnected.");
            log.awaitContaining("game 1 started: \"alice\" (X) against \"bob\" (O)");
            log.awaitContaining("game 1 ended after 2 moves: alice wins: bob disconnected. (\"alice\" against \"bob\")");
        }
    }

    @Test
    void aPlayerWhoLeavesOrQuitsAGameLosesIt() throws IOException {
        Endpoint game = serve(FAST, StreamTransport.TCP_IPV4);
        try (TestPlayer alice = TestPlayer.named(game, "alice"); TestPlayer bob = TestPlayer.named(game, "bob")) {
            start(alice, bob);
            alice.say("/leave");
            bob.await("bob wins: alice left the game.");
            alice.await("bob wins: alice left the game.");

            start(alice, bob);
            bob.say("/quit");
            alice.await("alice wins: bob quit.");
            assertThat(bob.rest()).contains("bye.\r\n");
        }
    }

    @Test
    void nicknamesFollowTheChatsRules() throws IOException {
        Endpoint game = serve(FAST, StreamTransport.TCP_IPV4);
        try (TestPlayer alice = TestPlayer.named(game, "alice"); TestPlayer newcomer = TestPlayer.connect(game)) {
            newcomer.say("/play");
            assertThat(newcomer.next()).isEqualTo("!! choose a nickname first: type it alone on a line.");
            newcomer.say("ＡＬＩＣＥ");
            assertThat(newcomer.next()).isEqualTo("!! nickname taken: ＡＬＩＣＥ. Try another.");
            newcomer.say("bob smith");
            assertThat(newcomer.next()).startsWith("!! a nickname has no spaces or blank characters");
            newcomer.say("7");
            assertThat(newcomer.next()).isEqualTo("!! a digit alone cannot be a nickname: try another.");
            newcomer.say("bob");
            assertThat(newcomer.next()).isEqualTo("hello bob. Commands: " + Command.SUMMARY + ".");
        }
    }

    @Test
    void whoListsThePlayersTheGamesAndWhoWaits() throws IOException {
        Endpoint game = serve(FAST, StreamTransport.TCP_IPV4);
        try (TestPlayer alice = TestPlayer.named(game, "alice"); TestPlayer bob = TestPlayer.named(game, "bob");
             TestPlayer carol = TestPlayer.named(game, "carol")) {
            start(alice, bob);
            play(alice, bob, "44");
            alice.await("alice (X) to move."); // bob's move is made: /who counts it
            carol.say("/play");
            carol.await("waiting for another player to send /play; /leave to stop.");
            carol.say("/who");

            assertThat(List.of(carol.next(), carol.next(), carol.next())).containsExactly(
                    "players (3): alice, bob, carol",
                    "games (1): alice (X) against bob (O), 2 moves, 0 watching",
                    "carol waits for /play.");
        }
    }

    @Test
    void theLobbyTakesNoMorePlayersThanItsLimit() throws IOException {
        Endpoint game = serve(settings(Duration.ofMinutes(1), 2, 500, 50, 256, 0, 10), StreamTransport.TCP_IPV4);
        try (TestPlayer alice = TestPlayer.named(game, "alice"); TestPlayer bob = TestPlayer.connect(game);
             RawClient third = RawClient.connect(game)) {
            assertThat(third.readAll(TestPlayer.WAIT))
                    .isEqualTo("!! disconnected: the lobby is full (2 players): try again later.\r\n");
        }
    }

    @Test
    void noMoreGamesStartThanTheLimitAndNoMoreSpectatorsWatchOne() throws IOException {
        Endpoint game = serve(settings(Duration.ofMinutes(1), 1000, 1, 1, 256, 0, 10), StreamTransport.TCP_IPV4);
        try (TestPlayer alice = TestPlayer.named(game, "alice"); TestPlayer bob = TestPlayer.named(game, "bob");
             TestPlayer carol = TestPlayer.named(game, "carol"); TestPlayer dave = TestPlayer.named(game, "dave")) {
            start(alice, bob);
            carol.say("/challenge dave");
            dave.awaitStarting("carol challenges you");
            dave.say("/accept carol");
            assertThat(dave.next()).isEqualTo("!! no room for another game (at most 1 at once): try again soon.");

            carol.say("/watch alice");
            carol.awaitStarting("watching alice (X) against bob (O)");
            dave.say("/watch alice");
            assertThat(dave.next()).isEqualTo("!! alice (X) against bob (O) has as many spectators as it may (1): try"
                    + " again later.");
            carol.say("/leave");
            carol.await("you stopped watching; back in the lobby.");
        }
    }

    @Test
    void aLineTooLongOrSentTooFastIsRefusedAndAFlooderDisconnected() throws IOException {
        Endpoint game = serve(settings(Duration.ofMinutes(1), 1000, 500, 50, 160, 1, 1), StreamTransport.TCP_IPV4);
        try (TestPlayer player = TestPlayer.connect(game)) {
            player.say("x".repeat(161));
            assertThat(player.next()).isEqualTo("!! line too long (at most 160 bytes): ignored.");
            player.say("alice");
            player.say("/who");
            player.say("/who");

            assertThat(player.rest()).endsWith("!! slow down: at most 1 lines a second.\r\n!! disconnected: flooding\r\n");
        }
    }

    @Test
    void pressingEnterIsNoFloodingButLinesSentTooFastStillAre() throws IOException {
        Endpoint game = serve(settings(Duration.ofMinutes(1), 1000, 500, 50, 160, 1, 1), StreamTransport.TCP_IPV4);
        try (TestPlayer player = TestPlayer.connect(game)) {
            // Enter pressed 30 times, as telnet sends it (CR LF, CR NUL), and lines of blanks: none takes the one token.
            player.send(("\r\n".repeat(10) + "\r\0".repeat(10) + " \t \r\n".repeat(10)).getBytes(StandardCharsets.US_ASCII));
            player.say("alice");
            assertThat(player.next()).isEqualTo("hello alice. Commands: " + Command.SUMMARY + ".");
            player.say("/who");
            player.say("/who");

            assertThat(player.rest()).endsWith("!! slow down: at most 1 lines a second.\r\n!! disconnected: flooding\r\n");
        }
    }

    @Test
    void telnetsCommandsAndLineEndsAreUnderstood() throws IOException {
        Endpoint game = serve(FAST, StreamTransport.TCP_IPV4);
        try (TestPlayer player = TestPlayer.connect(game)) {
            // IAC DO SUPPRESS-GO-AHEAD, IAC WILL TERMINAL-TYPE, then the nickname ended by CR NUL, as telnet sends it.
            player.send(new byte[] {(byte) 255, (byte) 253, 3, (byte) 255, (byte) 251, 24, 'a', 'l', 'i', 'c', 'e', '\r', 0});
            assertThat(player.next()).startsWith("hello alice. ");
        }
    }

    @Test
    void aStoppingServerTellsEveryPlayerWhyAsItsLastLine() throws IOException {
        Endpoint game = serve(FAST, StreamTransport.TCP_IPV4);
        try (LogCapture log = LogCapture.socklab(); TestPlayer alice = TestPlayer.named(game, "alice");
             TestPlayer bob = TestPlayer.named(game, "bob")) {
            start(alice, bob);

            // Far longer than the test may take: the notice, not the grace, ends the players' connections.
            assertThat(servers.server().stop(Duration.ofMinutes(5))).isTrue();

            assertThat(alice.rest()).isEqualTo("!! server shutting down\r\n");
            assertThat(bob.rest()).isEqualTo("!! server shutting down\r\n");
            log.awaitContaining("game 1 ended after 0 moves: stopped with the server.");
        }
    }

    /** {@code x} sends /play, then {@code o}: a game that both have read up to X's first turn. */
    static void start(TestPlayer x, TestPlayer o) throws IOException {
        x.say("/play");
        x.await("waiting for another player to send /play; /leave to stop.");
        o.say("/play");
        for (TestPlayer player : List.of(x, o)) {
            player.awaitStarting("game on: " + x.nick() + " (X) against " + o.nick() + " (O)");
            player.await(x.nick() + " (X) to move.");
        }
    }

    /**
     * Plays {@code columns} in turn from X's, which X has read; every later move once its player has been told it
     * is its turn.
     */
    static void play(TestPlayer x, TestPlayer o, String columns) throws IOException {
        for (int i = 0; i < columns.length(); i++) {
            TestPlayer mover = i % 2 == 0 ? x : o;
            if (i > 0) {
                mover.await(mover.nick() + " (" + (i % 2 == 0 ? "X" : "O") + ") to move.");
            }
            mover.say(String.valueOf(columns.charAt(i)));
        }
    }

    static Connect4Settings settings(Duration moveTimeout, int maxPlayers, int maxGames, int maxSpectators,
                                     int maxLine, int rate, int burst) {
        return new Connect4Settings(moveTimeout, Duration.ofMinutes(1), maxPlayers, maxGames, maxSpectators, maxLine,
                rate, burst, Duration.ofMinutes(30));
    }

    private Endpoint serve(Connect4Settings settings, StreamTransport transport) {
        return servers.stream("connect4", new Connect4Service(settings), transport.endpoint(dir));
    }
}
