package dev.socklab.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/** A blocking socket whose calls park their virtual thread on the JDK's own poller and scheduler. */
final class JdkSocket implements StreamSocket {
    private final SocketChannel channel;

    JdkSocket(SocketChannel channel) {
        this.channel = channel;
    }

    @Override
    public SocketChannel channel() {
        return channel;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return channel.read(dst);
    }

    /** No: a blocking channel's read ends only with bytes, the end, or the socket's close. */
    @Override
    public boolean readsWithWait() {
        return false;
    }

    @Override
    public int read(ByteBuffer dst, long waitNanos) {
        throw new UnsupportedOperationException("a blocking channel's read has no wait");
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        while (src.hasRemaining()) {
            channel.write(src);
        }
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return channel.write(srcs, offset, length);
    }

    @Override
    public void shutdownInput() throws IOException {
        channel.shutdownInput();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public Thread start(String name, Runnable task) {
        return Thread.ofVirtual().name(name).start(task);
    }

    /** At once: the JDK's poller waits for a socket only with a thread parked on it. */
    @Override
    public void startWhenReadable(String name, Runnable task, Consumer<Throwable> unstarted) {
        start(name, task);
    }
}
