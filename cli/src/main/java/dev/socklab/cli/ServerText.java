package dev.socklab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.socklab.text.Visible;

/**
 * How a client command prints what a server sent. When standard output is a terminal, through
 * {@link Visible#of}: a server's escape sequences would otherwise set the terminal's title, clear
 * its screen or write the user's clipboard (OSC 52), and a bidi control would reorder the line.
 * Otherwise (a pipe, a file) as it came, as nc and curl pass it: a script gets the server's exact
 * text, and whatever shows the pipe's end to a person is the one that must escape it.
 */
final class ServerText {
    /** Standard output, which Linux and macOS both name so; stat follows it to the terminal, pipe or file. */
    private static final Path STANDARD_OUTPUT = Path.of("/dev/stdout");
    private static final Path STANDARD_ERROR = Path.of("/dev/stderr");
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;

    private final boolean terminal;

    private ServerText(boolean terminal) {
        this.terminal = terminal;
    }

    /** As this process's standard output needs it. */
    static ServerText forStandardOutput() {
        return new ServerText(isTerminal(STANDARD_OUTPUT));
    }

    /** Whether standard error is a terminal (or another character device), where a progress bar may be drawn. */
    static boolean standardErrorIsTerminal() {
        return isTerminal(STANDARD_ERROR);
    }

    /** As a terminal ({@code true}) or a pipe needs it, whatever standard output is: for tests. */
    static ServerText forTerminal(boolean terminal) {
        return new ServerText(terminal);
    }

    /** Whether the text is made visible. */
    boolean visible() {
        return terminal;
    }

    /** {@code text} as it is printed: made visible on a terminal, as it came otherwise. */
    String shown(String text) {
        return terminal ? Visible.of(text) : text;
    }

    /**
     * Whether the standard stream {@code stream} names is a character device: a terminal, or a device such as
     * {@code /dev/null} where showing the text visibly harms nothing. One {@code stat}, with no
     * process started and no native code. Where the system cannot say (no {@code /dev/stdout}),
     * the text is shown visibly, as to a person.
     */
    private static boolean isTerminal(Path stream) {
        try {
            return ((Integer) Files.getAttribute(stream, "unix:mode") & S_IFMT) == S_IFCHR;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return true;
        }
    }

    /** A command that prints a server's text, and may be told how: tests run it as on a terminal. */
    interface Printer {
        /** Prints the server's text as {@code how} says, from now on. */
        void serverText(ServerText how);
    }
}
