package dev.socklab.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A stream of a server's lines on their way to standard output, each made visible as
 * {@link ServerText} says once its line end has come, so that an escape sequence cut in two by the
 * reads is shown whole. A stream of lines whose length its writer bounds (chargen's 8 KiB).
 * Closing it writes a last line that had no end, and flushes; standard output stays open.
 */
final class VisibleLines extends OutputStream {
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

    private void writeLine() throws IOException {
        if (line.size() > 0) {
            out.write(how.shown(line.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
            line.reset();
        }
    }
}
