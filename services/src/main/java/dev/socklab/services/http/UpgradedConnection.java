package dev.socklab.services.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;

import dev.socklab.http.HttpInput;
import dev.socklab.service.Connection;
import dev.socklab.service.ForwardingConnection;

/**
 * A connection after {@code 101 Switching Protocols}: the same connection, whose reads give first
 * whatever the HTTP input had read ahead past the handshake. Line reads have no such bytes to give
 * (a WebSocket client must wait for the 101 before it sends, RFC 6455 §4.1), so they go straight
 * to the connection, and refuse to when bytes are waiting, rather than skip them.
 */
final class UpgradedConnection extends ForwardingConnection {
    private final HttpInput input;

    UpgradedConnection(Connection connection, HttpInput input) {
        super(connection);
        this.input = input;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return input.hasBuffered() ? input.read(dst) : connection.read(dst);
    }

    @Override
    public int read(ByteBuffer dst, Duration wait) throws IOException {
        return input.hasBuffered() ? input.read(dst) : connection.read(dst, wait);
    }

    @Override
    public boolean awaitReadable(Duration wait) throws IOException {
        return input.hasBuffered() || connection.awaitReadable(wait);
    }

    @Override
    public Optional<String> readUpTo(int maxBytes, Duration quiet) throws IOException {
        return unbuffered().readUpTo(maxBytes, quiet);
    }

    @Override
    public Optional<String> readLine() throws IOException {
        return unbuffered().readLine();
    }

    @Override
    public Optional<String> readLine(int maxBytes) throws IOException {
        return unbuffered().readLine(maxBytes);
    }

    @Override
    public Optional<String> readLine(int maxBytes, Duration pause) throws IOException {
        return unbuffered().readLine(maxBytes, pause);
    }

    private Connection unbuffered() throws IOException {
        if (input.hasBuffered()) {
            throw new IOException("the client sent bytes before the 101 answered its upgrade");
        }
        return connection;
    }
}
