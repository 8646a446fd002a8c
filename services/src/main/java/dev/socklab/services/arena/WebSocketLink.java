package dev.socklab.services.arena;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

import dev.socklab.service.Outbox;
import dev.socklab.websocket.FrameWriter;
import dev.socklab.websocket.Opcode;
import dev.socklab.websocket.Role;

/**
 * A browser player's way back: each arena packet goes out as one binary WebSocket frame through the
 * connection's own outbox, whose bounds disconnect a browser that falls behind. The connection's
 * thread (the handshake's replies) and the arena's tick thread (snapshots) both offer to it, each
 * frame made whole first; once the close frame is offered nothing more is (RFC 6455 §5.5.1).
 */
final class WebSocketLink implements ArenaLink {
    private final SocketAddress address;
    private final Outbox frames;
    /** For the close frame; used under {@code this}'s lock alone. */
    private final FrameWriter closer;
    /** Whether the close frame has been offered. Guarded by {@code this}. */
    private boolean closed;

    /**
     * @param address the browser's TCP address, which the arena's cookie is made over
     * @param frames the connection's outbox
     */
    WebSocketLink(SocketAddress address, Outbox frames) {
        this.address = address;
        this.frames = frames;
        this.closer = new FrameWriter(Role.SERVER, frames::offer);
    }

    @Override
    public SocketAddress address() {
        return address;
    }

    @Override
    public String transport() {
        return "ws";
    }

    /** Over a WebSocket an answer goes the way every other packet does: the browser proved its address by connecting. */
    @Override
    public void reply(ByteBuffer packet) throws IOException {
        send(packet);
    }

    /**
     * Queues {@code packet} as a binary frame; after the close frame, drops it (the session is ending).
     *
     * @throws IOException if the browser has fallen too far behind, and is being disconnected for it
     */
    @Override
    public void send(ByteBuffer packet) throws IOException {
        if (!offer(FrameWriter.serverFrame(Opcode.BINARY, true, packet)) && !closed()) {
            throw new IOException("the browser at " + address + " has fallen too far behind");
        }
    }

    /** Answers a ping. */
    void pong(ByteBuffer payload) {
        offer(FrameWriter.serverFrame(Opcode.PONG, true, payload));
    }

    /** Offers the close frame with {@code code} and {@code reason}, unless one was offered already. */
    synchronized void close(int code, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            closer.close(code, reason);
        } catch (IOException e) {
            throw new UncheckedIOException("an outbox only queues, and cannot fail", e);
        }
    }

    synchronized boolean closed() {
        return closed;
    }

    private synchronized boolean offer(ByteBuffer frame) {
        return !closed && frames.offer(frame);
    }
}
