package dev.socklab.netem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

import org.slf4j.LoggerFactory;

import dev.socklab.runtime.ThrottledLog;

/**
 * One side's datagrams, sent through the {@link NetworkConditions} it is given, as Linux's netem
 * would send them, without root or {@code tc}. For each datagram, in this order:
 * <ul>
 *   <li>with probability {@code loss} it is lost: counted ({@link #lost()}), never sent;</li>
 *   <li>otherwise it is delayed by {@code lag} plus a jitter drawn uniformly from [-{@code jitter},
 *       +{@code jitter}], never below 0: jitter alone reorders datagrams too, as netem's does;</li>
 *   <li>with probability {@code reorder} it is held back 10 to 50 ms more (uniformly), so that the
 *       datagrams behind it overtake it even with no lag ({@link #reordered()});</li>
 *   <li>with probability {@code duplicate} a second copy goes too, 0 to 10 ms after the first
 *       ({@link #duplicated()}).</li>
 * </ul>
 * Datagrams due at the same time leave in the order they were sent.
 *
 * <p>With {@link NetworkConditions#NONE} each datagram goes at once, on the caller's thread, and
 * nothing is held. Otherwise the link copies each datagram and one daemon platform thread of its
 * own (named {@code "<name> netem"}) sends it at its due time, through the {@link PacketSink}
 * given with it. The link holds at most {@value #MAX_HELD_DATAGRAMS} datagrams and
 * {@value #MAX_HELD_BYTES} bytes; past either, a datagram is dropped ({@link #overflowed()}). A
 * sink that fails is counted ({@link #failed()}) and logged once a second at most (not when its
 * socket is closed: that is its owner stopping). Safe to use from any thread; {@code send}
 * never blocks on the network unless the conditions are {@code NONE}.
 *
 * <p>For deterministic tests, {@link #ImpairedLink(NetworkConditions, RandomGenerator, String,
 * LongSupplier)} makes a link with no thread, on a clock of the caller's, that sends only when told
 * to ({@link #deliverDue()}): with a seeded random source, the same datagrams meet the same fate.
 */
public final class ImpairedLink implements AutoCloseable {
    /** The most datagrams a link holds at once. */
    public static final int MAX_HELD_DATAGRAMS = 10_000;
    /** The most bytes a link holds at once: 16 MiB. */
    public static final long MAX_HELD_BYTES = 16L << 20;
    private static final long REORDER_MIN_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long REORDER_MAX_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long DUPLICATE_MAX_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final NetworkConditions conditions;
    private final long lagNanos;
    private final long jitterNanos;
    private final String name;
    private final LongSupplier clock;
    private final ThrottledLog failures;
    private final DelayQueue<HeldDatagram> held = new DelayQueue<>();
    /** Guards the random source, the sequence, what is held and {@link #closed}. */
    private final Object lock = new Object();
    private final RandomGenerator random;
    private long sequence;
    private int heldDatagrams;
    private long heldBytes;
    private boolean closed;
    private final Thread sender;

    private final LongAdder sent = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private final LongAdder duplicated = new LongAdder();
    private final LongAdder reordered = new LongAdder();
    private final LongAdder overflowed = new LongAdder();
    private final LongAdder failed = new LongAdder();

    /**
     * A link that sends on a thread of its own, unless {@code conditions} are {@code NONE}.
     *
     * @param random where each datagram's fate is drawn from; a seeded one repeats it
     * @param name what the thread and the log lines call this link: {@code arena client}
     */
    public ImpairedLink(NetworkConditions conditions, RandomGenerator random, String name) {
        this(conditions, random, name, System::nanoTime, !conditions.isNone());
    }

    /**
     * A link with no thread, on {@code nanoClock} (as {@link System#nanoTime} counts): what is due
     * goes only when {@link #deliverDue()} is called. For tests that must be exact.
     */
    public ImpairedLink(NetworkConditions conditions, RandomGenerator random, String name, LongSupplier nanoClock) {
        this(conditions, random, name, nanoClock, false);
    }

    private ImpairedLink(NetworkConditions conditions, RandomGenerator random, String name, LongSupplier clock,
                         boolean threaded) {
        this.conditions = conditions;
        this.lagNanos = conditions.lag().toNanos();
        this.jitterNanos = conditions.jitter().toNanos();
        this.random = random;
        this.name = name;
        this.clock = clock;
        this.failures = new ThrottledLog(LoggerFactory.getLogger("socklab.netem"), TimeUnit.SECONDS.toNanos(1));
        this.sender = threaded ? Thread.ofPlatform().daemon().name(name + " netem").start(this::sendLoop) : null;
    }

    /** The conditions this link applies. */
    public NetworkConditions conditions() {
        return conditions;
    }

    /**
     * Sends what remains of {@code src} through {@code sink}, now or when the conditions say, or
     * not at all; {@code src} is consumed either way, as a socket's send consumes it. After
     * {@link #close()}, a link with conditions drops what it is given.
     */
    public void send(ByteBuffer src, PacketSink sink) {
        if (conditions.isNone()) {
            deliver(src, sink);
            return;
        }
        synchronized (lock) {
            if (closed) {
                src.position(src.limit());
                return;
            }
            if (conditions.loss() > 0 && random.nextDouble() < conditions.loss()) {
                src.position(src.limit());
                lost.increment();
                return;
            }
            ByteBuffer copy = ByteBuffer.allocate(src.remaining()).put(src).flip().asReadOnlyBuffer();
            long delay = lagNanos;
            if (jitterNanos > 0) {
                delay = Math.max(0, delay + random.nextLong(-jitterNanos, jitterNanos + 1));
            }
            boolean heldBack = conditions.reorder() > 0 && random.nextDouble() < conditions.reorder();
            if (heldBack) {
                delay += random.nextLong(REORDER_MIN_NANOS, REORDER_MAX_NANOS + 1);
            }
            long due = clock.getAsLong() + delay;
            if (hold(due, copy, sink) && heldBack) {
                reordered.increment();
            }
            if (conditions.duplicate() > 0 && random.nextDouble() < conditions.duplicate()) {
                if (hold(due + random.nextLong(0, DUPLICATE_MAX_NANOS + 1), copy, sink)) {
                    duplicated.increment();
                }
            }
        }
    }

    /** Holds {@code bytes} until {@code due}, unless the link is full. Called with the lock held. */
    private boolean hold(long due, ByteBuffer bytes, PacketSink sink) {
        if (heldDatagrams >= MAX_HELD_DATAGRAMS || heldBytes + bytes.remaining() > MAX_HELD_BYTES) {
            overflowed.increment();
            return false;
        }
        heldDatagrams++;
        heldBytes += bytes.remaining();
        held.add(new HeldDatagram(due, sequence++, bytes, sink, clock));
        return true;
    }

    /** Sends, in due order, every datagram due at the clock's now. For a link made with a clock of the caller's. */
    public void deliverDue() {
        for (HeldDatagram next = held.poll(); next != null; next = held.poll()) {
            if (!release(next)) {
                return;
            }
        }
    }

    /** The thread's loop: wait for the next due datagram and send it, until the link closes. */
    private void sendLoop() {
        while (true) {
            HeldDatagram next;
            try {
                next = held.take();
            } catch (InterruptedException e) {
                // close() stops this thread with a datagram that is no datagram, never an interrupt, which would
                // close the sink's channel if it came during a send. One from elsewhere stops the link all the same.
                close();
                return;
            }
            if (!release(next)) {
                return;
            }
        }
    }

    /** Sends {@code next}, which is due, and stops counting it as held; false if it says the link closed. */
    private boolean release(HeldDatagram next) {
        if (next.isStop()) {
            return false;
        }
        synchronized (lock) {
            if (closed) {
                return false;
            }
            heldDatagrams--;
            heldBytes -= next.bytes().remaining();
        }
        deliver(next.bytes().duplicate(), next.sink());
        return true;
    }

    private void deliver(ByteBuffer packet, PacketSink sink) {
        try {
            sink.send(packet);
            sent.increment();
        } catch (ClosedChannelException e) {
            failed.increment();
        } catch (IOException e) {
            failed.increment();
            failures.warn(name + ": a datagram could not be sent (" + e.getMessage() + ")");
        }
    }

    /** Datagrams the sink took, copies included. */
    public long sent() {
        return sent.sum();
    }

    /** Datagrams lost on purpose ({@code loss}). */
    public long lost() {
        return lost.sum();
    }

    /** Second copies held to send ({@code duplicate}). */
    public long duplicated() {
        return duplicated.sum();
    }

    /** Datagrams held back for others to overtake ({@code reorder}). */
    public long reordered() {
        return reordered.sum();
    }

    /** Datagrams dropped because the link held as much as it may. */
    public long overflowed() {
        return overflowed.sum();
    }

    /** Datagrams the sink failed to send (its socket closed, or an error from the system). */
    public long failed() {
        return failed.sum();
    }

    /** Stops the thread, if any, and drops every datagram held. Calling it again does nothing. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            held.clear();
            heldDatagrams = 0;
            heldBytes = 0;
        }
        if (sender != null) {
            held.add(HeldDatagram.stop(clock));
        }
    }
}
