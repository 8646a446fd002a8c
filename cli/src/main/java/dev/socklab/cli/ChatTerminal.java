package dev.socklab.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.jline.keymap.KeyMap;
import org.jline.reader.Binding;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.InfoCmp;

import dev.socklab.client.ChatClient;
import dev.socklab.client.ClientConnection;

/**
 * {@code socklab chat} (and {@code socklab play connect4}) on a terminal: JLine's line editor, with
 * history, where what the room says is printed above the line being typed and leaves it as it was.
 * Ctrl-D and Ctrl-C leave, as {@code /quit} does.
 *
 * <p>The reader thread wakes the prompt when the server closes by interrupting the thread in
 * {@code readLine}, which JLine turns into a {@link UserInterruptException}; the interrupt is
 * only ever sent while that thread is in {@code readLine}, and cleared when it comes out.
 */
final class ChatTerminal implements AutoCloseable {
    private static final String PROMPT = "> ";
    private static final int HISTORY_SIZE = 500;

    private final Terminal terminal;
    private final LineReader reader;
    /** Guards {@link #prompting} and {@link #ended}. */
    private final Object wake = new Object();
    /** The thread in {@code readLine}, or null. */
    private Thread prompting;
    private boolean ended;

    private ChatTerminal(Terminal terminal, String name) {
        this.terminal = terminal;
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName(name)
                // A line goes as it was typed: no history expansion of "!!" or "!word".
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .variable(LineReader.HISTORY_SIZE, HISTORY_SIZE)
                .build();
        bindCursorKeysInNormalMode();
    }

    /**
     * JLine binds the cursor keys as the terminal sends them in keypad mode, which it turns on only while it reads a
     * line: a key pressed while a line is being sent (the pace may hold it for a second) comes in normal mode
     * ({@code ESC [ A} for Up), and would reach the next prompt as ESC and the text "[A". Each is bound both ways.
     */
    private void bindCursorKeysInNormalMode() {
        KeyMap<Binding> main = reader.getKeyMaps().get(LineReader.MAIN);
        Map<InfoCmp.Capability, String> normal = Map.of(InfoCmp.Capability.key_up, "\033[A",
                InfoCmp.Capability.key_down, "\033[B", InfoCmp.Capability.key_right, "\033[C",
                InfoCmp.Capability.key_left, "\033[D", InfoCmp.Capability.key_home, "\033[H",
                InfoCmp.Capability.key_end, "\033[F");
        normal.forEach((key, sequence) -> {
            String keypad = KeyMap.key(terminal, key);
            Binding bound = keypad == null || keypad.isEmpty() ? null : main.getBound(keypad);
            if (bound != null && main.getBound(sequence) == null) {
                main.bind(bound, sequence);
            }
        });
    }

    /**
     * The terminal, when standard input and standard output are both one; empty otherwise, and the
     * command then runs without JLine.
     *
     * @param name the program's name, such as {@code socklab chat}
     */
    static Optional<ChatTerminal> open(String name) throws IOException {
        if (System.console() == null) {
            return Optional.empty(); // not a terminal: the JDK says so at no cost
        }
        Terminal terminal = TerminalBuilder.builder()
                .name(name)
                .system(true)
                .systemOutput(TerminalBuilder.SystemOutput.SysOut)
                .dumb(true) // not a terminal: say nothing, the caller falls back
                .build();
        if (List.of(Terminal.TYPE_DUMB, Terminal.TYPE_DUMB_COLOR).contains(terminal.getType())) {
            terminal.close();
            return Optional.empty();
        }
        return Optional.of(new ChatTerminal(terminal, name));
    }

    /** Whether lines may be coloured: the terminal has colours, and the user has not asked for none ({@code NO_COLOR}). */
    boolean hasColours() {
        Integer colours = terminal.getNumericCapability(InfoCmp.Capability.max_colors);
        String noColor = System.getenv("NO_COLOR");
        return colours != null && colours >= 8 && (noColor == null || noColor.isEmpty());
    }

    /**
     * Holds the conversation: sends {@code firstLine} if given (a nickname), then each line typed,
     * prints each line that comes above the prompt, as {@code style} shows it, and leaves at Ctrl-D or
     * Ctrl-C.
     *
     * @param linesPerSecond the client's pace (a paste of many lines goes out at it); 0 for none
     * @param drain how long the server may take to close once this side leaves
     * @param style how a line from the server shows: its text as it came, or coloured
     * @return how the conversation ended
     */
    ChatClient.Ending talk(ClientConnection conn, Optional<String> firstLine, int linesPerSecond, Duration drain,
                           Function<String, AttributedString> style) throws IOException {
        // Raw from the first prompt to the end, not only inside readLine: keys typed while a line is being sent (the
        // pace may hold it for a second) wait for the next prompt, which shows them, rather than being echoed by the
        // terminal wherever the cursor is ("^[[A" for Up, above the prompt).
        Attributes cooked = terminal.enterRawMode();
        try (ChatClient chat = ChatClient.start(conn, linesPerSecond, line -> reader.printAbove(style.apply(line)))) {
            chat.ending().thenRun(this::serverEnded);
            try {
                if (firstLine.isPresent()) {
                    chat.send(firstLine.get());
                }
                String typed;
                while ((typed = prompt()) != null) {
                    // A paste of several lines comes as one; each goes as a line of its own.
                    for (String line : typed.lines().toList()) {
                        if (!line.isEmpty()) {
                            chat.send(line);
                        }
                    }
                }
                chat.leave();
            } catch (IOException e) {
                // Sending failed, and leaving has begun: the ending says why.
            }
            return chat.awaitEnd(drain);
        } finally {
            terminal.setAttributes(cooked);
        }
    }

    @Override
    public void close() throws IOException {
        terminal.close();
    }

    /** The next line typed, or null to leave: Ctrl-D, Ctrl-C, or the server has closed. */
    private String prompt() {
        synchronized (wake) {
            if (ended) {
                return null;
            }
            prompting = Thread.currentThread();
        }
        try {
            return reader.readLine(PROMPT);
        } catch (UserInterruptException | EndOfFileException e) {
            return null;
        } finally {
            synchronized (wake) {
                prompting = null;
                Thread.interrupted(); // a wake-up that came as a line was accepted is not for the next prompt
            }
        }
    }

    private void serverEnded() {
        synchronized (wake) {
            ended = true;
            if (prompting != null) {
                prompting.interrupt();
            }
        }
    }
}
