package dev.socklab.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SocketChannel;

/**
 * A non-blocking socket of a {@link Carrier}'s: each call tries the socket first and, only when it
 * would block, parks its virtual thread until the carrier's epoll set says the socket is ready. A
 * call that is known to block skips the try: a read after one that emptied the socket, a write
 * after one that filled the peer's window. So a request and its reply cost one {@code read} and
 * one {@code write}, with no {@code EAGAIN} between.
 */
final class CarrierSocket implements StreamSocket {
    private final Carrier carrier;
    private final SocketChannel channel;
    private final Readiness readiness;

    CarrierSocket(Carrier carrier, SocketChannel channel) throws IOException {
        channel.configureBlocking(false);
        this.carrier = carrier;
        this.channel = channel;
        this.readiness = new Readiness(carrier, ChannelFd.of(channel));
    }

    @Override
    public SocketChannel channel() {
        return channel;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        try {
            for (;;) {
                if (readiness.drained() && dst.hasRemaining()) {
                    readiness.awaitReadable(0);
                }
                int n = recv(dst);
                if (n != 0 || !dst.hasRemaining()) {
                    return n;
                }
                readiness.awaitReadable(0);
            }
        } catch (ClosedByInterruptException e) {
            close();
            throw e;
        }
    }

    @Override
    public boolean readsWithWait() {
        return true;
    }

    @Override
    public int read(ByteBuffer dst, long waitNanos) throws IOException {
        long deadline = System.nanoTime() + waitNanos;
        try {
            for (;;) {
                int n = readiness.drained() ? 0 : recv(dst);
                if (n != 0 || !dst.hasRemaining()) {
                    return n;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return 0;
                }
                readiness.awaitReadable(left);
            }
        } catch (ClosedByInterruptException e) {
            close();
            throw e;
        }
    }

    /** One {@code read}; one that leaves room in {@code dst} took all there was. */
    private int recv(ByteBuffer dst) throws IOException {
        int room = dst.remaining();
        int n = channel.read(dst);
        if (n > 0 && n < room) {
            readiness.drainedByRead();
        }
        return n;
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        try {
            while (src.hasRemaining()) {
                channel.write(src);
                // Short: the peer's window is full, and a write now would only say so.
                if (src.hasRemaining()) {
                    readiness.awaitWritable();
                }
            }
        } catch (ClosedByInterruptException e) {
            close();
            throw e;
        }
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        try {
            for (;;) {
                long n = channel.write(srcs, offset, length);
                if (n != 0 || !anyRemaining(srcs, offset, length)) {
                    return n;
                }
                readiness.awaitWritable();
            }
        } catch (ClosedByInterruptException e) {
            close();
            throw e;
        }
    }

    private static boolean anyRemaining(ByteBuffer[] srcs, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (srcs[i].hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void shutdownInput() throws IOException {
        channel.shutdownInput();
        readiness.wakeAll();
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            readiness.closed();
        }
    }

    @Override
    public Thread start(String name, Runnable task) {
        Thread thread = carrier.newThread(name, task);
        thread.start();
        return thread;
    }

    /** Not even the thread exists until then: an idle connection holds no stack, no thread object. */
    @Override
    public void startWhenReadable(String name, Runnable task) {
        readiness.onFirstReady(() -> start(name, task));
    }
}
