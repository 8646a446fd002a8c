package dev.socklab.services.tftp;

import java.io.IOException;
import java.nio.ByteBuffer;

import dev.socklab.services.storage.FileRoot;

/**
 * Netascii (RFC 1350, after RFC 764) into a file's bytes: CR LF becomes LF, CR NUL becomes CR, and
 * a CR before anything else stays as it came. A CR at a block's end waits for the next block to say
 * what it was.
 */
final class NetasciiDecoder implements BlockSink {
    private final FileRoot.Upload upload;
    private final ByteBuffer out = ByteBuffer.allocate(8192);
    private boolean carriageReturn;

    NetasciiDecoder(FileRoot.Upload upload) {
        this.upload = upload;
    }

    @Override
    public void write(ByteBuffer block) throws IOException {
        while (block.hasRemaining()) {
            byte b = block.get();
            if (carriageReturn) {
                carriageReturn = false;
                if (b == '\n' || b == 0) {
                    put(b == '\n' ? (byte) '\n' : (byte) '\r');
                    continue;
                }
                put((byte) '\r');
            }
            if (b == '\r') {
                carriageReturn = true;
            } else {
                put(b);
            }
        }
        flush();
    }

    @Override
    public void finish() throws IOException {
        if (carriageReturn) {
            carriageReturn = false;
            put((byte) '\r');
        }
        flush();
    }

    private void put(byte b) throws IOException {
        if (!out.hasRemaining()) {
            flush();
        }
        out.put(b);
    }

    private void flush() throws IOException {
        out.flip();
        while (out.hasRemaining()) {
            upload.write(out);
        }
        out.clear();
    }
}
