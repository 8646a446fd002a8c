package dev.socklab.client;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import dev.socklab.text.Durations;

/**
 * Why one connect attempt failed, twice over: the errno a C program would see, for the trace line
 * ({@code connect([::1]:10000) = ECONNREFUSED}), and a few words for the error message
 * ({@code [::1]:10000 refused}).
 */
record ConnectFailure(String errno, String reason) {
    /**
     * The JDK reports connect errors with the C library's strerror text, so the text is what tells
     * them apart: the exception's class does not (a missing Unix socket file is a plain
     * {@code SocketException}, like many others).
     */
    private static final Map<String, ConnectFailure> BY_STRERROR = Map.of(
            "Connection refused", new ConnectFailure("ECONNREFUSED", "refused"),
            "No such file or directory", new ConnectFailure("ENOENT", "no such socket file"),
            "Network is unreachable", new ConnectFailure("ENETUNREACH", "network unreachable"),
            "No route to host", new ConnectFailure("EHOSTUNREACH", "no route to host"),
            "Cannot assign requested address", new ConnectFailure("EADDRNOTAVAIL", "address not available"),
            "Permission denied", new ConnectFailure("EACCES", "permission denied"),
            "Connection timed out", new ConnectFailure("ETIMEDOUT", "timed out"));

    /** The failure that {@code e}, thrown by connect or finishConnect, stands for. */
    static ConnectFailure of(IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return BY_STRERROR.entrySet().stream()
                .filter(known -> message.contains(known.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseGet(() -> new ConnectFailure("error (" + message + ")", message));
    }

    /** No answer to the connect within {@code timeout}: the SYN or its reply was lost or dropped. */
    static ConnectFailure timedOut(Duration timeout) {
        return new ConnectFailure("ETIMEDOUT", "timed out after " + Durations.format(timeout));
    }
}
