package dev.socklab.bench;

import java.io.IOException;
import java.nio.channels.SelectionKey;

/**
 * A connection that opens and then says nothing, for idle: it counts as held while open. It reads
 * only to notice the server closing it, which counts as {@link ErrorKind#CLOSED} and is not
 * undone: idle reports what the server keeps. The operation is the connect.
 */
final class IdleSlot extends TcpSlot {
    private boolean held;

    IdleSlot(Worker worker) {
        super(worker);
    }

    @Override
    void connected(long now) {
        held = true;
        shared.open.incrementAndGet();
        tally.operation(connectStart, now, 0);
        key.interestOps(SelectionKey.OP_READ);
    }

    @Override
    void readable(long now) throws IOException {
        worker.scratch.clear();
        if (channel.read(worker.scratch) < 0) {
            tally.error(ErrorKind.CLOSED, now);
            close();
        }
    }

    @Override
    void closed() {
        if (held) {
            held = false;
            shared.open.decrementAndGet();
        }
    }
}
