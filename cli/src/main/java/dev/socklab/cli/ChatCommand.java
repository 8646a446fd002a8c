package dev.socklab.cli;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import org.jline.utils.AttributedString;

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
    static final Pattern NICK = Pattern.compile("[^\\s\\p{Cntrl}]+");
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
        return new LineConversation("socklab chat", Optional.ofNullable(nick).map(name -> "/nick " + name), rate,
                options.timeout, AttributedString::new).hold(conn);
    }
}
