package dev.socklab.engine;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A non-blocking socket of a {@link Carrier}'s: each call tries the socket first and, only when it
 * would block, parks its virtual thread until the carrier's epoll set says the socket is ready. A
 * read that is known to find nothing skips the try: one after a read that emptied the socket, since
 * bytes that arrive later always make a new edge. So a request and its reply cost one {@code recv}
 * and one {@code send}, with no {@code EAGAIN} between. A write waits only after a {@code send}
 * that said {@code EAGAIN}: the kernel promises an {@code EPOLLOUT} edge after that, but not after
 * a send that was merely short (a write that waited on a short one was seen to wait forever).
 *
 * <p>On its carrier, a call is libc's {@code recv} or {@code send} on the descriptor
 * ({@link SocketCalls}), through the carrier's native scratch memory for a heap buffer. A
 * descriptor's number is reused by the kernel as soon as it is closed, so a close from another
 * thread (a deadline, the shutdown) never closes it while a call is under way on it: the last
 * call to leave closes it ({@link #enter()}). Anywhere else (a thread the {@code Connection}
 * contract does not expect, but which must not break it) the JDK channel's own calls serve.
 */
final class CarrierSocket implements StreamSocket {
    /** Set in {@link #uses} once the socket is to close; the bits below count the calls under way. */
    private static final int CLOSING = 1 << 30;

    private final Carrier carrier;
    private final SocketChannel channel;
    private final int fd;
    private final Readiness readiness;
    private final AtomicInteger uses = new AtomicInteger();

    CarrierSocket(Carrier carrier, SocketChannel channel) throws IOException {
        channel.configureBlocking(false);
        this.carrier = carrier;
        this.channel = channel;
        this.fd = ChannelFd.of(channel);
        this.readiness = new Readiness(carrier, fd);
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

    /** One {@code recv}: the bytes read, 0 if there were none, -1 at the end; one that leaves room unfilled took all there was. */
    private int recv(ByteBuffer dst) throws IOException {
        int room = dst.remaining();
        if (room == 0) {
            return 0;
        }
        if (!carrier.isCurrent()) {
            int n = channel.read(dst);
            if (n > 0 && n < room) {
                readiness.drainedByRead();
            }
            return n;
        }
        int asked = dst.isDirect() ? room : Math.min(room, Carrier.SCRATCH_BYTES);
        int n;
        enter();
        try {
            n = SocketCalls.recv(carrier.callState(), fd, dst.isDirect() ? MemorySegment.ofBuffer(dst) : carrier.scratch,
                    asked);
            if (n > 0 && !dst.isDirect()) {
                dst.put(dst.position(), carrier.scratchBuffer, 0, n);
            }
        } finally {
            exit();
        }
        if (n == SocketCalls.WOULD_BLOCK) {
            return 0;
        }
        if (n == 0) {
            return -1;
        }
        dst.position(dst.position() + n);
        if (n < asked) {
            readiness.drainedByRead();
        }
        return n;
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        try {
            while (src.hasRemaining()) {
                if (send(src) == 0) {
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
                long n = carrier.isCurrent() ? sendGathering(srcs, offset, length) : channel.write(srcs, offset, length);
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

    /**
     * The JDK's {@code transferTo} to a socket channel is one {@code sendfile} on its descriptor,
     * which, the channel being non-blocking, says 0 where {@code sendfile} says {@code EAGAIN}: the
     * carrier waits for room then, as for a {@code send}.
     */
    @Override
    public long sendFile(ByteBuffer head, FileChannel file, long position, long count) throws IOException {
        if (carrier.isCurrent() && head.remaining() + count <= Carrier.SCRATCH_BYTES) {
            return sendWithHead(head, file, position, (int) count);
        }
        write(head);
        try {
            for (;;) {
                long n;
                enter();
                try {
                    n = file.transferTo(position, count, channel);
                } finally {
                    exit();
                }
                if (n != 0 || count == 0 || position >= file.size()) {
                    return n;
                }
                readiness.awaitWritable();
            }
        } catch (ClosedByInterruptException e) {
            close();
            throw e;
        }
    }

    /**
     * A small file behind its head, in one {@code send}: the head and a {@code pread} of the file
     * into the carrier's native scratch memory (not the heap), which no other call can use until
     * this one returns, as nothing here parks. Two TCP segments would cost the peer and this side
     * twice the stack's work for a response of a few bytes.
     */
    private long sendWithHead(ByteBuffer head, FileChannel file, long position, int count) throws IOException {
        try {
            for (;;) {
                int h = head.remaining();
                carrier.scratchBuffer.put(0, head, head.position(), h);
                ByteBuffer into = carrier.scratchBuffer.slice(h, count);
                while (into.hasRemaining() && file.read(into, position + into.position()) >= 0) {
                    // pread until the count is in, or the file ends short of it
                }
                int n;
                enter();
                try {
                    n = SocketCalls.send(carrier.callState(), fd, carrier.scratch, h + into.position());
                } finally {
                    exit();
                }
                if (n != SocketCalls.WOULD_BLOCK && (n > 0 || h + into.position() == 0)) {
                    int fromHead = Math.min(n, h);
                    head.position(head.position() + fromHead);
                    return n - fromHead;
                }
                readiness.awaitWritable();
            }
        } catch (ClosedByInterruptException e) {
            close();
            throw e;
        }
    }

    /** One {@code send} of what fits of {@code src}: the bytes sent, 0 if there was no room. */
    private int send(ByteBuffer src) throws IOException {
        if (!carrier.isCurrent()) {
            return channel.write(src);
        }
        int len = src.isDirect() ? src.remaining() : Math.min(src.remaining(), Carrier.SCRATCH_BYTES);
        int n;
        enter();
        try {
            MemorySegment from;
            if (src.isDirect()) {
                from = MemorySegment.ofBuffer(src);
            } else {
                carrier.scratchBuffer.put(0, src, src.position(), len);
                from = carrier.scratch;
            }
            n = SocketCalls.send(carrier.callState(), fd, from, len);
        } finally {
            exit();
        }
        if (n == SocketCalls.WOULD_BLOCK) {
            return 0;
        }
        src.position(src.position() + n);
        return n;
    }

    /** The buffers' bytes, as many as the scratch memory holds, in one {@code send}; the buffers advance by what went. */
    private long sendGathering(ByteBuffer[] srcs, int offset, int length) throws IOException {
        int filled = 0;
        for (int i = offset; i < offset + length && filled < Carrier.SCRATCH_BYTES; i++) {
            int take = Math.min(srcs[i].remaining(), Carrier.SCRATCH_BYTES - filled);
            carrier.scratchBuffer.put(filled, srcs[i], srcs[i].position(), take);
            filled += take;
        }
        if (filled == 0) {
            return 0;
        }
        int n;
        enter();
        try {
            n = SocketCalls.send(carrier.callState(), fd, carrier.scratch, filled);
        } finally {
            exit();
        }
        if (n == SocketCalls.WOULD_BLOCK) {
            return 0;
        }
        int left = n;
        for (int i = offset; i < offset + length && left > 0; i++) {
            int took = Math.min(srcs[i].remaining(), left);
            srcs[i].position(srcs[i].position() + took);
            left -= took;
        }
        return n;
    }

    private static boolean anyRemaining(ByteBuffer[] srcs, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (srcs[i].hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    /** A call on the descriptor begins: it stays open until the call {@link #exit()}s. */
    private void enter() throws ClosedChannelException {
        for (;;) {
            int now = uses.get();
            if ((now & CLOSING) != 0) {
                throw new ClosedChannelException();
            }
            if (uses.compareAndSet(now, now + 1)) {
                return;
            }
        }
    }

    /** The call has returned: if a close came meanwhile and this was the last call, the descriptor closes now. */
    private void exit() throws IOException {
        if (uses.decrementAndGet() == CLOSING) {
            channel.close();
        }
    }

    @Override
    public void shutdownInput() throws IOException {
        channel.shutdownInput();
        readiness.wakeAll();
    }

    /** Closes now, or, if a call is under way on the descriptor on the carrier, as soon as it returns. */
    @Override
    public void close() throws IOException {
        int before = uses.getAndUpdate(now -> now | CLOSING);
        try {
            if (before == 0) {
                channel.close();
            }
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
    public void startWhenReadable(String name, Runnable task, Consumer<Throwable> unstarted) {
        readiness.onFirstReady(() -> {
            try {
                start(name, task);
            } catch (RuntimeException | Error e) {
                // Most likely no memory for one more thread: this client goes unserved, the carrier goes on.
                unstarted.accept(e);
            }
        });
    }
}
