package dev.socklab.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One load thread: a {@link Selector} and a share of the run's connections, all non-blocking, so
 * that a core drives thousands of them. It loops until the run's window ends or the request cap is
 * spent: open the slots that are due, select (at most one tick), hand each ready key to its slot,
 * and every tick check the slots' deadlines and retries. It measures its own CPU time over the
 * counted part, to tell when the generator rather than the server was the limit.
 */
final class Worker implements Runnable {
    /**
     * Connects in flight at once per thread. More would overflow the server's accept queue
     * (socklab's backlog is 511) and turn into SYN retries a second later.
     */
    static final int MAX_CONNECTING = 64;
    /** How often deadlines and retries are checked, and so the longest a select blocks. */
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final int SCRATCH_BYTES = 64 * 1024;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    final Shared shared;
    final Tally tally;
    final Selector selector;
    /** Where echoes and greetings that are counted, not kept, are read to. */
    final ByteBuffer scratch = ByteBuffer.allocateDirect(SCRATCH_BYTES);
    private final List<Slot> slots = new ArrayList<>();
    private final ArrayDeque<Slot> due = new ArrayDeque<>();
    private int connecting;
    private long cpuNanos;
    private long wallNanos;
    private volatile Exception failure;
    private Thread thread;

    Worker(Shared shared) throws IOException {
        this.shared = shared;
        this.tally = new Tally(shared.window, shared.budget);
        this.selector = Selector.open();
    }

    /** Gives this thread a connection to run. Before {@link #run()} only. */
    void add(Slot slot) {
        slots.add(slot);
        due.add(slot);
    }

    /** Opens {@code slot} at the next turn of the loop, when fewer than {@link #MAX_CONNECTING} are connecting. */
    void schedule(Slot slot) {
        due.add(slot);
    }

    /** Starts this worker's platform thread: a daemon, so that a stuck run can never keep the JVM alive. */
    void startThread(String name) {
        thread = Thread.ofPlatform().name(name).daemon().start(this);
    }

    Thread thread() {
        return thread;
    }

    void connectStarted() {
        connecting++;
    }

    void connectEnded() {
        connecting--;
    }

    @Override
    public void run() {
        Window window = shared.window;
        long cpuStart = -1;
        long wallStart = 0;
        long lastTick = System.nanoTime();
        try {
            // Bounded: the window ends at most warm-up + duration after it starts (idle: its coordinator ends it).
            for (long now = System.nanoTime(); !window.over(now) && !shared.budget.exhausted(); now = System.nanoTime()) {
                if (cpuStart < 0 && window.counting(now)) {
                    cpuStart = cpuTime();
                    wallStart = now;
                }
                openDue(now);
                long wait = Math.min(TICK_NANOS, window.end() - now);
                selector.select(this::dispatch, Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
                now = System.nanoTime();
                if (now - lastTick >= TICK_NANOS) {
                    lastTick = now;
                    for (Slot slot : slots) {
                        slot.tick(now);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
        } finally {
            if (cpuStart >= 0) {
                cpuNanos = cpuTime() - cpuStart;
                wallNanos = System.nanoTime() - wallStart;
            }
            for (Slot slot : slots) {
                slot.close();
            }
            try {
                selector.close();
            } catch (IOException e) {
                // The sockets are closed already; a selector that fails to close has nothing left to say.
            }
        }
    }

    private void openDue(long now) {
        // Bounded by the queue's length at the start: a slot that fails at once re-queues itself for later.
        for (int n = due.size(); n > 0 && connecting < MAX_CONNECTING; n--) {
            due.poll().open(now);
        }
    }

    private void dispatch(SelectionKey key) {
        ((Slot) key.attachment()).ready(key, System.nanoTime());
    }

    private static long cpuTime() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    /** CPU time this thread used while counting, in nanoseconds; valid once it has stopped. */
    long cpuNanos() {
        return cpuNanos;
    }

    /** Wall time this thread ran while counting, in nanoseconds; valid once it has stopped. */
    long wallNanos() {
        return wallNanos;
    }

    /** What stopped the thread early, if anything did: a selector that failed, or a bug. */
    Exception failure() {
        return failure;
    }
}
