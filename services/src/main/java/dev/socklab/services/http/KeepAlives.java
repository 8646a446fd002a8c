package dev.socklab.services.http;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.socklab.http.HttpInput;
import dev.socklab.service.Connection;

/**
 * The connections waiting between requests, so that a stopping server ends them at once, as
 * nginx does, rather than wait out their keep-alive: each gets a FIN (the close a client of a
 * persistent connection expects at any time), while a connection in the middle of a request
 * finishes it, answered with {@code Connection: close}. A connection is taken either by its own
 * thread, when a request comes, or by the stop, never both, so a response is never cut by it.
 */
final class KeepAlives {
    private final Set<Waiting> waiting = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    private record Waiting(Connection connection, AtomicBoolean taken) {
    }

    /** Whether the server is stopping: the response under way says {@code Connection: close}. */
    boolean stopping() {
        return stopping;
    }

    /**
     * Waits up to {@code keepAlive} for the next request's first byte on {@code connection}.
     *
     * @return whether to read that request: false if none came in time, or the server is stopping
     */
    boolean awaitNext(Connection connection, HttpInput input, Duration keepAlive) throws IOException {
        if (stopping) {
            return false;
        }
        if (input.hasBuffered()) {
            return true;
        }
        Waiting me = new Waiting(connection, new AtomicBoolean());
        waiting.add(me);
        try {
            // A stop that began before the add missed this connection: it ends here.
            if (stopping) {
                return false;
            }
            boolean came = input.await(keepAlive);
            return me.taken().compareAndSet(false, true) && came;
        } finally {
            waiting.remove(me);
        }
    }

    /** The server stops: every connection waiting between requests gets a FIN, and ends when its client closes. */
    void stop() {
        stopping = true;
        for (Waiting w : waiting) {
            if (w.taken().compareAndSet(false, true)) {
                try {
                    w.connection().shutdownOutput();
                } catch (IOException e) {
                    // Closed already: nothing to end.
                }
            }
        }
    }
}
