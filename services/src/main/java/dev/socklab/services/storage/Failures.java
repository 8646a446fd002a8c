package dev.socklab.services.storage;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Objects;

import dev.socklab.text.IoFailure;

/** The file system's failures sorted into the kinds a protocol answers, each as one sentence about the client's path. */
final class Failures {
    /** What Linux says for ENOSPC and EDQUOT; the JDK gives a full disk no type of its own. */
    private static final String[] DISK_FULL_REASONS = {"No space left on device", "Disk quota exceeded"};

    private Failures() {
    }

    /** {@code e}, met doing {@code what} (a phrase: "cannot read /a.txt"), as a {@link StorageException}. */
    static StorageException of(IOException e, String what) {
        return switch (e) {
            case StorageException already -> already;
            case NoSuchFileException x -> new StorageException(StorageException.Kind.NOT_FOUND, what + ": no such file or directory", e);
            case AccessDeniedException x -> new StorageException(StorageException.Kind.DENIED, what + ": permission denied", e);
            case FileAlreadyExistsException x -> new StorageException(StorageException.Kind.EXISTS, what + ": the name is taken", e);
            case DirectoryNotEmptyException x -> new StorageException(StorageException.Kind.DENIED, what + ": the directory is not empty", e);
            default -> isDiskFull(e)
                    ? new StorageException(StorageException.Kind.DISK_FULL, what + ": the disk is full", e)
                    : new StorageException(StorageException.Kind.DENIED, what + ": " + IoFailure.reason(e), e);
        };
    }

    /**
     * Whether {@code e} is ENOSPC or EDQUOT. The JDK reports both as a plain {@link IOException} (from a
     * write) or a {@link FileSystemException} (from a rename or a create) carrying only the system's
     * message, so the message is all there is to go by.
     */
    static boolean isDiskFull(IOException e) {
        String reason = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getMessage();
        for (String full : DISK_FULL_REASONS) {
            if (Objects.requireNonNullElse(reason, "").contains(full)) {
                return true;
            }
        }
        return false;
    }
}
