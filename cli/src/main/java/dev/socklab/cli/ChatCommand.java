package dev.socklab.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.socklab.client.ChatClient;
import dev.socklab.client.ClientConnection;

/**
 * {@code socklab chat}: a chat room of socklab's chat service, on a terminal ({@link ChatTerminal})
 * or in a script, whose input this command relays. Not a {@link ClientCommand}: chat has no UDP side.
 */
@Command(name = "chat", mixinStandardHelpOptions = true, versionProvider = SocklabCommand.Version.class,
        description = {"Talks in a room of a chat server: each line typed goes to the room, and what the room says is"
                + " printed as it comes.",
                "A line starting with / is a command: /help lists them, /quit leaves.",
                "On a terminal: a line editor with history; messages appear above the line being typed, and Ctrl-D"
                + " leaves.",
                "Otherwise: standard input's lines are sent; at its end the client leaves with /quit and prints what"
                + " the server sends before it closes (within --timeout)."},
        footer = {"", "Exit code 4 when the server closes the connection first (it says why, if so).",
                "", "Examples:",
                "  socklab chat --nick alice              localhost, port 10003",
                "  socklab chat 192.0.2.7 10003",
                "  socklab chat --unix /tmp/chat.sock",
                "  printf '/join ops\\nbuild 42 is green\\n' | socklab chat --nick ci"})
final class ChatCommand implements Callable<Integer> {
    private static final String SERVICE = "chat";
    /** What the server accepts as a nickname, less its length limit, which it checks and explains itself. */
    private static final Pattern NICK = Pattern.compile("[^\\s\\p{Cntrl}]+");
    /** The chat service's flood control by default: 5 lines a second ({@code ChatSettings.DEFAULTS}). */
    static final String DEFAULT_RATE = "5";

    @Mixin
    ServerAddress server;

    @Mixin
    ClientOptions options;

    /** Not offered, since chat has no UDP side: taken only to tell whoever tries it so. */
    @Option(names = "--udp", hidden = true)
    boolean udp;

    @Option(names = "--nick", paramLabel = "NAME", description = "Take this nickname on arrival (sends /nick NAME).")
    String nick;

    @Option(names = "--rate", paramLabel = "LINES", defaultValue = DEFAULT_RATE,
            description = {"Send at most this many lines a second, in bursts of as many, so that a script or a paste"
                    + " is not cut off by the server's flood control (default: ${DEFAULT-VALUE}, what socklab's chat"
                    + " allows by default); match a server's --chat-rate, or 0 for no pacing."})
    int rate;

    @Override
    public Integer call() throws IOException {
        if (udp) {
            throw new Errors.UsageException("chat runs over TCP or a Unix socket, not UDP: drop --udp");
        }
        if (rate < 0) {
            throw new Errors.UsageException("--rate takes 0 (no pacing) or more lines a second, not " + rate);
        }
        if (nick != null && !NICK.matcher(nick).matches()) {
            throw new Errors.UsageException("--nick takes one word, with no spaces or control characters, not '"
                    + nick + "'");
        }
        ChatClient.Ending end = options.talk(server.host(), server.port(SERVICE), SERVICE, false, this::converse,
                datagrams -> {
                    throw new IllegalStateException("chat has no UDP conversation");
                });
        Optional<IOException> failure = end.failure();
        if (failure.isPresent()) {
            throw failure.get();
        }
        return ExitCode.OK.code;
    }

    private ChatClient.Ending converse(ClientConnection conn) throws IOException {
        Optional<String> name = Optional.ofNullable(nick);
        Duration drain = options.timeout;
        Optional<ChatTerminal> terminal = ChatTerminal.open();
        if (terminal.isPresent()) {
            try (ChatTerminal screen = terminal.get()) {
                return screen.talk(conn, name, rate, drain);
            }
        }
        // Not a terminal: plain lines both ways, UTF-8 as the protocol is, whatever the locale.
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (ChatClient chat = ChatClient.start(conn, rate, out::println)) {
            if (name.isPresent()) {
                try {
                    chat.send("/nick " + name.get());
                } catch (IOException e) {
                    return chat.awaitEnd(drain); // the server closed at once: the ending says why
                }
            }
            return relay(in, chat, drain);
        }
    }

    /**
     * Sends each line of {@code in} as it comes (empty lines are skipped, as the server would
     * ignore them) and, at its end, leaves; returns once the conversation has ended. The input is
     * read in a thread of its own, so that a server that closes first ends the conversation
     * without waiting for the input.
     *
     * @throws IOException if the input cannot be read (the conversation is left first), or this
     *     thread is interrupted
     */
    private static ChatClient.Ending relay(BufferedReader in, ChatClient chat, Duration drain) throws IOException {
        AtomicReference<IOException> unreadable = new AtomicReference<>();
        Thread.ofVirtual().name("chat-input").start(() -> {
            try {
                String line;
                while ((line = in.readLine()) != null && !chat.ending().isDone()) {
                    if (!line.isEmpty() && !sent(chat, line)) {
                        break;
                    }
                }
            } catch (IOException e) {
                unreadable.set(new IOException("cannot read the input: " + e.getMessage(), e));
            }
            chat.leave();
        });
        ChatClient.Ending end = chat.awaitEnd(drain);
        if (unreadable.get() != null) {
            throw unreadable.get();
        }
        return end;
    }

    /** Sends {@code line}; false when that failed, and leaving has begun: the ending says why. */
    private static boolean sent(ChatClient chat, String line) {
        try {
            chat.send(line);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
