package dev.socklab.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import dev.socklab.service.Outbox;
import dev.socklab.text.Durations;

/**
 * A connection's {@link Outbox} and the virtual thread that drains it. Everything queued waits
 * in one deque under one lock; the writer takes all of it at once and sends it with one gathering
 * write, so a client that reads fast gets a busy room's lines in few system calls.
 *
 * <p>The writer's own writes are bounded by the write timeout, like any other, through the
 * connection's write deadline; a client past the outbox's bounds gets a deadline of a second for
 * its last line. The watchdog checks the age bound even when nothing new is offered.
 */
final class OutboxWriter implements Outbox, Watchdog.Watched {
    /** At most this many arrays in one gathering write (Linux takes 1024 iovecs). */
    private static final int MAX_BATCH = 512;

    private enum State {
        /** Taking bytes. */
        OPEN,
        /** The service returned: what is queued goes out, then the writer ends. */
        FINISHING,
        /** The client fell too far behind: only the last words go out, then the connection closes. */
        DROPPED,
        /** The writer ended. */
        ENDED
    }

    /** A view of bytes offered, and when. */
    private record Queued(ByteBuffer bytes, long since) {
    }

    private final ChannelWire wire;
    private final Deadlines deadlines;
    /** Checks the age bound while the writer runs. */
    private final Watchdog watchdog;
    /** The bounds, which a reload may change ({@link #bounds}). Guarded by {@link #lock}. */
    private int maxBytes;
    private long maxLagNanos;
    private final Function<String, Optional<String>> lastWords;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private final Thread writer;
    private State state = State.OPEN;
    private long queuedBytes;
    /** When the oldest message of the batch being written was queued, or 0 while none is. */
    private long writingSince;
    /** Why the client was dropped, for the closing line; null unless it was. */
    private volatile String droppedBecause;

    /**
     * @param lastWords what the service says to a client dropped for falling behind, given the reason
     */
    OutboxWriter(ChannelWire wire, Deadlines deadlines, Watchdog watchdog, int maxBytes, Duration maxLag,
                 Function<String, Optional<String>> lastWords) {
        requireValid(maxBytes, maxLag);
        this.wire = wire;
        this.deadlines = deadlines;
        this.watchdog = watchdog;
        this.maxBytes = maxBytes;
        this.maxLagNanos = maxLag.toNanos();
        this.lastWords = lastWords;
        this.writer = Thread.ofVirtual().name(Thread.currentThread().getName() + " send").unstarted(this::drain);
    }

    /** Starts the writer; the watchdog checks its age bound until it ends. */
    void start() {
        watchdog.watch(this);
        try {
            writer.start();
        } catch (RuntimeException | Error e) {
            // No thread, so no end of it to unwatch at.
            watchdog.unwatch(this);
            throw e;
        }
    }

    @Override
    public boolean offerLine(String text) {
        return offer(TextLine.of(text));
    }

    @Override
    public boolean offer(byte[] bytes) {
        return offer(ByteBuffer.wrap(bytes));
    }

    @Override
    public boolean offer(ByteBuffer bytes) {
        ByteBuffer view = bytes.duplicate();
        int size = view.remaining();
        long now = System.nanoTime();
        lock.lock();
        try {
            if (state != State.OPEN) {
                return false;
            }
            if (queuedBytes + size > maxBytes) {
                drop("too far behind (more than " + maxBytes + " bytes waiting)");
                return false;
            }
            if (lagging(now)) {
                drop(lagReason());
                return false;
            }
            queue.add(new Queued(view, now));
            queuedBytes += size;
            ready.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void bounds(int maxBytes, Duration maxLag) {
        requireValid(maxBytes, maxLag);
        lock.lock();
        try {
            this.maxBytes = maxBytes;
            this.maxLagNanos = maxLag.toNanos();
        } finally {
            lock.unlock();
        }
    }

    private static void requireValid(int maxBytes, Duration maxLag) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("an outbox holds at least 1 byte, not " + maxBytes);
        }
        if (maxLag.isNegative() || maxLag.isZero()) {
            throw new IllegalArgumentException("an outbox's lag must be positive, not " + maxLag);
        }
    }

    /** Drops a client whose oldest waiting bytes have waited too long, even if nothing new comes. */
    @Override
    public void check(long now) {
        lock.lock();
        try {
            if (state == State.OPEN && lagging(now)) {
                drop(lagReason());
            }
        } finally {
            lock.unlock();
        }
    }

    /** The service is done: sends what is queued, then waits for the writer to end. */
    void finish() throws InterruptedException {
        lock.lock();
        try {
            if (state == State.OPEN) {
                state = State.FINISHING;
                ready.signal();
            }
        } finally {
            lock.unlock();
        }
        writer.join();
    }

    /** Why the client was dropped for falling behind, if it was. */
    Optional<String> droppedBecause() {
        return Optional.ofNullable(droppedBecause);
    }

    private boolean lagging(long now) {
        long oldest = writingSince != 0 ? writingSince : queue.isEmpty() ? 0 : queue.peek().since();
        return oldest != 0 && now - oldest > maxLagNanos;
    }

    private String lagReason() {
        return "too far behind (bytes waiting more than " + Durations.format(Duration.ofNanos(maxLagNanos)) + ")";
    }

    /** Holding the lock: frees what was queued and leaves room only for the last words. */
    private void drop(String reason) {
        droppedBecause = reason;
        state = State.DROPPED;
        queue.clear();
        queuedBytes = 0;
        lastWords.apply(reason)
                .ifPresent(line -> queue.add(new Queued(TextLine.of(line), 0)));
        deadlines.dropping();
        ready.signal();
    }

    private void drain() {
        try {
            ByteBuffer[] batch;
            while ((batch = take()) != null) {
                send(batch);
                lock.lock();
                try {
                    writingSince = 0;
                } finally {
                    lock.unlock();
                }
            }
        } catch (IOException e) {
            // The client is gone, or its connection was closed under the write: the reader learns it from its own call.
            wire.close();
        } catch (InterruptedException e) {
            wire.close();
        } finally {
            watchdog.unwatch(this);
            lock.lock();
            try {
                boolean dropped = state == State.DROPPED;
                state = State.ENDED;
                queue.clear();
                queuedBytes = 0;
                if (dropped) {
                    // Given up on: what the kernel still holds for it goes too, with a reset (ChannelWire.abort).
                    wire.abort();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Sends all of {@code batch} in gathering writes, each bounded by the write deadline. */
    private void send(ByteBuffer[] batch) throws IOException {
        int first = 0;
        while (first < batch.length) {
            deadlines.writeStarted();
            try {
                wire.sendGathering(batch, first);
            } finally {
                deadlines.writeEnded();
            }
            while (first < batch.length && !batch[first].hasRemaining()) {
                first++;
            }
        }
    }

    /** Waits for something to send; null once there is nothing more to send. */
    private ByteBuffer[] take() throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (state != State.OPEN) {
                    return null;
                }
                ready.await();
            }
            int n = Math.min(queue.size(), MAX_BATCH);
            ByteBuffer[] batch = new ByteBuffer[n];
            writingSince = queue.peek().since();
            for (int i = 0; i < n; i++) {
                Queued next = queue.poll();
                batch[i] = next.bytes();
                queuedBytes -= next.bytes().remaining();
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }
}
