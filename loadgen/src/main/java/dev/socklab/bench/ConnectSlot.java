package dev.socklab.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;

/**
 * The greeting server's pattern, over and over: connect, read until the server closes, close,
 * connect again. An operation runs from the connect to the end of stream; the whole of it must
 * fit in {@code --timeout}. The server closes first, so the TIME_WAIT states stay on its side.
 */
final class ConnectSlot extends TcpSlot {
    /** Reads per readiness event; a greeting takes one. */
    private static final int READS_PER_EVENT = 16;

    private int received;

    ConnectSlot(Worker worker) {
        super(worker);
    }

    @Override
    void connected(long now) {
        received = 0;
        waitUntil(connectStart + shared.connectTimeoutNanos);
        key.interestOps(SelectionKey.OP_READ);
    }

    @Override
    void readable(long now) throws IOException {
        ByteBuffer scratch = worker.scratch;
        for (int i = 0; i < READS_PER_EVENT; i++) {
            scratch.clear();
            int n = channel.read(scratch);
            if (n == 0) {
                return;
            }
            if (n < 0) {
                tally.operation(connectStart, now, received);
                succeeded();
                stopWaiting();
                close();
                worker.schedule(this);
                return;
            }
            received += n;
        }
    }
}
