package dev.socklab.services.tftp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A file's bytes as netascii (RFC 1350, after RFC 764): each LF goes out as CR LF, each CR as CR
 * NUL. A pair that a block's end splits is finished at the start of the next block.
 */
final class NetasciiEncoder implements BlockSource {
    private static final int NONE = -1;

    private final FileChannel file;
    private final ByteBuffer read = ByteBuffer.allocate(8192).flip();
    private int pending = NONE;
    private boolean ended;

    NetasciiEncoder(FileChannel file) {
        this.file = file;
    }

    @Override
    public void fill(ByteBuffer block) throws IOException {
        while (block.hasRemaining()) {
            if (pending != NONE) {
                block.put((byte) pending);
                pending = NONE;
                continue;
            }
            if (!read.hasRemaining() && !refill()) {
                return;
            }
            byte b = read.get();
            if (b == '\n') {
                block.put((byte) '\r');
                pending = '\n';
            } else if (b == '\r') {
                block.put((byte) '\r');
                pending = 0;
            } else {
                block.put(b);
            }
        }
    }

    private boolean refill() throws IOException {
        if (ended) {
            return false;
        }
        read.clear();
        int n = file.read(read);
        read.flip();
        ended = n < 0;
        return n > 0;
    }
}
