package dev.socklab.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

import javax.net.ssl.SSLEngine;

import dev.socklab.engine.ForwardingSocket;
import dev.socklab.engine.StreamSocket;
import dev.socklab.service.TlsSession;

/**
 * An accepted socket with TLS between it and the connection: the same {@link StreamSocket}, its
 * reads and writes plaintext, its records on the engine's socket underneath. The runtime calls
 * {@link #handshake()} before the service runs; the service, its trace and its counts see only
 * application bytes. A file goes through the heap to be encrypted: {@code sendfile(2)} cannot
 * encrypt.
 */
public final class TlsSocket extends ForwardingSocket {
    /** The most of a file encrypted per write: four records. */
    private static final int FILE_CHUNK = 64 * 1024;

    private final TlsStream stream;
    private volatile TlsSession session;

    /**
     * TLS over {@code socket} with {@code engine}, in server mode with its parameters set.
     *
     * @param received bytes already read from the socket that belong to the handshake, or an empty buffer
     */
    public TlsSocket(StreamSocket socket, SSLEngine engine, ByteBuffer received) {
        super(socket);
        this.stream = new TlsStream(engine, new TlsStream.Wire() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                return socket.read(dst);
            }

            @Override
            public int read(ByteBuffer dst, long waitNanos) throws IOException {
                return socket.read(dst, waitNanos);
            }

            @Override
            public void write(ByteBuffer src) throws IOException {
                socket.write(src);
            }
        }, received);
    }

    /** Runs the handshake, on the connection's thread before its service: what it settled, or why it failed. */
    public TlsSession handshake() throws IOException {
        stream.handshake();
        session = stream.session();
        return session;
    }

    /** What the handshake settled; null before it. */
    public TlsSession session() {
        return session;
    }

    /** Sends close_notify, for a connection that ends well: the client can tell the end from a cut. */
    public void closeOutbound() throws IOException {
        stream.closeOutbound();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return stream.read(dst);
    }

    @Override
    public int read(ByteBuffer dst, long waitNanos) throws IOException {
        if (!socket.readsWithWait()) {
            throw new UnsupportedOperationException("this engine's reads cannot give up after a wait");
        }
        return stream.read(dst, Math.max(waitNanos, 0));
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        stream.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return stream.write(srcs, offset, length);
    }

    @Override
    public long sendFile(ByteBuffer head, FileChannel file, long position, long count) throws IOException {
        if (head.hasRemaining()) {
            stream.write(head);
        }
        if (count <= 0) {
            return 0;
        }
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(count, FILE_CHUNK));
        // Until the chunk is full or the file ends: the caller tells a short file by the 0 it gets.
        while (chunk.hasRemaining()) {
            if (file.read(chunk, position + chunk.position()) < 0) {
                break;
            }
        }
        int n = chunk.flip().remaining();
        if (n > 0) {
            stream.write(chunk);
        }
        return n;
    }

    /** Sends close_notify first, then {@code shutdown(SHUT_WR)}: the client reads a clean end of the stream. */
    @Override
    public void shutdownOutput() throws IOException {
        stream.closeOutbound();
        socket.shutdownOutput();
    }
}
