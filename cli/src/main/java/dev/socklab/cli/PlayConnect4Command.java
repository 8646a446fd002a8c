package dev.socklab.cli;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.socklab.client.ChatClient;
import dev.socklab.client.ClientConnection;
import dev.socklab.services.connect4.Connect4Settings;

/**
 * {@code socklab play connect4}: a player of socklab's connect4 service, on a terminal (a
 * {@link ChatTerminal}, with the board in colour where the terminal has it) or in a script, whose
 * input it relays, as {@code socklab chat} does. Not a {@link ClientCommand}: connect4 has no UDP side.
 */
@Command(name = "connect4", mixinStandardHelpOptions = true, versionProvider = SocklabCommand.Version.class,
        description = {"Plays connect four on a connect4 server: type your nickname, then /play to meet the next"
                + " player, or /challenge NICK; in a game, a column number 1 to 7 and Enter drops your disc.",
                "What the server says, the board after each move among it, is printed as it comes; /help lists the"
                + " commands, /quit leaves.",
                "On a terminal: a line editor; the board is in colour unless NO_COLOR is set, and Ctrl-D leaves.",
                "Otherwise: standard input's lines are sent; at its end the client leaves with /quit."},
        footer = {"", "Exit code 4 when the server closes the connection first (it says why, if so).",
                "", "Examples:",
                "  socklab play connect4 --nick alice      localhost, port 10004",
                "  socklab play connect4 192.0.2.7 10004",
                "  socklab play connect4 --unix /tmp/connect4.sock"})
final class PlayConnect4Command implements Callable<Integer> {
    private static final String SERVICE = "connect4";
    /** The server's flood control by default, so that a paste of moves is not cut off. */
    private static final int RATE = Connect4Settings.DEFAULTS.rate();

    @Mixin
    ServerAddress server;

    @Mixin
    ClientOptions options;

    @Option(names = "--nick", paramLabel = "NAME", description = "Take this nickname on arrival (sends it as the first line).")
    String nick;

    @Override
    public Integer call() throws IOException {
        if (nick != null && !ChatCommand.NICK.matcher(nick).matches()) {
            throw new Errors.UsageException("--nick takes one word, with no spaces or control characters, not '"
                    + nick + "'");
        }
        ChatClient.Ending end = options.talk(server.host(), server.port(SERVICE), SERVICE, false, this::converse,
                datagrams -> {
                    throw new IllegalStateException("connect4 has no UDP conversation");
                });
        Optional<IOException> failure = end.failure();
        if (failure.isPresent()) {
            throw failure.get();
        }
        return ExitCode.OK.code;
    }

    private ChatClient.Ending converse(ClientConnection conn) throws IOException {
        return new LineConversation("socklab play connect4", Optional.ofNullable(nick), RATE, options.timeout,
                BoardColours::paint).hold(conn);
    }
}
