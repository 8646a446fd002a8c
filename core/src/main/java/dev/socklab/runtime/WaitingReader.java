package dev.socklab.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

import dev.socklab.framing.ByteSource;

/**
 * A connection's socket as its framing reads it, on an engine whose reads can give up after a
 * wait (epoll's): a read waits as long as the idle timeout lets it, and a read with a wait
 * returns 0 once the wait passes, in the calling thread, with the socket still open. Where the
 * engine's reads cannot, {@link TimedReader} does the same with a second thread.
 */
final class WaitingReader implements ByteSource {
    private final ChannelWire wire;
    private final Deadlines deadlines;

    WaitingReader(ChannelWire wire, Deadlines deadlines) {
        this.wire = wire;
        this.deadlines = deadlines;
    }

    /** The reader for {@code wire}'s engine. */
    static ByteSource of(ChannelWire wire, Deadlines deadlines) {
        return wire.recvsWithWait() ? new WaitingReader(wire, deadlines) : new TimedReader(wire, deadlines);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        deadlines.readStarted();
        try {
            return wire.recv(dst);
        } finally {
            deadlines.readEnded();
        }
    }

    /** Bounded by its wait, not by the idle timeout, as {@link TimedReader}'s is. */
    @Override
    public int read(ByteBuffer dst, Duration wait) throws IOException {
        return wire.recv(dst, wait);
    }
}
