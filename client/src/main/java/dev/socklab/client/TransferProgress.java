package dev.socklab.client;

import java.util.OptionalLong;

/** What a file transfer reports while it runs, for a progress bar or a summary line. */
public interface TransferProgress {
    /** Reports nothing. */
    TransferProgress NONE = new TransferProgress() {
        @Override
        public void started(OptionalLong total) {
        }

        @Override
        public void moved(long bytes) {
        }
    };

    /**
     * The transfer has begun.
     *
     * @param total the bytes it will move, when the server or the file said
     */
    void started(OptionalLong total);

    /**
     * The bytes moved so far in this transfer: received and written, or sent and acknowledged.
     *
     * @param bytes the total so far, not an increment
     */
    void moved(long bytes);
}
