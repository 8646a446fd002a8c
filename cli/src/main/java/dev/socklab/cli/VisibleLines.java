package dev.socklab.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A stream of a server's lines on their way to standard output, each made visible as
 * {@link ServerText} says once its line end has come, so that an escape sequence cut in two by the
 * reads is shown whole. A line longer than {@link #MAX_HELD} bytes (a body with no line ends) is
 * shown in parts, each cut where a character begins, so that what is held stays bounded.
 * Closing it writes a last line that had no end, and flushes; standard output stays open.
 */
final class VisibleLines extends OutputStream {
    /** The most bytes of one line held back; far more than chargen's 8 KiB lines. */
    static final int MAX_HELD = 64 * 1024;

    private final OutputStream out;
    private final ServerText how;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    VisibleLines(OutputStream out, ServerText how) {
        this.out = out;
        this.how = how;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (!how.visible()) {
            out.write(bytes, offset, length);
            return;
        }
        for (int i = offset; i < offset + length; i++) {
            line.write(bytes[i]);
            if (bytes[i] == '\n') {
                writeLine();
            } else if (line.size() >= MAX_HELD) {
                writePart();
            }
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        writeLine();
        out.flush();
    }

    /**
     * Writes the line held so far but its last character, which may still be coming, and a CR
     * before it, which may be the start of a line end.
     */
    private void writePart() throws IOException {
        byte[] held = line.toByteArray();
        int cut = held.length - 1;
        while (cut > held.length - 4 && (held[cut] & 0xc0) == 0x80) {
            cut--; // a UTF-8 continuation byte: the character starts before it
        }
        if (cut > 0 && held[cut - 1] == '\r') {
            cut--;
        }
        out.write(how.shown(new String(held, 0, cut, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        line.reset();
        line.write(held, cut, held.length - cut);
    }

    private void writeLine() throws IOException {
        if (line.size() > 0) {
            out.write(how.shown(line.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
            line.reset();
        }
    }
}
