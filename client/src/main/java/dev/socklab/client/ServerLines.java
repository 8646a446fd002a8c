package dev.socklab.client;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import dev.socklab.text.Visible;

/**
 * Cuts what a line-based server sends into lines: UTF-8 text, each ended by LF or CRLF, delivered
 * without its end. A line longer than the bound is delivered in pieces of the bound, so a server
 * that never ends a line costs bounded memory. Control characters other than tab, and bidi, zero-width
 * and other format characters, are made visible ({@code ^[} for ESC, {@code <U+202E>}:
 * {@link Visible#of}), so that a server cannot move the cursor, recolour the terminal, or hide or
 * reorder a part of a line.
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
        return Visible.of(new String(line, 0, length, StandardCharsets.UTF_8));
    }
}
