package dev.socklab.services.http.websocket;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import dev.socklab.framing.ByteSource;
import dev.socklab.http.HeadLimits;
import dev.socklab.http.HttpException;
import dev.socklab.http.HttpInput;
import dev.socklab.http.ResponseHead;
import dev.socklab.runtime.Endpoint;
import dev.socklab.testing.RawClient;
import dev.socklab.websocket.FrameWriter;
import dev.socklab.websocket.Handshake;
import dev.socklab.websocket.Message;
import dev.socklab.websocket.MessageReader;
import dev.socklab.websocket.Opcode;
import dev.socklab.websocket.Role;

/**
 * A WebSocket client for the tests, over a {@link RawClient}: frames made by hand, masked or not,
 * messages read with the codec, every read within a deadline.
 */
final class WsTestClient implements Closeable {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final RawClient raw;
    private final MessageReader reader;

    private WsTestClient(RawClient raw, HttpInput input) {
        this.raw = raw;
        this.reader = new MessageReader(input, Role.CLIENT, Integer.MAX_VALUE);
    }

    /** Opens a WebSocket at {@code path}, sending {@code early} in the same write as the request, before the 101. */
    static WsTestClient open(Endpoint endpoint, String path, byte[] early) throws IOException {
        RawClient raw = RawClient.connect(endpoint);
        String key = Handshake.newKey();
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        raw.send(ByteBuffer.allocate(request.length + early.length).put(request).put(early).array());
        HttpInput input = new HttpInput(source(raw), HeadLimits.forResponses());
        try {
            ResponseHead head = input.readResponseHead();
            Handshake.checkAnswer(key, head.status(), head.fields());
        } catch (HttpException e) {
            raw.close();
            throw new IOException(e.getMessage(), e);
        }
        return new WsTestClient(raw, input);
    }

    static WsTestClient open(Endpoint endpoint) throws IOException {
        return open(endpoint, "/ws", new byte[0]);
    }

    /** A client's frame, masked with a random key. */
    static byte[] frame(Opcode op, boolean fin, byte[] payload) {
        return FrameWriter.clientFrame(op, fin, ByteBuffer.wrap(payload), ThreadLocalRandom.current().nextInt()).array();
    }

    static byte[] frame(Opcode op, boolean fin, String payload) {
        return frame(op, fin, payload.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) throws IOException {
        raw.send(bytes);
    }

    /** The next message from the server; fails if the connection ends first. */
    Message next() throws IOException {
        return reader.read().orElseThrow(() -> new AssertionError("the server closed the connection"));
    }

    /** Whether the server has closed the connection, with nothing more sent. */
    boolean endsHere() throws IOException {
        Optional<Message> more = reader.read();
        if (more.isPresent()) {
            throw new AssertionError("one more message: " + more.get());
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }

    private static ByteSource source(RawClient raw) {
        return new ByteSource() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                return raw.read(dst, WAIT);
            }

            @Override
            public int read(ByteBuffer dst, Duration wait) throws IOException {
                return raw.read(dst, wait);
            }
        };
    }
}
