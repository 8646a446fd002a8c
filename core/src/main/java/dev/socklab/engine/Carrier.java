package dev.socklab.engine;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One platform thread that owns an epoll set and runs the virtual threads of the sockets in it.
 * Its loop: run the virtual threads that are ready, then wait on epoll (without blocking while
 * any is ready), then mark the sockets that became ready and wake their waiting threads, which
 * lands them on this carrier's own queue. Each socket is added to the set once, edge-triggered,
 * for reading and writing ({@link Readiness}): no {@code epoll_ctl} per read, no hand-off to
 * another thread, no ForkJoinPool on the way.
 *
 * <p>As an {@link Executor}, it is the scheduler of its virtual threads: a continuation submitted
 * from this carrier (a wake-up by the loop, or by a virtual thread running here) goes on a plain
 * local queue; one from any other thread (a timer, a lock released elsewhere, a chat member on
 * another carrier) goes through a concurrent inbox and, if the carrier sleeps in
 * {@code epoll_wait}, a write to its eventfd.
 */
final class Carrier implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger("socklab.engine");
    private static final int MAX_EVENTS = 256;
    /** The most one {@code recv} or {@code send} of a heap buffer moves, through {@link #scratch}. */
    static final int SCRATCH_BYTES = 64 * 1024;
    /** The eventfd's key in the epoll set; sockets' keys are their slots, from 0. */
    private static final long WAKE_KEY = -1;
    private static final VarHandle WAKE_PENDING;

    static {
        try {
            WAKE_PENDING = MethodHandles.lookup().findVarHandle(Carrier.class, "wakePending", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final String name;
    private final Thread thread;
    private final ThreadFactory threads;
    /** Freed with the carrier by the collector: a late call from a virtual thread never meets a closed arena. */
    private final Arena arena = Arena.ofAuto();
    /** errno of the calls made on this carrier; any thread's call has its own. */
    private final MemorySegment callState = Epoll.callState(arena);
    private final MemorySegment events = arena.allocate(Epoll.EVENT_SIZE * MAX_EVENTS, 8);
    private final MemorySegment oneEvent = arena.allocate(Epoll.EVENT_SIZE, 8);
    private final MemorySegment counter = arena.allocate(8, 8);
    /**
     * Native memory that a socket's call on this carrier receives into or sends from when the
     * service's buffer is on the heap: one call at a time, since a call never parks while it
     * holds it.
     */
    final MemorySegment scratch = arena.allocate(SCRATCH_BYTES, 8);
    final ByteBuffer scratchBuffer = scratch.asByteBuffer();
    private final int epfd;
    private final int wakeFd;
    /** Continuations to run, submitted on this carrier: touched by this carrier's thread alone. */
    private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
    /** Continuations submitted from other threads. */
    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    /**
     * This carrier's virtual threads parked until a deadline ({@link #parkUntil}), soonest first:
     * the loop's {@code epoll_wait} times out at the first, and the loop wakes the due ones. Touched
     * by this carrier's thread alone.
     */
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(Comparator.comparingLong(Timer::deadline));
    /** The sockets in the epoll set, by slot; touched by this carrier's thread alone. */
    private Readiness[] slots = new Readiness[64];
    private int[] freeSlots = new int[64];
    private int freeCount;
    private int slotsUsed;
    /** Whether the loop is in, or about to be in, an {@code epoll_wait} that may block. */
    private volatile boolean sleeping;
    /** Whether the eventfd was written and the loop has not read it yet: one write wakes it. */
    private volatile boolean wakePending;
    private volatile boolean stopping;
    /** Set, under its own lock, once the descriptors are closed: a late wake must not write to a number reused since. */
    private boolean closedFds;
    private final Object fdLock = new Object();

    Carrier(String name) throws IOException {
        this.name = name;
        this.epfd = Epoll.create(callState);
        try {
            this.wakeFd = Epoll.eventFd(callState);
        } catch (IOException e) {
            Epoll.close(callState, epfd);
            throw e;
        }
        Epoll.add(callState, oneEvent, epfd, wakeFd, Epoll.EPOLLIN | Epoll.EPOLLET, WAKE_KEY);
        this.threads = SchedulerHook.factory(this);
        this.thread = Thread.ofPlatform().name(name).daemon().unstarted(this::loop);
    }

    void start() {
        thread.start();
    }

    /** A virtual thread of this carrier's, named {@code name}, not started. */
    Thread newThread(String name, Runnable task) {
        Thread t = threads.newThread(task);
        t.setName(name);
        return t;
    }

    /** Where a call made on this carrier records errno. */
    MemorySegment callState() {
        return callState;
    }

    /** Whether the caller runs on this carrier: its thread, or a virtual thread mounted on it. */
    boolean isCurrent() {
        return SchedulerHook.currentCarrier() == thread;
    }

    @Override
    public void execute(Runnable continuation) {
        if (isCurrent()) {
            ready.add(continuation);
            return;
        }
        if (stopping) {
            throw new RejectedExecutionException(name + " has stopped");
        }
        inbox.add(continuation);
        if (sleeping && WAKE_PENDING.compareAndSet(this, false, true)) {
            wake();
        }
    }

    /** Writes the eventfd, from any thread: the carrier's {@code epoll_wait} returns. */
    private void wake() {
        synchronized (fdLock) {
            if (closedFds) {
                return;
            }
            try (Arena call = Arena.ofConfined()) {
                Epoll.signal(Epoll.callState(call), wakeFd, call.allocate(8, 8));
            } catch (IOException e) {
                LOG.error("{}: cannot wake the carrier: {}", name, e.getMessage());
            }
        }
    }

    /**
     * Adds {@code readiness}'s descriptor to the epoll set, once, edge-triggered for reading and
     * writing. Called on this carrier, by the socket's own virtual thread.
     */
    int register(Readiness readiness, int fd) throws IOException {
        int slot;
        if (freeCount > 0) {
            slot = freeSlots[--freeCount];
        } else {
            if (slotsUsed == slots.length) {
                slots = Arrays.copyOf(slots, slots.length * 2);
            }
            slot = slotsUsed++;
        }
        try {
            Epoll.add(callState, oneEvent, epfd, fd,
                    Epoll.EPOLLIN | Epoll.EPOLLPRI | Epoll.EPOLLOUT | Epoll.EPOLLRDHUP | Epoll.EPOLLET, slot);
        } catch (IOException e) {
            release(slot);
            throw e;
        }
        slots[slot] = readiness;
        return slot;
    }

    /**
     * Frees a slot once its socket is closed (closing the descriptor took it out of the epoll set).
     * Called on this carrier.
     */
    void release(int slot) {
        slots[slot] = null;
        if (freeCount == freeSlots.length) {
            freeSlots = Arrays.copyOf(freeSlots, freeSlots.length * 2);
        }
        freeSlots[freeCount++] = slot;
    }

    /** A parked thread and when it is due; identity, not value, so that its own thread removes it. */
    private static final class Timer {
        private final long deadline;
        private final Thread thread;

        Timer(long deadline, Thread thread) {
            this.deadline = deadline;
            this.thread = thread;
        }

        long deadline() {
            return deadline;
        }
    }

    /**
     * Parks the calling virtual thread, which runs on this carrier, until it is unparked or
     * {@code deadline} ({@link System#nanoTime()}) passes, whichever comes first. The deadline is
     * the loop's to keep: a JDK timed park would put it on the JDK's timer thread and wake that
     * thread twice a wait (to arm and to cancel), which a lock-step exchange pays per datagram.
     * The queue holds the threads of this carrier that wait so, one entry each.
     */
    void parkUntil(long deadline) {
        Timer timer = new Timer(deadline, Thread.currentThread());
        timers.add(timer);
        try {
            LockSupport.park();
        } finally {
            timers.remove(timer);
        }
    }

    /** Ends the loop once it has run what is queued; what is submitted later is refused. */
    void stop() {
        stopping = true;
        wake();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        try {
            while (!stopping) {
                runReady();
                int timeout = 0;
                if (ready.isEmpty()) {
                    sleeping = true;
                    // After sleeping is set: a submitter that missed it put its task in the inbox first.
                    if (inbox.isEmpty()) {
                        timeout = timers.isEmpty() ? -1 : millisUntil(timers.peek().deadline);
                    }
                }
                int n = Epoll.await(callState, epfd, events, MAX_EVENTS, timeout);
                sleeping = false;
                for (int i = 0; i < n; i++) {
                    long key = Epoll.data(events, i);
                    if (key == WAKE_KEY) {
                        // Drained first: a wake written after the drain makes a new edge. Cleared the
                        // other way round, a wake written between the two was drained unseen, its edge
                        // dropped by epoll (the counter read 0 by then), and wakePending stayed set:
                        // no thread elsewhere woke this carrier again (seen as a hang at shutdown).
                        Epoll.drain(callState, wakeFd, counter);
                        wakePending = false;
                    } else {
                        Readiness socket = slots[(int) key];
                        // Null when the socket closed after the event was read: nothing waits on it.
                        if (socket != null) {
                            socket.ready(Epoll.events(events, i));
                        }
                    }
                }
                wakeDue();
            }
        } catch (IOException | RuntimeException | Error e) {
            LOG.error("{} failed; its connections stop being served", name, e);
        } finally {
            stopping = true;
            synchronized (fdLock) {
                closedFds = true;
                Epoll.close(callState, wakeFd);
                Epoll.close(callState, epfd);
            }
        }
    }

    /** Milliseconds until {@code deadline}, rounded up (a wait never ends before it), 0 if it has passed. */
    private static int millisUntil(long deadline) {
        long nanos = deadline - System.nanoTime();
        if (nanos <= 0) {
            return 0;
        }
        return (int) Math.min(Integer.MAX_VALUE, (nanos + TimeUnit.MILLISECONDS.toNanos(1) - 1) / TimeUnit.MILLISECONDS.toNanos(1));
    }

    /** Unparks the threads whose deadline has passed: they land on this carrier's queue. */
    private void wakeDue() {
        if (timers.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        for (Timer due; (due = timers.peek()) != null && due.deadline - now <= 0; ) {
            timers.poll();
            LockSupport.unpark(due.thread);
        }
    }

    /** Runs what was ready when it started; what those wake runs after the next look at epoll. */
    private void runReady() {
        for (Runnable task; (task = inbox.poll()) != null; ) {
            ready.add(task);
        }
        for (int n = ready.size(); n > 0; n--) {
            Runnable task = ready.poll();
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.error("{}: a virtual thread failed to run", name, e);
            }
        }
    }
}
