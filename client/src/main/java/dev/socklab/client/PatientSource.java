package dev.socklab.client;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

import dev.socklab.framing.ByteSource;

/**
 * A client connection's reads as a {@link ByteSource}: each waits at most the timeout, or, while
 * {@linkplain #waitForever waiting forever}, as long as it takes (a WebSocket server may stay quiet
 * for hours while a person types).
 */
final class PatientSource implements ByteSource {
    private final ClientConnection conn;
    private final Duration timeout;
    private volatile boolean forever;

    PatientSource(ClientConnection conn, Duration timeout) {
        this.conn = conn;
        this.timeout = timeout;
    }

    /** Whether reads from now on wait as long as it takes, or at most the timeout. */
    void waitForever(boolean forever) {
        this.forever = forever;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        while (true) {
            // Taken before the read: only a read that began once the wait was bounded may end it.
            boolean retry = forever;
            try {
                return conn.read(dst, timeout);
            } catch (SocketTimeoutException e) {
                if (!retry) {
                    throw e;
                }
            }
        }
    }

    @Override
    public int read(ByteBuffer dst, Duration wait) throws IOException {
        try {
            return conn.read(dst, wait);
        } catch (SocketTimeoutException e) {
            return 0;
        }
    }
}
