package dev.socklab.runtime;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.socklab.framing.ByteSource;

/**
 * A connection's socket as its framing reads it: a read waits as long as the idle timeout lets
 * it, and a read with a wait returns 0 once the wait passes, with the connection still open.
 *
 * <p>Such a read runs in a second virtual thread, because nothing else can end a blocking read
 * at a time without closing the socket: a Unix-socket {@code SocketChannel} has no
 * {@code SO_TIMEOUT} (only a TCP socket's stream adaptor has one), and a {@code Selector} would
 * pin the virtual thread to its carrier for the wait. The caller waits on the read's result for
 * as long as it was given; if the wait passes first, the read runs on, and the next read, of
 * either kind, takes its bytes. Bytes it read that the taking call had no room for are kept for
 * the call after, so nothing the client sent is lost or reordered.
 */
final class TimedReader implements ByteSource {
    /** The most a timed read takes in one go: its buffer is allocated for it. */
    private static final int MAX_TIMED_READ = 64 * 1024;

    private final ChannelWire wire;
    private final Deadlines deadlines;
    /** A read running in a virtual thread of its own; null when none is. */
    private CompletableFuture<Integer> pending;
    /** What the pending read fills; once it has completed, in read mode, the bytes not yet taken. */
    private ByteBuffer inFlight;

    TimedReader(ChannelWire wire, Deadlines deadlines) {
        this.wire = wire;
        this.deadlines = deadlines;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (pending == null && inFlight != null) {
            return take(dst);
        }
        if (pending != null) {
            return await(dst, null);
        }
        deadlines.readStarted();
        try {
            return wire.recv(dst);
        } finally {
            deadlines.readEnded();
        }
    }

    @Override
    public int read(ByteBuffer dst, Duration wait) throws IOException {
        if (pending == null && inFlight != null) {
            return take(dst);
        }
        if (pending == null) {
            start(Math.clamp(dst.remaining(), 1, MAX_TIMED_READ));
        }
        return await(dst, wait);
    }

    private void start(int size) {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        CompletableFuture<Integer> result = new CompletableFuture<>();
        // Not bounded by a read deadline of its own: the call waiting for it is.
        Thread.ofVirtual().name(Thread.currentThread().getName() + " read").start(() -> {
            try {
                result.complete(wire.recv(buffer));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        inFlight = buffer;
        pending = result;
    }

    /** Waits for the pending read, at most {@code wait}, or with null as long as the idle timeout allows. */
    private int await(ByteBuffer dst, Duration wait) throws IOException {
        int n;
        if (wait == null) {
            deadlines.readStarted();
        }
        try {
            n = wait == null ? pending.get() : pending.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            wire.nothingCame(inFlight.capacity(), wait);
            return 0;
        } catch (ExecutionException e) {
            pending = null;
            inFlight = null;
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading");
        } finally {
            if (wait == null) {
                deadlines.readEnded();
            }
        }
        pending = null;
        if (n <= 0) {
            inFlight = null;
            return n;
        }
        inFlight.flip();
        return take(dst);
    }

    /** Moves what the last timed read got into {@code dst}, as much as fits. */
    private int take(ByteBuffer dst) {
        int n = ByteSource.transfer(inFlight, dst);
        if (!inFlight.hasRemaining()) {
            inFlight = null;
        }
        return n;
    }
}
