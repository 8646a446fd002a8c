package dev.socklab.bench;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A ping-pong connection: send the message, read until its whole echo is back, count the round
 * trip, send again. Its buffers are made once, so a round trip allocates nothing.
 */
final class PingPongSlot extends RequestSlot {
    /** The echo, sized to the message: full means the round trip is over. */
    private final ByteBuffer in;

    PingPongSlot(Worker worker) {
        super(worker);
        this.in = ByteBuffer.allocateDirect(shared.plan.size());
    }

    @Override
    void replyExpected() {
        in.clear();
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
