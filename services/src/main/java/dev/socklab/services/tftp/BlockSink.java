package dev.socklab.services.tftp;

import java.io.IOException;
import java.nio.ByteBuffer;

import dev.socklab.services.storage.FileRoot;

/** Where a write transfer's blocks go: into an upload as they are (octet), or from netascii. */
interface BlockSink {
    /** Stores {@code block}'s bytes. */
    void write(ByteBuffer block) throws IOException;

    /** Stores what a block's end held back, once the last block is in. */
    void finish() throws IOException;

    /** The blocks as they are: mode {@code octet}. */
    static BlockSink octet(FileRoot.Upload upload) {
        return new BlockSink() {
            @Override
            public void write(ByteBuffer block) throws IOException {
                upload.write(block);
            }

            @Override
            public void finish() {
                // octet holds nothing back
            }
        };
    }
}
