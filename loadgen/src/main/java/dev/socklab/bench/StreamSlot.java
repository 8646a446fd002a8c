package dev.socklab.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;

/**
 * A streaming connection: write chunks while fewer than {@link #CHUNKS_IN_FLIGHT} chunks' worth
 * of bytes await their echo, and read the echo back. An operation is a chunk whose last byte has
 * come back; its latency runs from the chunk's first byte written, kept in a ring of as many
 * times as chunks can be in flight. Echoed bytes go to the worker's scratch buffer: they are
 * counted, not kept.
 */
final class StreamSlot extends TcpSlot {
    /** Enough to keep the pipe full across a round trip, few enough that the echo never waits on the client. */
    static final int CHUNKS_IN_FLIGHT = 4;
    /** Reads per readiness event: more is left for the next select, so one connection cannot starve the rest. */
    private static final int READS_PER_EVENT = 16;

    private final ByteBuffer out;
    private final int chunk;
    private final long window;
    private final long[] chunkStartedAt = new long[CHUNKS_IN_FLIGHT];
    private long sent;
    private long received;
    private long chunksBack;

    StreamSlot(Worker worker) {
        super(worker);
        this.out = shared.message.duplicate();
        this.chunk = shared.plan.size();
        this.window = (long) CHUNKS_IN_FLIGHT * chunk;
    }

    @Override
    void connected(long now) throws IOException {
        sent = 0;
        received = 0;
        chunksBack = 0;
        out.clear();
        fill(now);
    }

    /** Writes until the window is full or the socket takes no more; wants writability only while there is room. */
    private void fill(long now) throws IOException {
        // Bounded: each pass finishes a chunk or stops, and the window holds CHUNKS_IN_FLIGHT of them.
        for (int pass = 0; pass <= CHUNKS_IN_FLIGHT && room() > 0; pass++) {
            if (out.position() == 0) {
                chunkStartedAt[(int) (sent / chunk % CHUNKS_IN_FLIGHT)] = now;
            }
            out.limit((int) Math.min(chunk, out.position() + room()));
            int asked = out.remaining();
            int written = channel.write(out);
            sent += written;
            if (out.position() == chunk) {
                out.clear();
            }
            if (written < asked) {
                break; // the socket's send buffer is full
            }
        }
        key.interestOps(room() > 0 ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        if (sent > received) {
            waitUntil(now + shared.connectTimeoutNanos);
        }
    }

    private long room() {
        return window - (sent - received);
    }

    @Override
    void writable(long now) throws IOException {
        fill(now);
    }

    @Override
    void readable(long now) throws IOException {
        ByteBuffer scratch = worker.scratch;
        for (int i = 0; i < READS_PER_EVENT; i++) {
            scratch.clear();
            int n = channel.read(scratch);
            if (n < 0) {
                failed(ErrorKind.CLOSED, now);
                return;
            }
            if (n == 0) {
                break;
            }
            received += n;
        }
        // Bounded by CHUNKS_IN_FLIGHT: no more chunks than that were out.
        while (chunksBack < received / chunk) {
            tally.operation(chunkStartedAt[(int) (chunksBack % CHUNKS_IN_FLIGHT)], now, chunk);
            chunksBack++;
        }
        succeeded();
        stopWaiting();
        fill(now);
    }
}
