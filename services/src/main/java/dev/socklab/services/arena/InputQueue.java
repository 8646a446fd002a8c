package dev.socklab.services.arena;

import java.nio.ByteBuffer;

import dev.socklab.arena.Buttons;
import dev.socklab.arena.InputPacket;
import dev.socklab.rate.TokenBucket;

/**
 * One player's inputs between the thread that receives them and the tick that applies them. Each
 * input is queued once, in its number's order: an input already queued is ignored (the client
 * repeats every input until a snapshot acknowledges it), and a gap in the numbers (inputs the
 * client gave up, past the 8 it repeats) is skipped, never waited for. Bounded: at most
 * {@value #CAPACITY} inputs wait, and new ones come at most at the tick rate (a token bucket
 * whose burst is a second of inputs: an honest client's inputs bunch up behind a network's jitter
 * or a server's pause, and the 2 inputs a tick applies already cap how fast anyone moves).
 * Thread-safe: the receiving thread offers, the tick thread takes. Nothing is made per input: the
 * queue is a ring of numbers, buttons and arrival times, and a taken input is copied into the
 * tick thread's own {@link Taken}.
 */
final class InputQueue {
    static final int CAPACITY = 8;

    /** What became of one INPUT packet. */
    enum Outcome {
        /** Its new inputs, if any, are queued. */
        QUEUED,
        /** Its packet number was seen already, or is too old to tell. */
        REPLAYED,
        /** One of its inputs is impossible: none of them is queued. */
        IMPOSSIBLE,
        /** Some of its new inputs came faster than the tick rate allows: those are not queued. */
        TOO_FAST,
        /** The queue is full: its new inputs wait for the client to send them again. */
        FULL
    }

    /** An input taken for its tick, and when it arrived (for the snapshot's hold); the tick thread reuses one. */
    static final class Taken {
        long number;
        int buttons;
        long arrivedNanos;
    }

    private final ReplayWindow packets = new ReplayWindow();
    private final TokenBucket rate;
    /** The inputs waiting, oldest at {@link #head}: a ring of {@value #CAPACITY}. */
    private final long[] numbers = new long[CAPACITY];
    private final int[] buttons = new int[CAPACITY];
    private final long[] arrivals = new long[CAPACITY];
    private int head;
    private int size;
    /** The newest input number queued or skipped: what a repeated input is told by. */
    private long newest;
    private long skipped;

    InputQueue(int tickRate, long now) {
        this.rate = new TokenBucket(tickRate, tickRate, now);
    }

    /** Takes what is new in {@code input}, a valid INPUT ({@link InputPacket#isValid}) that arrived at {@code now}. */
    synchronized Outcome offer(ByteBuffer input, long now) {
        if (!packets.accept(InputPacket.packetSeq(input))) {
            return Outcome.REPLAYED;
        }
        int count = InputPacket.count(input);
        for (int i = 0; i < count; i++) {
            if (!Buttons.isPossible(InputPacket.buttons(input, i))) {
                return Outcome.IMPOSSIBLE;
            }
        }
        long first = InputPacket.firstInput(input);
        if (first > newest + 1) {
            skipped += first - newest - 1;
            newest = first - 1;
        }
        for (int i = 0; i < count; i++) {
            long number = first + i;
            if (number <= newest) {
                continue;
            }
            if (size >= CAPACITY) {
                return Outcome.FULL;
            }
            if (!rate.take(now)) {
                return Outcome.TOO_FAST;
            }
            int tail = (head + size) % CAPACITY;
            numbers[tail] = number;
            buttons[tail] = InputPacket.buttons(input, i);
            arrivals[tail] = now;
            size++;
            newest = number;
        }
        return Outcome.QUEUED;
    }

    /** Takes the oldest input waiting into {@code into}; false, {@code into} untouched, if none waits. */
    synchronized boolean poll(Taken into) {
        if (size == 0) {
            return false;
        }
        into.number = numbers[head];
        into.buttons = buttons[head];
        into.arrivedNanos = arrivals[head];
        head = (head + 1) % CAPACITY;
        size--;
        return true;
    }

    /** Inputs skipped since the last call: their client gave them up before they arrived. */
    synchronized long takeSkipped() {
        long n = skipped;
        skipped = 0;
        return n;
    }
}
