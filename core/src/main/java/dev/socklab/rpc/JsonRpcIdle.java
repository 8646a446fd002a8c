package dev.socklab.rpc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.socklab.framing.ByteSource;
import dev.socklab.service.Connection;

/**
 * The JSON-RPC connections waiting between requests, so that a stopping server ends them at once
 * rather than wait out the grace period, as the http service ends its kept-alive connections: each
 * gets a FIN, the end a client of a persistent connection must expect at any time, while a
 * connection whose request has begun to arrive finishes it and its answer goes out. A connection is
 * taken either by its own thread, when the next request's first bytes come, or by the stop, never
 * both, so an answer is never cut by it.
 */
final class JsonRpcIdle {
    private static final int WAITING = 0;
    private static final int BUSY = 1;
    private static final int STOPPED = 2;

    private final Set<Reader> readers = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    /** The source a connection's requests are read from; {@link Reader#close} when the connection ends. */
    Reader open(Connection connection) {
        Reader reader = new Reader(connection);
        readers.add(reader);
        return reader;
    }

    /** The server stops: each connection waiting between requests gets a FIN, and ends when its client closes. */
    void stop() {
        stopping = true;
        for (Reader r : readers) {
            r.stop();
        }
    }

    /**
     * A connection's bytes, as its line framing reads them, marking when a request begins: the first
     * bytes that come while it waits take the connection from a stop; once the stop took it, they are
     * dropped and the framing reads the end of the stream.
     */
    final class Reader implements ByteSource, AutoCloseable {
        private final Connection connection;
        private final AtomicInteger state = new AtomicInteger(BUSY);

        private Reader(Connection connection) {
            this.connection = connection;
        }

        /** The connection now waits for its next request: false if the server is stopping, and it ends. */
        boolean awaitRequest() {
            state.set(WAITING);
            // A stop that began before the set missed this connection: it ends here.
            return !stopping || !state.compareAndSet(WAITING, STOPPED);
        }

        /** A request came (read ahead, or just now): false if the stop took the connection first. */
        boolean requestCame() {
            return state.compareAndSet(WAITING, BUSY) || state.get() == BUSY;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            int start = dst.position();
            return arrived(connection.read(dst), dst, start);
        }

        @Override
        public int read(ByteBuffer dst, Duration wait) throws IOException {
            int start = dst.position();
            return arrived(connection.read(dst, wait), dst, start);
        }

        private int arrived(int n, ByteBuffer dst, int start) {
            if (n != 0 && !requestCame()) {
                // The stop ended this connection while it waited: what came after the FIN is not read.
                dst.position(start);
                return -1;
            }
            return n;
        }

        private void stop() {
            if (state.compareAndSet(WAITING, STOPPED)) {
                try {
                    connection.shutdownOutput();
                } catch (IOException e) {
                    // Closed already: nothing to end.
                }
            }
        }

        @Override
        public void close() {
            readers.remove(this);
        }
    }
}
