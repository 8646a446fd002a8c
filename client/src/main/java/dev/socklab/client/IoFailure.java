package dev.socklab.client;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Map;

/**
 * The errno that a failed {@code send}, {@code recv} or {@code shutdown} stands for, for its trace
 * line: {@code EPIPE (Broken pipe)}. The JDK reports these with the C library's strerror text, so
 * the text is what tells them apart, as in {@link ConnectFailure}.
 */
final class IoFailure {
    private static final Map<String, String> ERRNO_BY_STRERROR = Map.of(
            "Broken pipe", "EPIPE",
            "Connection reset", "ECONNRESET",
            "Transport endpoint is not connected", "ENOTCONN",
            "Connection timed out", "ETIMEDOUT",
            "No route to host", "EHOSTUNREACH",
            "Network is unreachable", "ENETUNREACH");

    private IoFailure() {
    }

    /** {@code EPIPE (Broken pipe)}, {@code EBADF (socket closed)}, or {@code error (message)} for anything else. */
    static String errno(IOException e) {
        if (e instanceof ClosedChannelException) {
            // Java refuses the call itself; a C program would get EBADF from a closed descriptor.
            return "EBADF (socket closed)";
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return ERRNO_BY_STRERROR.entrySet().stream()
                .filter(known -> message.contains(known.getKey()))
                .map(known -> known.getValue() + " (" + message + ")")
                .findFirst()
                .orElse("error (" + message + ")");
    }
}
