package dev.socklab.services.http;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.socklab.http.HttpInput;
import dev.socklab.service.Connection;

/**
 * The connections waiting for a request, their first or the next, so that a stopping server ends
 * them at once, as nginx does, rather than wait out their keep-alive or head timeout: each gets a
 * FIN (the close a client of a persistent connection expects at any time), while a connection in
 * the middle of a request finishes it, answered with {@code Connection: close}. A browser opens
 * connections it may never send a request on (a preconnect), which is why the first wait counts
 * too. A connection is taken either by its own thread, when a request comes, or by the stop,
 * never both, so a response is never cut by it.
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
        return await(connection, input, keepAlive) == Wait.CAME;
    }

    /**
     * Waits up to {@code headTimeout} for the first request's first byte on {@code connection}.
     *
     * @return whether to read that request: false only if the server is stopping; one that did not
     *     come in time is the reader's to answer (408)
     */
    boolean awaitFirst(Connection connection, HttpInput input, Duration headTimeout) throws IOException {
        return await(connection, input, headTimeout) != Wait.STOPPING;
    }

    private enum Wait { CAME, TIMED_OUT, STOPPING }

    private Wait await(Connection connection, HttpInput input, Duration wait) throws IOException {
        if (stopping) {
            return Wait.STOPPING;
        }
        if (input.hasBuffered()) {
            return Wait.CAME;
        }
        Waiting me = new Waiting(connection, new AtomicBoolean());
        waiting.add(me);
        try {
            // A stop that began before the add missed this connection: it ends here.
            if (stopping) {
                return Wait.STOPPING;
            }
            boolean came = input.await(wait);
            if (!me.taken().compareAndSet(false, true)) {
                return Wait.STOPPING;
            }
            return came ? Wait.CAME : Wait.TIMED_OUT;
        } finally {
            waiting.remove(me);
        }
    }

    /** The server stops: every connection waiting for a request gets a FIN, and ends when its client closes. */
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
