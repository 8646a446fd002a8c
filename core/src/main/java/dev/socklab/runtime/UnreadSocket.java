package dev.socklab.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

import dev.socklab.engine.StreamSocket;
import dev.socklab.framing.ByteSource;

/**
 * A socket with bytes already read from it in front: what arrived in the same segment as a
 * PROXY header belongs to the stream after it, and its first reads return them.
 */
final class UnreadSocket implements StreamSocket {
    private final StreamSocket socket;
    /** Read and not yet returned; only the connection's reading thread touches it. */
    private final ByteBuffer unread;

    UnreadSocket(StreamSocket socket, ByteBuffer unread) {
        this.socket = socket;
        this.unread = unread;
    }

    @Override
    public SocketChannel channel() {
        return socket.channel();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return unread.hasRemaining() ? ByteSource.transfer(unread, dst) : socket.read(dst);
    }

    @Override
    public boolean readsWithWait() {
        return socket.readsWithWait();
    }

    @Override
    public int read(ByteBuffer dst, long waitNanos) throws IOException {
        return unread.hasRemaining() ? ByteSource.transfer(unread, dst) : socket.read(dst, waitNanos);
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
