package dev.socklab.client;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

import dev.socklab.framing.ByteSource;

/**
 * A client connection as the bytes an {@code HttpInput} parses: each read waits up to the
 * client's timeout and fails past it; a read with a wait of its own returns 0 when the wait passes.
 */
final class ConnectionSource implements ByteSource {
    private final ClientConnection conn;
    private final Duration timeout;

    ConnectionSource(ClientConnection conn, Duration timeout) {
        this.conn = conn;
        this.timeout = Deadline.requirePositive(timeout);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return conn.read(dst, timeout);
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
