package dev.socklab.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;

import dev.socklab.engine.ForwardingSocket;
import dev.socklab.engine.StreamSocket;
import dev.socklab.framing.ByteSource;

/**
 * The socket of a connection that has something to do before its service's bytes: a PROXY header
 * to read, a TLS handshake. Its {@link Prologue} reads the header from the raw socket ({@link #raw()}),
 * then sets the layer the service talks through ({@link #layer}): the raw socket with what was
 * read past the header in front, or a TLS socket over that. Closing, shutting down and starting
 * threads always reach the raw socket, from any thread.
 */
final class PrologueSocket extends ForwardingSocket {
    /** What the connection's calls go through; the raw socket until the prologue sets another. */
    private volatile StreamSocket layer;

    PrologueSocket(StreamSocket raw) {
        super(raw);
        this.layer = raw;
    }

    /** The engine's socket, for the prologue's own reads. */
    StreamSocket raw() {
        return socket;
    }

    /** The layer the service's calls go through from now on; set on the connection's thread before its service runs. */
    void layer(StreamSocket top) {
        this.layer = top;
    }

    /** The layer the service's calls go through now. */
    StreamSocket layer() {
        return layer;
    }

    /** The raw socket's reads as a {@link ByteSource}, for the PROXY header's reader. */
    ByteSource rawSource() {
        return new ByteSource() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                return socket.read(dst);
            }

            @Override
            public int read(ByteBuffer dst, Duration wait) throws IOException {
                return socket.read(dst, wait.toNanos());
            }
        };
    }

    /** {@code socket} with {@code first} read before it: the bytes that came with a PROXY header. */
    static StreamSocket withUnread(StreamSocket socket, ByteBuffer first) {
        if (!first.hasRemaining()) {
            return socket;
        }
        return new UnreadSocket(socket, first);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return layer.read(dst);
    }

    @Override
    public int read(ByteBuffer dst, long waitNanos) throws IOException {
        return layer.read(dst, waitNanos);
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        layer.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return layer.write(srcs, offset, length);
    }

    @Override
    public long sendFile(ByteBuffer head, FileChannel file, long position, long count) throws IOException {
        return layer.sendFile(head, file, position, count);
    }

    @Override
    public void shutdownOutput() throws IOException {
        layer.shutdownOutput();
    }
}
