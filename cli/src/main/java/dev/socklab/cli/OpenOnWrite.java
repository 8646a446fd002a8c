package dev.socklab.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import dev.socklab.text.IoFailure;

/**
 * A download's file, opened only when its first byte comes (or at {@link #complete} for an empty
 * file): a server that refuses the download leaves no file, nor an existing one emptied.
 */
final class OpenOnWrite extends OutputStream {
    private final Path file;
    private final boolean append;
    private OutputStream out;

    OpenOnWrite(Path file, boolean append) {
        this.file = file;
        this.append = append;
    }

    @Override
    public void write(int b) throws IOException {
        open().write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        open().write(bytes, offset, length);
    }

    /** Creates the file if nothing came: the download was of an empty file. */
    void complete() throws IOException {
        open();
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }

    private OutputStream open() {
        if (out == null) {
            try {
                out = append ? Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
                        : Files.newOutputStream(file);
            } catch (IOException e) {
                throw new Errors.UsageException("cannot write " + file + ": " + IoFailure.reason(e));
            }
        }
        return out;
    }
}
