package dev.socklab.services.connect4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.runtime.Endpoint;
import dev.socklab.testing.LabProgram;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;
import dev.socklab.testing.Tools;

/** Connect four with the clients people have: two OpenBSD netcats playing a whole game, and telnet in the lobby. */
@Timeout(60)
class Connect4InteropTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** The most lines {@link #await} reads looking for one: a test that misses its line fails, never hangs. */
    private static final int MAX_LINES = 1000;

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void twoNetcatsPlayAGameToAWinAndBothAreToldWhoWon() throws Exception {
        String nc = Tools.require("nc.openbsd");
        String port = String.valueOf(port(serve()));
        try (LabProgram alice = LabProgram.start(List.of(nc, "127.0.0.1", port));
             LabProgram bob = LabProgram.start(List.of(nc, "127.0.0.1", port))) {
            alice.sendLine("alice");
            await(alice, "hello alice. Commands: " + Command.SUMMARY + ".");
            alice.sendLine("/play");
            await(alice, "waiting for another player to send /play; /leave to stop.");
            bob.sendLine("bob");
            await(bob, "hello bob. Commands: " + Command.SUMMARY + ".");
            bob.sendLine("/play");

            // alice across the bottom row, 1 to 4; bob up column 1.
            String moves = "1121314";
            for (int i = 0; i < moves.length(); i++) {
                LabProgram mover = i % 2 == 0 ? alice : bob;
                await(mover, i % 2 == 0 ? "alice (X) to move." : "bob (O) to move.");
                mover.sendLine(String.valueOf(moves.charAt(i)));
            }

            for (LabProgram player : List.of(alice, bob)) {
                assertThat(await(player, "alice wins: four in a row.")).endsWith(
                        "|O| | | | | | |", "|O| | | | | | |", "|O| | | | | | |", "|X|X|X|X| | | |", " 1 2 3 4 5 6 7");
                player.input("/quit\n");
                assertThat(player.outputUntilExit(WAIT)).as("what nc printed after the game")
                        .startsWith("back in the lobby: /play or /challenge NICK for another game.\r\n")
                        .endsWith("bye.\r\n");
            }
        }
    }

    @Test
    void aTelnetPlayersLinesReachTheLobby() throws Exception {
        String telnet = Tools.require("telnet");
        Endpoint game = serve();
        // telnet reads its input through cat, which stays open until the test is done with it.
        try (TestPlayer bob = TestPlayer.named(game, "bob");
             LabProgram tel = LabProgram.start(List.of("sh", "-c", "cat | " + telnet + " 127.0.0.1 " + port(game)))) {
            tel.sendLine("tel");
            tel.sendLine("/play");
            await(tel, "waiting for another player to send /play; /leave to stop.");
            bob.say("/play");

            bob.awaitStarting("game on: tel (X) against bob (O); tel moves first.");
            tel.sendLine("4");
            assertThat(bob.await("bob (O) to move.")).endsWith("| | | |X| | | |", " 1 2 3 4 5 6 7");
            tel.sendLine("/quit");
            bob.await("bob wins: tel quit.");
        }
    }

    private Endpoint serve() {
        return servers.stream("connect4", new Connect4Service(Connect4Settings.DEFAULTS),
                StreamTransport.TCP_IPV4.endpoint(dir));
    }

    private static int port(Endpoint endpoint) {
        return ((InetSocketAddress) endpoint.address()).getPort();
    }

    /** Reads {@code program}'s lines up to and including {@code expected}, each within the wait; returns those before it. */
    private static List<String> await(LabProgram program, String expected) throws IOException {
        List<String> before = new java.util.ArrayList<>();
        for (int i = 0; i < MAX_LINES; i++) {
            String line = program.readLine(WAIT);
            if (line == null) {
                fail("the program ended before '" + expected + "'; it printed " + before);
            }
            if (line.equals(expected)) {
                return before;
            }
            before.add(line);
        }
        return fail("no '" + expected + "' in " + MAX_LINES + " lines");
    }
}
