package dev.socklab.text;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Objects;

/** Why a file could not be read, in words for the person who named it. */
public final class IoFailure {
    private IoFailure() {
    }

    /**
     * {@code no such file}, {@code permission denied}, or the system's own reason: never the bare
     * path, which is what the JDK gives as the message of the commonest failures.
     */
    public static String reason(IOException e) {
        return switch (e) {
            case NoSuchFileException x -> "no such file";
            case AccessDeniedException x -> "permission denied";
            case FileSystemException x when x.getReason() != null -> x.getReason();
            default -> Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
        };
    }
}
