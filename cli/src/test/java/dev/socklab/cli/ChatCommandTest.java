package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.socklab.net.SocketAddresses;
import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Transport;
import dev.socklab.services.chat.ChatService;
import dev.socklab.services.chat.ChatSettings;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/**
 * {@code socklab chat} without a terminal, run in process against socklab's chat service: standard
 * input's lines to the room, the room's lines to standard output.
 */
@Timeout(30)
// System.in is swapped too, by the tests that hold System.out, as in LabClientCommandsTest.
@ResourceLock(Resources.SYSTEM_OUT)
class ChatCommandTest {
    /** The time every server line starts with. */
    private static final String TIME = "\\[\\d\\d:\\d\\d:\\d\\d\\] ";

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void sendsStandardInputTakesTheNickAndLeavesAtItsEndWithExitCodeZero(StreamTransport transport) {
        Endpoint chat = serve(ChatSettings.DEFAULTS, transport);

        Captured run = run("hello, room\n\n//not a command\n", server(chat, "--nick", "alice"));

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        assertThat(run.err()).isEmpty();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).allMatch(line -> line.matches(TIME + ".*"));
        assertThat(lines.stream().map(line -> line.substring(11)))
                .startsWith("-- welcome to socklab chat, guest-1")
                .containsSubsequence("-- guest-1 joined lobby", "-- guest-1 is now alice", "<alice> hello, room",
                        "<alice> /not a command", "-- bye")
                .endsWith("-- bye");
    }

    @Test
    void aMemberDisconnectedForFloodingExitsFourAndSaysWhy() {
        ChatSettings strict = new ChatSettings(50, 100, 1000, 512, 1, 1, 256 * 1024, Duration.ofSeconds(30),
                Duration.ofMinutes(30));
        Endpoint chat = serve(strict, StreamTransport.TCP_IPV4);

        Captured run = run("one\ntwo\nthree\nfour\n", server(chat));

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isEqualTo(ExitCode.NETWORK.code);
        assertThat(run.err()).isEqualTo("socklab: the server closed the connection: disconnected: flooding"
                + System.lineSeparator());
        assertThat(run.out().lines().toList()).last().asString().matches(TIME + "!! disconnected: flooding");
    }

    @Test
    void aServerThatClosesFirstEndsTheChatWithoutWaitingForTheInputToEnd() throws IOException {
        ChatSettings strict = new ChatSettings(50, 100, 1000, 512, 1, 1, 256 * 1024, Duration.ofSeconds(30),
                Duration.ofMinutes(30));
        Endpoint chat = serve(strict, StreamTransport.TCP_IPV4);
        try (PipedOutputStream typing = new PipedOutputStream();
             PipedInputStream input = new PipedInputStream(typing)) {
            typing.write("one\ntwo\nthree\nfour\n".getBytes(StandardCharsets.UTF_8));
            typing.flush(); // and never closed while the command runs: the input has no end

            Captured run = run(input, server(chat));

            assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isEqualTo(ExitCode.NETWORK.code);
            assertThat(run.err()).isEqualTo("socklab: the server closed the connection: disconnected: flooding"
                    + System.lineSeparator());
        }
    }

    @Test
    @ResourceLock(Resources.SYSTEM_ERR)
    void anEmptyLineOfInputIsNotSent() {
        Endpoint chat = serve(ChatSettings.DEFAULTS, StreamTransport.TCP_IPV4);
        PrintStream err = System.err;
        ByteArrayOutputStream trace = new ByteArrayOutputStream();
        System.setErr(new PrintStream(trace, true, StandardCharsets.UTF_8));
        Captured run;
        try {
            run = run("one\n\n\ntwo\n", server(chat, "--trace"));
        } finally {
            System.setErr(err);
        }

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        assertThat(trace.toString(StandardCharsets.UTF_8).lines().filter(line -> line.contains(" send(")))
                .as("what was sent: one, two and /quit, each with CRLF")
                .map(line -> line.replaceFirst(".* (send\\(\\d+\\)) .*", "$1"))
                .containsExactly("send(5)", "send(5)", "send(7)");
    }

    @Test
    void chatsHelpOffersNoUdp() {
        CommandRun help = CommandRun.of("chat", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--unix").doesNotContain("--udp");
    }

    @ParameterizedTest(name = "socklab {0} --help")
    @ValueSource(strings = {"hello", "echo", "daytime", "arp", "rarp", "time", "discard", "chargen", "qotd"})
    void theOtherClientsHelpStillOffersUdp(String command) {
        String options = Main.commandLine(command).getSubcommands().get(command).getHelp().optionList();

        assertThat(options).contains("--udp");
    }

    @Test
    void aScriptLongerThanTheServersBurstArrivesWholeAtTheDefaultPace() {
        assertThat(ChatCommand.DEFAULT_RATE).isEqualTo(String.valueOf(ChatSettings.DEFAULTS.rate()));
        Endpoint chat = serve(ChatSettings.DEFAULTS, StreamTransport.TCP_IPV4);
        List<String> said = java.util.stream.IntStream.rangeClosed(1, 15).mapToObj(i -> "line " + i).toList();

        Captured run = run(String.join("\n", said) + "\n", server(chat));

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        assertThat(run.out()).doesNotContain("!!");
        assertThat(run.out().lines().filter(line -> line.contains("<guest-1> ")).map(line -> line.substring(line.indexOf("> ") + 2)))
                .containsExactlyElementsOf(said);
    }

    @Test
    void aNegativeRateIsRefused() {
        CommandRun.of("chat", "127.0.0.1", "9", "--rate", "-1")
                .failedWith(ExitCode.USAGE, "--rate takes 0 (no pacing) or more lines a second, not -1");
    }

    @Test
    void udpIsRefusedBeforeAnythingIsSent() {
        CommandRun.of("chat", "127.0.0.1", "9", "--udp")
                .failedWith(ExitCode.USAGE, "chat runs over TCP or a Unix socket, not UDP");
    }

    @Test
    void aNickOfTwoWordsIsRefused() {
        CommandRun.of("chat", "127.0.0.1", "9", "--nick", "alice smith")
                .failedWith(ExitCode.USAGE, "--nick takes one word", "'alice smith'");
    }

    private Endpoint serve(ChatSettings settings, StreamTransport transport) {
        return servers.stream("chat", new ChatService(settings, Clock.systemDefaultZone()), transport.endpoint(dir));
    }

    /** {@code chat HOST PORT} or {@code chat --unix PATH} for where {@code chat} is bound, then {@code more}. */
    private static String[] server(Endpoint chat, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("chat"));
        if (chat.transport() == Transport.UNIX) {
            args.addAll(List.of("--unix", ((UnixDomainSocketAddress) chat.address()).getPath().toString()));
        } else {
            InetSocketAddress address = (InetSocketAddress) chat.address();
            args.addAll(List.of(SocketAddresses.format(address.getAddress()), String.valueOf(address.getPort())));
        }
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** What the command wrote: the chat goes to System.out, its errors to picocli's err. */
    private record Captured(int exitCode, String out, String err) {
    }

    private static Captured run(String input, String... args) {
        return run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), args);
    }

    private static Captured run(InputStream input, String... args) {
        InputStream in = System.in;
        PrintStream out = System.out;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        System.setIn(input);
        System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
        try {
            CommandRun run = CommandRun.of(args);
            return new Captured(run.exitCode(), outBytes.toString(StandardCharsets.UTF_8), run.err());
        } finally {
            System.setIn(in);
            System.setOut(out);
        }
    }
}
