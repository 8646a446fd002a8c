package dev.socklab.engine;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Whether one descriptor in a carrier's epoll set may be read or written, and the virtual
 * threads waiting until it may. The socket joins the set the first time a call would block (a
 * connection that never waits never pays an {@code epoll_ctl}), and stays in it, edge-triggered,
 * until it closes.
 *
 * <p>No edge is lost: a call tries the socket first, and only when it would block does it wait,
 * which takes the edge the carrier marked since the last wait, if any (the caller then tries
 * again), or parks until the carrier marks one. The flags are set by the carrier's loop and taken
 * by the socket's virtual threads, which run on that carrier; the epoll set's table is the
 * carrier's alone, so a thread elsewhere (which the {@code Connection} contract does not expect,
 * but which must not break it) has the carrier register and release the socket for it. A close or
 * a shutdown from another thread unparks the waiters, which then try the socket again and find it
 * closed or at its end.
 */
final class Readiness {
    private final Carrier carrier;
    private final int fd;
    /** The slot in the carrier's epoll set; -1 before the first wait and after the close. Set on the carrier. */
    private volatile int slot = -1;
    private volatile boolean readable;
    private volatile boolean writable;
    /**
     * A read took every byte there was (it returned less than it had room for), and no edge came
     * since: a read now would find nothing, so the caller waits without the system call. Bytes
     * that arrive after that read make a new edge, which the carrier reports however late it looks.
     */
    private volatile boolean drained;
    /**
     * The peer closed its side, or the socket failed: a short read may leave the end of the stream
     * (or the error) still to read, with its edge already reported, so reads never skip again.
     */
    private volatile boolean hungUp;
    /**
     * TCP urgent data came (a byte sent with {@code MSG_OOB}, as FTP clients send ABOR): a read stops
     * short at its mark with more bytes behind it, whose edge is already reported, so reads never
     * skip again.
     */
    private volatile boolean urgent;
    private volatile Thread reader;
    private volatile Thread writer;
    private volatile boolean closed;
    /** What runs the first time the socket is readable, closed or woken; null when nothing waits to. */
    private final AtomicReference<Runnable> onFirstReady = new AtomicReference<>();

    Readiness(Carrier carrier, int fd) {
        this.carrier = carrier;
        this.fd = fd;
    }

    /**
     * Waits until the descriptor may be readable, at most {@code nanos} (0: as long as it takes),
     * on the carrier; the caller tries its read again, whatever woke it.
     */
    void awaitReadable(long nanos) throws IOException {
        if (readyToRead()) {
            return;
        }
        if (!closed) {
            park(nanos);
        }
        readWaitEnded();
    }

    /**
     * As {@link #awaitReadable}, until {@code deadline} ({@link System#nanoTime()}), which the
     * carrier keeps when the caller runs on it ({@link Carrier#parkUntil}): no JDK timer per wait.
     */
    void awaitReadableUntil(long deadline) throws IOException {
        if (readyToRead()) {
            return;
        }
        if (!closed) {
            if (carrier.isCurrent()) {
                carrier.parkUntil(deadline);
            } else {
                LockSupport.parkNanos(deadline - System.nanoTime());
            }
        }
        readWaitEnded();
    }

    /** A read's wait begins: true if an edge came since the last wait, taken now, and there is none to make. */
    private boolean readyToRead() throws IOException {
        enter();
        if (readable) {
            readable = false;
            return true;
        }
        reader = Thread.currentThread();
        return false;
    }

    /** A read's wait is over, however it ended: the caller reads again. */
    private void readWaitEnded() throws IOException {
        reader = null;
        readable = false;
        checkInterrupt();
    }

    /** Whether the last read emptied the socket and no edge came since: the next read would find nothing. */
    boolean drained() {
        return drained && !hungUp && !urgent;
    }

    /** A read returned less than it had room for: the socket had no more. */
    void drainedByRead() {
        drained = true;
    }

    /** As {@link #awaitReadable}, for writing, as long as it takes. */
    void awaitWritable() throws IOException {
        enter();
        if (writable) {
            writable = false;
            return;
        }
        writer = Thread.currentThread();
        if (!closed) {
            park(0);
        }
        writer = null;
        writable = false;
        checkInterrupt();
    }

    /**
     * Runs {@code start} once the descriptor is readable, or closed or woken from another thread:
     * the carrier adds it to its epoll set now, and the set reports it at once if bytes are there
     * already. If it cannot be added, {@code start} runs at once, and its first wait meets the
     * failure.
     */
    void onFirstReady(Runnable start) {
        onFirstReady.set(start);
        carrier.execute(() -> {
            try {
                if (slot < 0 && !closed) {
                    slot = carrier.register(this, fd);
                }
            } catch (IOException e) {
                runFirstReady();
            }
        });
        if (closed) {
            runFirstReady();
        }
    }

    private void runFirstReady() {
        Runnable start = onFirstReady.getAndSet(null);
        if (start != null) {
            start.run();
        }
    }

    /** The carrier saw {@code events} for this descriptor: the waiters wake, on the carrier. */
    void ready(int events) {
        if ((events & (Epoll.EPOLLIN | Epoll.EPOLLPRI | Epoll.EPOLLRDHUP | Epoll.EPOLLHUP | Epoll.EPOLLERR)) != 0) {
            drained = false;
            if ((events & Epoll.EPOLLPRI) != 0) {
                urgent = true;
            }
            if ((events & (Epoll.EPOLLRDHUP | Epoll.EPOLLHUP | Epoll.EPOLLERR)) != 0) {
                hungUp = true;
            }
            readable = true;
            unpark(reader);
            if (onFirstReady.get() != null) {
                runFirstReady();
            }
        }
        if ((events & (Epoll.EPOLLOUT | Epoll.EPOLLHUP | Epoll.EPOLLERR)) != 0) {
            writable = true;
            unpark(writer);
        }
    }

    /** Wakes both waiters, from any thread, to find what changed (an input shut down); a thread waiting to start starts. */
    void wakeAll() {
        // What changed (an input shut down here) is found by trying the socket again.
        drained = false;
        unpark(reader);
        unpark(writer);
        runFirstReady();
    }

    /** The descriptor was closed, which took it out of the epoll set: the waiters wake, and the carrier frees the slot. */
    void closed() {
        closed = true;
        wakeAll();
        if (carrier.isCurrent()) {
            releaseSlot();
        } else {
            try {
                carrier.execute(this::releaseSlot);
            } catch (RejectedExecutionException e) {
                // The carrier has stopped, and its table with it.
            }
        }
    }

    private void releaseSlot() {
        if (slot >= 0) {
            carrier.release(slot);
            slot = -1;
        }
    }

    private void enter() throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        if (slot >= 0) {
            return;
        }
        if (carrier.isCurrent()) {
            slot = carrier.register(this, fd);
            return;
        }
        CompletableFuture<Void> registered = new CompletableFuture<>();
        carrier.execute(() -> {
            try {
                if (slot < 0 && !closed) {
                    slot = carrier.register(this, fd);
                }
                registered.complete(null);
            } catch (IOException e) {
                registered.completeExceptionally(e);
            }
        });
        try {
            registered.get();
        } catch (ExecutionException e) {
            throw (IOException) e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClosedByInterruptException();
        }
    }

    private static void park(long nanos) {
        if (nanos == 0) {
            LockSupport.park();
        } else {
            LockSupport.parkNanos(nanos);
        }
    }

    /** An interrupt ends the wait, as it ends a blocking JDK channel's call; the socket closes it. */
    private static void checkInterrupt() throws IOException {
        if (Thread.currentThread().isInterrupted()) {
            throw new ClosedByInterruptException();
        }
    }

    private static void unpark(Thread waiter) {
        if (waiter != null) {
            LockSupport.unpark(waiter);
        }
    }
}
