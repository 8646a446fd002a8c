package dev.socklab.services.storage;

import java.io.IOException;

/**
 * Why a path or an upload was refused, as one sentence a client can be shown, and its kind, which
 * each protocol maps to its own error (TFTP's error codes, FTP's 550/552/553/452 replies).
 */
public final class StorageException extends IOException {
    /** What went wrong, in the terms the protocols' errors distinguish. */
    public enum Kind {
        /** No such file or directory (or one that is hidden, or a link). */
        NOT_FOUND,
        /** The path is not allowed: it leaves the root, or the operation is not permitted. */
        DENIED,
        /** The name itself is refused: NUL, a control character, a hidden name, {@code ..} out of the root. */
        BAD_NAME,
        /** The target exists and may not be replaced (or must not exist). */
        EXISTS,
        /** A quota (per upload, per source) would be passed. */
        QUOTA,
        /** The disk is full. */
        DISK_FULL
    }

    private final Kind kind;

    public StorageException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public StorageException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }
}
