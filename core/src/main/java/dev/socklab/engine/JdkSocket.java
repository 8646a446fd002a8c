package dev.socklab.engine;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/** A blocking socket whose calls park their virtual thread on the JDK's own poller and scheduler. */
final class JdkSocket implements StreamSocket {
    /** The most of a file mapped for one write when {@code sendfile} could not go on. */
    private static final long MAPPED_BYTES = 1 << 20;

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

    /**
     * {@code sendfile} first. The JDK's {@code transferTo} does not wait when the socket's window
     * is full (under a virtual thread the descriptor is non-blocking, and it returns 0): then the
     * file's pages are mapped, not copied, and written with the channel's blocking write, which
     * parks until they go.
     */
    @Override
    public long sendFile(ByteBuffer head, FileChannel file, long position, long count) throws IOException {
        // One write even with no head: under a virtual thread the JDK makes the descriptor non-blocking
        // at a channel's first read or write, not at transferTo, whose sendfile would otherwise block in
        // the kernel, holding the carrier thread, where no close could end it (a download the client
        // stopped reading, then ABOR).
        do {
            channel.write(head);
        } while (head.hasRemaining());
        long n = file.transferTo(position, count, channel);
        if (n != 0 || count == 0 || position >= file.size()) {
            return n;
        }
        try (Arena arena = Arena.ofConfined()) {
            long size = Math.min(Math.min(count, MAPPED_BYTES), file.size() - position);
            return channel.write(file.map(FileChannel.MapMode.READ_ONLY, position, size, arena).asByteBuffer());
        }
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
