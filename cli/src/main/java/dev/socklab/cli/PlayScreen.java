package dev.socklab.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jline.keymap.BindingReader;
import org.jline.keymap.KeyMap;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;

import dev.socklab.arena.Buttons;
import dev.socklab.client.arena.ArenaClient;
import dev.socklab.client.arena.ArenaFrame;
import dev.socklab.client.arena.Switches;
import dev.socklab.text.Visible;

/**
 * {@code socklab play} on a terminal: the arena full screen ({@link ArenaPicture}), redrawn 30
 * times a second by JLine's {@link Display}, which sends only what changed; under it a message
 * line, the switches and the traffic ({@link PlayStatus}). Keys are read in raw mode, one binding
 * at a time, between frames. The screen is the terminal's alternate one, so that leaving puts back
 * what was there; leaving (q, Ctrl-C, Ctrl-D, the game's end, an error) always restores the
 * terminal: its modes, the cursor, the screen.
 */
final class PlayScreen implements AutoCloseable {
    private static final long FRAME_NANOS = Duration.ofSeconds(1).toNanos() / 30;
    /** The lines under the arena: message, switches, traffic. */
    private static final int STATUS_LINES = 3;

    /** What a key does. */
    private enum Key { UP, DOWN, LEFT, RIGHT, FIRE, PREDICTION, RECONCILIATION, INTERPOLATION, QUIT, NONE }

    private final Terminal terminal;
    private Attributes original;
    private Terminal.SignalHandler previousInterrupt;
    private volatile boolean quit;

    private PlayScreen(Terminal terminal) {
        this.terminal = terminal;
    }

    /** The terminal, when standard input and output are one that can draw; empty otherwise. */
    static Optional<PlayScreen> open() throws IOException {
        if (System.console() == null) {
            return Optional.empty(); // not a terminal: the JDK says so at no cost
        }
        Terminal terminal = TerminalBuilder.builder()
                .name("socklab play")
                .system(true)
                .systemOutput(TerminalBuilder.SystemOutput.SysOut)
                .dumb(true) // not a terminal: say nothing, the caller explains
                .build();
        if (List.of(Terminal.TYPE_DUMB, Terminal.TYPE_DUMB_COLOR).contains(terminal.getType())) {
            terminal.close();
            return Optional.empty();
        }
        return Optional.of(new PlayScreen(terminal));
    }

    /**
     * Plays until the player quits or the game ends: draws {@code client}'s frames, passes the
     * direction and fire keys to {@code keys} and the switch keys to the client.
     *
     * @param greeting the message line's text until the server sends a warning
     */
    void play(ArenaClient client, KeyHold keys, String greeting) throws IOException {
        enter();
        KeyMap<Key> keyMap = keyMap();
        BindingReader bindings = new BindingReader(terminal.reader());
        Display display = new Display(terminal, true);
        display.clear();
        long next = System.nanoTime();
        while (!quit && !client.ending().isDone()) {
            long wait = Math.max(1, (next - System.nanoTime()) / 1_000_000);
            int c = terminal.reader().peek(wait);
            if (c == NonBlockingReader.EOF) {
                return;
            }
            if (c >= 0) {
                act(bindings.readBinding(keyMap), client, keys);
            }
            long now = System.nanoTime();
            if (now - next >= 0) {
                draw(display, client.frame(), greeting);
                next = Math.max(next + FRAME_NANOS, now);
            }
        }
    }

    private void act(Key key, ArenaClient client, KeyHold keys) {
        if (key == null) {
            quit = true; // the input ended
            return;
        }
        long now = System.nanoTime();
        Switches switches = client.switches();
        switch (key) {
            case UP -> keys.press(Buttons.UP, now);
            case DOWN -> keys.press(Buttons.DOWN, now);
            case LEFT -> keys.press(Buttons.LEFT, now);
            case RIGHT -> keys.press(Buttons.RIGHT, now);
            case FIRE -> keys.fire();
            case PREDICTION -> client.switches(switches.flipPrediction());
            case RECONCILIATION -> client.switches(switches.flipReconciliation());
            case INTERPOLATION -> client.switches(switches.flipInterpolation());
            case QUIT -> quit = true;
            case NONE -> {
                // Not a key of the game.
            }
        }
    }

    private void draw(Display display, ArenaFrame frame, String greeting) {
        Size size = terminal.getSize();
        int rows = Math.max(1, size.getRows());
        // The last column stays empty: a character there would wrap a line on some terminals.
        int columns = Math.max(1, size.getColumns() - 1);
        display.resize(rows, size.getColumns());
        List<String> lines = new ArrayList<>(ArenaPicture.draw(frame, columns, Math.max(0, rows - STATUS_LINES)));
        lines.add(frame.warning().map(w -> "the server warns: " + Visible.of(w)).orElse(greeting));
        lines.add(PlayStatus.switches(frame.switches()));
        lines.add(PlayStatus.traffic(frame));
        List<AttributedString> shown = lines.subList(Math.max(0, lines.size() - rows), lines.size()).stream()
                .map(line -> new AttributedString(line.length() > columns ? line.substring(0, columns) : line))
                .toList();
        display.update(shown, size.cursorPos(shown.size() - 1, 0));
    }

    private KeyMap<Key> keyMap() {
        KeyMap<Key> keys = new KeyMap<>();
        keys.setNomatch(Key.NONE);
        keys.setUnicode(Key.NONE);
        // Arrows as terminfo says, and as both cursor-key modes send them.
        bind(keys, Key.UP, Capability.key_up, "A", "w", "W");
        bind(keys, Key.DOWN, Capability.key_down, "B", "s", "S");
        bind(keys, Key.RIGHT, Capability.key_right, "C", "d", "D");
        bind(keys, Key.LEFT, Capability.key_left, "D", "a", "A");
        keys.bind(Key.FIRE, " ");
        keys.bind(Key.PREDICTION, "p", "P");
        keys.bind(Key.RECONCILIATION, "r", "R");
        keys.bind(Key.INTERPOLATION, "i", "I");
        keys.bind(Key.QUIT, "q", "Q", KeyMap.ctrl('C'), KeyMap.ctrl('D'));
        return keys;
    }

    private void bind(KeyMap<Key> keys, Key key, Capability arrow, String arrowLetter, String... letters) {
        String fromTerminfo = KeyMap.key(terminal, arrow);
        if (fromTerminfo != null && !fromTerminfo.isEmpty()) {
            keys.bind(key, fromTerminfo);
        }
        keys.bind(key, KeyMap.esc() + "[" + arrowLetter, KeyMap.esc() + "O" + arrowLetter);
        keys.bind(key, letters);
    }

    /** Full screen: raw keys, the alternate screen, no cursor; Ctrl-C quits the game rather than the JVM. */
    private void enter() {
        original = terminal.enterRawMode();
        previousInterrupt = terminal.handle(Terminal.Signal.INT, signal -> quit = true);
        terminal.puts(Capability.enter_ca_mode);
        terminal.puts(Capability.keypad_xmit);
        terminal.puts(Capability.cursor_invisible);
        terminal.flush();
    }

    /** Puts the terminal back as it was, whatever ended the game, and closes it. */
    @Override
    public void close() throws IOException {
        try {
            if (original != null) {
                terminal.puts(Capability.cursor_visible);
                terminal.puts(Capability.keypad_local);
                terminal.puts(Capability.exit_ca_mode);
                terminal.flush();
                terminal.setAttributes(original);
                terminal.handle(Terminal.Signal.INT, previousInterrupt);
            }
        } finally {
            terminal.close();
        }
    }
}
