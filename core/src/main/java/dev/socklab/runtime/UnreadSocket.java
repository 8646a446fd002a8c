package dev.socklab.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;

import dev.socklab.engine.ForwardingSocket;
import dev.socklab.engine.StreamSocket;
import dev.socklab.framing.ByteSource;

/**
 * A socket with bytes already read from it in front: what arrived in the same segment as a
 * PROXY header belongs to the stream after it, and its first reads return them.
 */
final class UnreadSocket extends ForwardingSocket {
    /** Read and not yet returned; only the connection's reading thread touches it. */
    private final ByteBuffer unread;

    UnreadSocket(StreamSocket socket, ByteBuffer unread) {
        super(socket);
        this.unread = unread;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return unread.hasRemaining() ? ByteSource.transfer(unread, dst) : socket.read(dst);
    }

    @Override
    public int read(ByteBuffer dst, long waitNanos) throws IOException {
        return unread.hasRemaining() ? ByteSource.transfer(unread, dst) : socket.read(dst, waitNanos);
    }
}
