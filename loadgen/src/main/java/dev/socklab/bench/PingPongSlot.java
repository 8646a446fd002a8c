package dev.socklab.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;

/**
 * A ping-pong connection: send the message, read until its whole echo is back, count the round
 * trip, send again. Its buffers are made once, so a round trip allocates nothing.
 */
final class PingPongSlot extends TcpSlot {
    /** The shared message, with a position of its own. */
    private final ByteBuffer out;
    /** The echo, sized to the message: full means the round trip is over. */
    private final ByteBuffer in;
    private long sentAt;

    PingPongSlot(Worker worker) {
        super(worker);
        this.out = shared.message.duplicate();
        this.in = ByteBuffer.allocateDirect(shared.plan.size());
    }

    @Override
    void connected(long now) throws IOException {
        send(now);
    }

    private void send(long now) throws IOException {
        out.clear();
        in.clear();
        sentAt = now;
        waitUntil(now + shared.connectTimeoutNanos);
        channel.write(out);
        // A large message may start echoing before it is all written: read while writing.
        key.interestOps(out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    @Override
    void writable(long now) throws IOException {
        channel.write(out);
        if (!out.hasRemaining()) {
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    @Override
    void readable(long now) throws IOException {
        if (channel.read(in) < 0) {
            failed(ErrorKind.CLOSED, now);
            return;
        }
        if (!in.hasRemaining()) {
            tally.operation(sentAt, now, in.capacity());
            succeeded();
            send(now);
        }
    }
}
