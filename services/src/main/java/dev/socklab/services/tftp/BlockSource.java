package dev.socklab.services.tftp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Where a read transfer's blocks come from: a file's bytes as they are (octet), or as netascii. */
@FunctionalInterface
interface BlockSource {
    /** Puts the next bytes into {@code block} up to its limit; fewer only at the end of the file. */
    void fill(ByteBuffer block) throws IOException;

    /** The file's bytes as they are: mode {@code octet}. */
    static BlockSource octet(FileChannel file) {
        return block -> {
            while (block.hasRemaining() && file.read(block) >= 0) {
                // a file read may return fewer bytes than asked; read on until the block is full or the file ends
            }
        };
    }
}
