package dev.socklab.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * A {@link StreamSocket} that hands every call to another, for a layer that changes only some of
 * them (TLS its reads and writes, a PROXY header's leftovers its first reads): the subclass
 * overrides those, and everything else (the channel, closing, the threads) reaches the socket
 * underneath unchanged.
 */
public abstract class ForwardingSocket implements StreamSocket {
    /** The socket underneath. */
    protected final StreamSocket socket;

    /** A layer over {@code socket}. */
    protected ForwardingSocket(StreamSocket socket) {
        this.socket = socket;
    }

    @Override
    public SocketChannel channel() {
        return socket.channel();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return socket.read(dst);
    }

    @Override
    public boolean readsWithWait() {
        return socket.readsWithWait();
    }

    @Override
    public int read(ByteBuffer dst, long waitNanos) throws IOException {
        return socket.read(dst, waitNanos);
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        socket.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return socket.write(srcs, offset, length);
    }

    @Override
    public long sendFile(ByteBuffer head, FileChannel file, long position, long count) throws IOException {
        return socket.sendFile(head, file, position, count);
    }

    @Override
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void shutdownInput() throws IOException {
        socket.shutdownInput();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    @Override
    public Thread start(String name, Runnable task) {
        return socket.start(name, task);
    }

    @Override
    public void startWhenReadable(String name, Runnable task, Consumer<Throwable> unstarted) {
        socket.startWhenReadable(name, task, unstarted);
    }
}
