package dev.socklab.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;

/**
 * A connection that sends the shared message, reads the whole reply, counts the round trip, and
 * sends again (ping-pong, an HTTP GET, an rpc call): the sending half, common to them; each reads its own reply.
 */
abstract class RequestSlot extends TcpSlot {
    /** The shared message, with a position of its own. */
    private final ByteBuffer out;
    /** When the message now in flight began to go: where its round trip is counted from. */
    long sentAt;

    RequestSlot(Worker worker) {
        this(worker, worker.shared.message.duplicate());
    }

    /** A slot that sends {@code message}, a buffer of its own that it may change before each send (an rpc call's id). */
    RequestSlot(Worker worker, ByteBuffer message) {
        super(worker);
        this.out = message;
    }

    @Override
    final void connected(long now) throws IOException {
        send(now);
    }

    /** Sends the message again, the reply's state reset first ({@link #replyExpected}). */
    final void send(long now) throws IOException {
        out.clear();
        replyExpected();
        sentAt = now;
        waitUntil(now + shared.connectTimeoutNanos);
        channel.write(out);
        // A large message's reply may start before it is all written: read while writing.
        key.interestOps(out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    /** A new reply is to come: forget what was read of the last one. */
    abstract void replyExpected();

    @Override
    final void writable(long now) throws IOException {
        channel.write(out);
        if (!out.hasRemaining()) {
            key.interestOps(SelectionKey.OP_READ);
        }
    }
}
