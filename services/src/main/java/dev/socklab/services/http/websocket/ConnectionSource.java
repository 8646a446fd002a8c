package dev.socklab.services.http.websocket;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

import dev.socklab.framing.ByteSource;
import dev.socklab.service.Connection;

/** A connection's reads as the {@link ByteSource} that the WebSocket codec reads frames from. */
record ConnectionSource(Connection conn) implements ByteSource {
    @Override
    public int read(ByteBuffer dst) throws IOException {
        return conn.read(dst);
    }

    @Override
    public int read(ByteBuffer dst, Duration wait) throws IOException {
        return conn.read(dst, wait);
    }
}
