package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.socklab.net.SocketAddresses;
import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Transport;
import dev.socklab.services.connect4.Connect4Service;
import dev.socklab.services.connect4.Connect4Settings;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/**
 * {@code socklab play connect4} without a terminal, run in process against socklab's connect4 service:
 * standard input's lines to the server, its lines to standard output.
 */
@Timeout(30)
// System.in is swapped too, by the tests that hold System.out, as in ChatCommandTest.
@ResourceLock(Resources.SYSTEM_OUT)
class PlayConnect4CommandTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void takesTheNickSendsStandardInputAndLeavesAtItsEndWithExitCodeZero(StreamTransport transport) {
        Endpoint game = serve(transport);

        Captured run = run(new ByteArrayInputStream("/who\n".getBytes(StandardCharsets.UTF_8)),
                server(game, "--nick", "alice"));

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out().lines()).startsWith("welcome to socklab connect four.")
                .containsSubsequence("players (1): alice", "games (0)", "nobody waits for /play.")
                .endsWith("bye.");
    }

    @Test
    void playsAWholeGameAgainstAnotherPlayerTypingAColumnALine() throws IOException {
        Endpoint game = serve(StreamTransport.TCP_IPV4);
        try (RawClient bob = RawClient.connect(game); PipedOutputStream typing = new PipedOutputStream();
             PipedInputStream input = new PipedInputStream(typing)) {
            bob.send("bob\r\n/play\r\n");
            await(bob, "waiting for another player to send /play; /leave to stop.");
            CompletableFuture<Captured> alice = CompletableFuture.supplyAsync(
                    () -> run(input, server(game, "--nick", "alice")));
            type(typing, "/play");

            // bob up column 1, alice up column 2, each once told it is its move; bob's fourth wins.
            for (int move = 0; move < 3; move++) {
                await(bob, "bob (X) to move.");
                bob.send("1\r\n");
                await(bob, "alice (O) to move.");
                type(typing, "2");
            }
            await(bob, "bob (X) to move.");
            bob.send("1\r\n");
            await(bob, "bob wins: four in a column.");
            typing.close();

            Captured run = alice.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
            assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
            assertThat(run.out().lines()).containsSubsequence("game on: bob (X) against alice (O); bob moves first."
                            + " Type a column, 1 to 7, within 1m a move.", "|X|O| | | | | |", "alice (O) to move.",
                    "|X|O| | | | | |", "|X|O| | | | | |", "|X|O| | | | | |", "bob wins: four in a column.", "bye.");
        }
    }

    @Test
    void aServerThatIsFullEndsThePlayWithExitCodeFourAndSaysWhy() throws IOException {
        Endpoint game = servers.stream("connect4", new Connect4Service(new Connect4Settings(Duration.ofMinutes(1),
                Duration.ofMinutes(1), 2, 500, 50, 256, 5, 10, Duration.ofMinutes(30))), StreamTransport.TCP_IPV4.endpoint(dir));
        try (RawClient first = RawClient.connect(game); RawClient second = RawClient.connect(game)) {
            await(first, "your nickname? (1 to 32 characters, no spaces)");
            await(second, "your nickname? (1 to 32 characters, no spaces)");

            Captured run = run(new ByteArrayInputStream(new byte[0]), server(game));

            assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isEqualTo(ExitCode.NETWORK.code);
            assertThat(run.err()).isEqualTo("socklab: the server closed the connection: disconnected: the lobby is"
                    + " full (2 players): try again later." + System.lineSeparator());
        }
    }

    @Test
    void aNickOfTwoWordsIsRefused() {
        Captured run = run(new ByteArrayInputStream(new byte[0]), "127.0.0.1", "9", "--nick", "alice smith");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code);
        CommandRun.assertOneSentence(run.err(), "--nick takes one word", "'alice smith'");
    }

    @Test
    void itsHelpOffersNoUdpAndNamesTheDefaultPort() {
        Captured run = run(new ByteArrayInputStream(new byte[0]), "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--unix", "--trace", "-4", "-6", "port 10004").doesNotContain("--udp");
    }

    @Test
    void theBoardsDiscsAreColouredAndEveryOtherLineIsLeftAsItCame() {
        AttributedString row = BoardColours.paint("| |X|O| | | | |");

        assertThat(row.toString()).isEqualTo("| |X|O| | | | |");
        assertThat(row.styleAt(3)).isEqualTo(AttributedStyle.BOLD.foreground(AttributedStyle.RED));
        assertThat(row.styleAt(5)).isEqualTo(AttributedStyle.BOLD.foreground(AttributedStyle.YELLOW));
        assertThat(row.styleAt(1)).isEqualTo(AttributedStyle.DEFAULT);
        assertThat(BoardColours.paint("bob (O) to move.").styleAt(5)).isEqualTo(AttributedStyle.DEFAULT);
    }

    private Endpoint serve(StreamTransport transport) {
        return servers.stream("connect4", new Connect4Service(Connect4Settings.DEFAULTS), transport.endpoint(dir));
    }

    /** {@code HOST PORT} or {@code --unix PATH} for where {@code game} is bound, then {@code more}. */
    private static String[] server(Endpoint game, String... more) {
        List<String> args = new ArrayList<>();
        if (game.transport() == Transport.UNIX) {
            args.addAll(List.of("--unix", ((UnixDomainSocketAddress) game.address()).getPath().toString()));
        } else {
            InetSocketAddress address = (InetSocketAddress) game.address();
            args.addAll(List.of(SocketAddresses.format(address.getAddress()), String.valueOf(address.getPort())));
        }
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static void type(PipedOutputStream typing, String line) throws IOException {
        typing.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        typing.flush();
    }

    /** Reads {@code client}'s lines up to and including {@code expected}. */
    private static void await(RawClient client, String expected) throws IOException {
        for (int i = 0; i < 1000; i++) {
            String line = client.readLine(WAIT);
            assertThat(line).as("a line before '%s'", expected).isNotNull();
            if (line.equals(expected)) {
                return;
            }
        }
        throw new AssertionError("no '" + expected + "' in 1000 lines");
    }

    /** What the command wrote: the game goes to System.out, its errors to picocli's err. */
    private record Captured(int exitCode, String out, String err) {
    }

    /**
     * Runs the command as the lead registers it under {@code socklab play}, with socklab's error handling, its
     * input from {@code input}.
     */
    private static Captured run(InputStream input, String... args) {
        InputStream in = System.in;
        PrintStream out = System.out;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        System.setIn(input);
        System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
        try {
            CommandLine cli = new CommandLine(new PlayConnect4Command());
            cli.setExecutionExceptionHandler(new Errors());
            cli.setParameterExceptionHandler(new Errors());
            StringWriter err = new StringWriter();
            StringWriter help = new StringWriter();
            cli.setOut(new PrintWriter(help, true));
            cli.setErr(new PrintWriter(err, true));
            int code = cli.execute(args);
            return new Captured(code, outBytes.toString(StandardCharsets.UTF_8) + help, err.toString());
        } finally {
            System.setIn(in);
            System.setOut(out);
        }
    }
}
