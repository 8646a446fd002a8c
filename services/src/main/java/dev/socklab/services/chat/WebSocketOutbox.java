package dev.socklab.services.chat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.socklab.service.Outbox;
import dev.socklab.websocket.FrameWriter;
import dev.socklab.websocket.Opcode;
import dev.socklab.websocket.Role;

/**
 * A browser member's outbox: each chat line offered to it goes out as one WebSocket text frame,
 * the line without its CRLF, through the connection's own outbox, whose bounds disconnect a slow
 * browser as they do a slow {@code nc} member. Each frame is made whole before it is offered, as
 * offers from different threads may interleave. Once the close frame is offered nothing more is,
 * as RFC 6455 §5.5.1 asks.
 */
final class WebSocketOutbox implements Outbox {
    private final Outbox frames;
    /** For the close frame, whose reason it cuts to fit; used under {@code this}'s lock alone. */
    private final FrameWriter closer;
    /** Whether the close frame has been offered. Guarded by {@code this}. */
    private boolean closed;

    WebSocketOutbox(Outbox frames) {
        this.frames = frames;
        this.closer = new FrameWriter(Role.SERVER, frames::offer);
    }

    @Override
    public boolean offer(byte[] line) {
        return offer(ByteBuffer.wrap(line));
    }

    @Override
    public boolean offer(ByteBuffer line) {
        ByteBuffer text = line.duplicate();
        if (endsWithCrLf(text)) {
            text.limit(text.limit() - 2);
        }
        return offerFrame(FrameWriter.serverFrame(Opcode.TEXT, true, text));
    }

    @Override
    public boolean offerLine(String text) {
        return offerFrame(FrameWriter.serverFrame(Opcode.TEXT, true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8))));
    }

    /** The frames' bounds: a browser is held to them as an {@code nc} member is. */
    @Override
    public void bounds(int maxBytes, Duration maxLag) {
        frames.bounds(maxBytes, maxLag);
    }

    /** Answers a ping. */
    boolean pong(ByteBuffer payload) {
        return offerFrame(FrameWriter.serverFrame(Opcode.PONG, true, payload));
    }

    /** A ping, which a browser answers with a pong: what keeps a quiet member's connection from looking idle. */
    boolean ping() {
        return offerFrame(FrameWriter.serverFrame(Opcode.PING, true, ByteBuffer.allocate(0)));
    }

    /**
     * Offers {@code lastLine} as a text frame, if there is one, then the close frame with {@code code} and
     * {@code reason}, unless a close frame was offered already.
     *
     * @return whether this call offered the close frame
     */
    synchronized boolean close(String lastLine, int code, String reason) {
        if (closed) {
            return false;
        }
        if (!lastLine.isEmpty()) {
            offerLine(lastLine);
        }
        closed = true;
        try {
            closer.close(code, reason);
        } catch (IOException e) {
            throw new UncheckedIOException("an outbox only queues, and cannot fail", e);
        }
        return true;
    }

    synchronized boolean closed() {
        return closed;
    }

    private synchronized boolean offerFrame(ByteBuffer frame) {
        return !closed && frames.offer(frame);
    }

    private static boolean endsWithCrLf(ByteBuffer line) {
        int end = line.limit();
        return end - line.position() >= 2 && line.get(end - 2) == '\r' && line.get(end - 1) == '\n';
    }
}
