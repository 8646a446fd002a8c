package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.testing.Tools;

/**
 * {@code socklab chat} as people run it, against {@code ./socklab serve chat}: in scripts, next to
 * {@code nc}, and on a terminal (tmux) while the room talks.
 */
@Timeout(90)
class ChatIT {
    private static final Duration START = Duration.ofSeconds(20);
    private static final Duration SOON = Duration.ofSeconds(10);
    private static final String PROMPT = "> ";

    @TempDir
    Path dir;

    @Test
    void twoSocklabClientsAndNcTalkInTheLobbyAndInPrivate() throws Exception {
        String nc = Tools.require("nc.openbsd");
        try (Launched server = Launched.socklab("serve", "chat:0", "--ipv4-only")) {
            String port = String.valueOf(server.boundPort("chat", "tcp", "127.0.0.1"));
            try (Launched alice = Launched.socklabReadingInput("chat", "127.0.0.1", port, "--nick", "alice")) {
                alice.awaitLine(endsWith(" is now alice"), START);
                try (Launched bob = Launched.socklabReadingInput("chat", "127.0.0.1", port, "--nick", "bob");
                     Launched carol = Launched.readingInput(List.of(nc, "127.0.0.1", port))) {
                    bob.awaitLine(endsWith(" is now bob"), START);
                    carol.input("/nick carol\r\n");
                    // Once alice has seen carol arrive, all three are in the lobby.
                    alice.awaitLine(endsWith(" is now carol"), SOON);

                    carol.input("hello from nc\r\n");
                    alice.awaitLine(endsWith("] <carol> hello from nc"), SOON);
                    bob.awaitLine(endsWith("] <carol> hello from nc"), SOON);

                    alice.input("/msg bob psst, bob\n");
                    bob.awaitLine(endsWith("] *alice* psst, bob"), SOON);
                    alice.awaitLine(endsWith("] -> *bob* psst, bob"), SOON);

                    bob.input("hi all\n");
                    carol.awaitLine(endsWith("] <bob> hi all"), SOON);
                    alice.awaitLine(endsWith("] <bob> hi all"), SOON);
                    assertThat(carol.outLines()).as("what nc saw").noneMatch(line -> line.contains("psst"));

                    alice.endInput();
                    assertThat(alice.exitWithin(SOON)).as("alice's exit code; stderr: %s", alice.err()).isZero();
                    assertThat(alice.outLines()).last().asString().endsWith("] -- bye");
                    bob.awaitLine(endsWith("] -- alice left lobby (quit)"), SOON);

                    carol.input("/quit\r\n");
                    carol.awaitLine(endsWith("] -- bye"), SOON);
                    carol.endInput(); // nc leaves once both directions are done
                    assertThat(carol.exitWithin(SOON)).as("nc's exit code").isZero();
                    bob.endInput();
                    assertThat(bob.exitWithin(SOON)).as("bob's exit code; stderr: %s", bob.err()).isZero();
                    assertThat(bob.err()).isEmpty();
                }
            }
        }
    }

    @Test
    void onATerminalAMessageArrivingLeavesTheHalfTypedLineIntactBelowIt() throws Exception {
        try (Launched server = Launched.socklab("serve", "chat:0", "--ipv4-only")) {
            String port = String.valueOf(server.boundPort("chat", "tcp", "127.0.0.1"));
            try (Tmux terminal = Tmux.start(dir, 160, 30, "./socklab chat 127.0.0.1 " + port + " --nick alice;"
                    + " echo \"socklab exited $?\"; sleep 60")) {
                terminal.awaitScreen(screen -> screen.stream().anyMatch(line -> line.endsWith(" is now alice"))
                        && lastLine(screen).equals(PROMPT.strip()), START, "alice at the prompt");

                try (Launched bob = Launched.socklabReadingInput("chat", "127.0.0.1", port, "--nick", "bob")) {
                    terminal.awaitScreen(screen -> screen.stream().anyMatch(line -> line.endsWith(" is now bob")),
                            START, "bob's arrival");
                    terminal.type("half a line, typed");
                    terminal.awaitScreen(screen -> lastLine(screen).equals(PROMPT + "half a line, typed"), SOON,
                            "the half-typed line at the prompt");

                    bob.input("hello alice\n");

                    List<String> screen = terminal.awaitScreen(
                            s -> s.stream().anyMatch(line -> line.endsWith("] <bob> hello alice")), SOON,
                            "bob's message");
                    assertThat(lastLine(screen)).as("the line being typed, after the message came")
                            .isEqualTo(PROMPT + "half a line, typed");
                    assertThat(indexOf(screen, line -> line.endsWith("] <bob> hello alice")))
                            .as("the message is above the line being typed")
                            .isLessThan(indexOf(screen, line -> line.equals(PROMPT + "half a line, typed")));

                    // Kept, not only drawn: the rest of the line joins it, and the whole goes to the room.
                    terminal.type(" and finished");
                    terminal.press("Enter");
                    bob.awaitLine(endsWith("] <alice> half a line, typed and finished"), SOON);

                    terminal.press("Up");
                    terminal.awaitScreen(s -> lastLine(s).equals(PROMPT + "half a line, typed and finished"), SOON,
                            "the line back from the history");
                    terminal.press("C-u");
                    terminal.awaitScreen(s -> lastLine(s).equals(PROMPT.strip()), SOON, "an empty prompt");

                    terminal.press("C-d");
                    screen = terminal.awaitScreen(s -> lastLine(s).equals("socklab exited 0"), SOON,
                            "socklab chat leaving at Ctrl-D");
                    assertThat(screen).anyMatch(line -> line.endsWith("] -- bye"));
                    bob.awaitLine(endsWith("] -- alice left lobby (quit)"), SOON);
                }
            }
        }
    }

    @Test
    void onATerminalKeysPressedWhileALineWaitsForThePaceGoToTheNextPrompt() throws Exception {
        try (Launched server = Launched.socklab("serve", "chat:0", "--ipv4-only")) {
            String port = String.valueOf(server.boundPort("chat", "tcp", "127.0.0.1"));
            try (Tmux terminal = Tmux.start(dir, 160, 30, "./socklab chat 127.0.0.1 " + port + " --nick alice --rate 1;"
                    + " echo \"socklab exited $?\"; sleep 60")) {
                terminal.awaitScreen(screen -> screen.stream().anyMatch(line -> line.endsWith(" is now alice"))
                        && lastLine(screen).equals(PROMPT.strip()), START, "alice at the prompt");

                // At one line a second, once the room has "first", "second" waits a second for the pace, outside the
                // line editor, which has put the terminal's keys out of keypad mode: Up comes as the terminal sends it
                // then, and still reaches the next prompt as Up.
                terminal.type("first\nsecond\n");
                terminal.awaitScreen(s -> s.stream().anyMatch(line -> line.endsWith("] <alice> first")), SOON,
                        "the first line sent");
                terminal.press("Up");
                terminal.type(" again");

                terminal.awaitScreen(s -> lastLine(s).equals(PROMPT + "second again"), SOON,
                        "the line back from the history, with what was typed after it");
                terminal.press("Enter");
                List<String> screen = terminal.awaitScreen(
                        s -> s.stream().anyMatch(line -> line.endsWith("] <alice> second again")), SOON,
                        "the line recalled and sent");
                assertThat(screen).as("what the room heard").anyMatch(line -> line.endsWith("] <alice> first"))
                        .anyMatch(line -> line.endsWith("] <alice> second"));
            }
        }
    }

    @Test
    void onATerminalTheServersReasonForClosingEndsThePromptWithExitCodeFour() throws Exception {
        try (Launched server = Launched.socklab("serve", "chat:0", "--ipv4-only", "--chat-rate", "1",
                "--chat-burst", "1")) {
            String port = String.valueOf(server.boundPort("chat", "tcp", "127.0.0.1"));
            try (Tmux terminal = Tmux.start(dir, 160, 30, "./socklab chat 127.0.0.1 " + port + ";"
                    + " echo \"socklab exited $?\"; sleep 60")) {
                terminal.awaitScreen(screen -> screen.stream().anyMatch(line -> line.endsWith(" joined lobby"))
                        && lastLine(screen).equals(PROMPT.strip()), START, "the prompt");

                // Four lines typed at once: one within the rate, one over it (a warning), one more (disconnected),
                // and one for a token that a machine stalled for a second may have given back meanwhile.
                terminal.type("one\ntwo\nthree\nfour\n");

                List<String> screen = terminal.awaitScreen(s -> lastLine(s).equals("socklab exited 4"), SOON,
                        "socklab chat ending when the server closes");
                assertThat(screen).anyMatch(line -> line.endsWith("] !! disconnected: flooding"))
                        .contains("socklab: the server closed the connection: disconnected: flooding");
            }
        }
    }

    private static Predicate<String> endsWith(String end) {
        return line -> line.endsWith(end);
    }

    /** The last line of the screen with anything on it: where the prompt is while one is shown. */
    private static String lastLine(List<String> screen) {
        return screen.stream().filter(line -> !line.isBlank()).reduce((first, second) -> second).orElse("");
    }

    private static int indexOf(List<String> screen, Predicate<String> test) {
        for (int i = screen.size() - 1; i >= 0; i--) {
            if (test.test(screen.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no such line on the screen: " + screen);
    }
}
