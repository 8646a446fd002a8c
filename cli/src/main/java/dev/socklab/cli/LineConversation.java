package dev.socklab.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.jline.utils.AttributedString;

import dev.socklab.client.ChatClient;
import dev.socklab.client.ClientConnection;

/**
 * A conversation in lines with a server that a person or a script holds, as {@code socklab chat}
 * and {@code socklab play connect4} do: on a terminal, a {@link ChatTerminal}; otherwise standard
 * input's lines are sent and the server's printed as they come.
 *
 * @param name the program's name on the terminal, such as {@code socklab chat}
 * @param firstLine sent before anything typed, if present (a nickname)
 * @param linesPerSecond the client's pace; 0 for none
 * @param drain how long the server may take to close once this side leaves
 * @param colours how a server's line is coloured on a terminal that has colours and where {@code NO_COLOR} is
 *     not set
 */
record LineConversation(String name, Optional<String> firstLine, int linesPerSecond, Duration drain,
                        Function<String, AttributedString> colours) {
    /** Holds the conversation on {@code conn}; returns how it ended. */
    ChatClient.Ending hold(ClientConnection conn) throws IOException {
        Optional<ChatTerminal> terminal = ChatTerminal.open(name);
        if (terminal.isPresent()) {
            try (ChatTerminal screen = terminal.get()) {
                return screen.talk(conn, firstLine, linesPerSecond, drain,
                        screen.hasColours() ? colours : AttributedString::new);
            }
        }
        // Not a terminal: plain lines both ways, UTF-8 as the protocol is, whatever the locale.
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (ChatClient chat = ChatClient.start(conn, linesPerSecond, out::println)) {
            if (firstLine.isPresent()) {
                try {
                    chat.send(firstLine.get());
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
