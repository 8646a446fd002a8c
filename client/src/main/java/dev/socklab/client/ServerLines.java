package dev.socklab.client;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Cuts what a line-based server sends into lines: UTF-8 text, each ended by LF or CRLF, delivered
 * without its end. A line longer than the bound is delivered in pieces of the bound, so a server
 * that never ends a line costs bounded memory. Control characters other than tab are made visible
 * ({@code ^[} for ESC), so that a server cannot move the cursor or recolour the terminal.
 */
final class ServerLines {
    private final int maxBytes;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    /** Whether the last line delivered was cut at the bound, its line end still to come. */
    private boolean cut;

    /** Lines of at most {@code maxBytes}, not counting their end. */
    ServerLines(int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, not " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** Takes the bytes from {@code bytes}' position to its limit, and delivers each line they complete. */
    void feed(ByteBuffer bytes, Consumer<String> deliver) {
        while (bytes.hasRemaining()) {
            byte b = bytes.get();
            if (b == '\n') {
                String line = take();
                // The line end of a line just cut at the bound ends that line, not an empty one.
                if (!line.isEmpty() || !cut) {
                    deliver.accept(line);
                }
                cut = false;
            } else {
                pending.write(b);
                if (pending.size() == maxBytes) {
                    deliver.accept(take());
                    cut = true;
                }
            }
        }
    }

    /** At EOF: delivers the bytes received since the last line end, if any, as a last line. */
    void finish(Consumer<String> deliver) {
        if (pending.size() > 0) {
            deliver.accept(take());
        }
        cut = false;
    }

    private String take() {
        byte[] line = pending.toByteArray();
        pending.reset();
        int length = line.length > 0 && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
        return visible(new String(line, 0, length, StandardCharsets.UTF_8));
    }

    /** {@code text} with each control character but tab in caret notation ({@code ^[}, {@code ^?}), C1 codes as U+FFFD. */
    static String visible(String text) {
        if (text.chars().noneMatch(c -> Character.isISOControl(c) && c != '\t')) {
            return text;
        }
        StringBuilder shown = new StringBuilder(text.length() + 8);
        text.chars().forEach(c -> {
            if (c == '\t' || !Character.isISOControl(c)) {
                shown.append((char) c);
            } else if (c < 0x20 || c == 0x7f) {
                shown.append('^').append((char) (c ^ 0x40));
            } else {
                shown.append('\uFFFD');
            }
        });
        return shown.toString();
    }
}
