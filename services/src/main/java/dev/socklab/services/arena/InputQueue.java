package dev.socklab.services.arena;

import java.util.ArrayDeque;

import dev.socklab.arena.Buttons;
import dev.socklab.arena.Packet;
import dev.socklab.rate.TokenBucket;

/**
 * One player's inputs between the thread that receives them and the tick that applies them. Each
 * input is queued once, in its number's order: an input already queued is ignored (the client
 * repeats every input until a snapshot acknowledges it), and a gap in the numbers (inputs the
 * client gave up, past the 8 it repeats) is skipped, never waited for. Bounded: at most
 * {@value #CAPACITY} inputs wait, and new ones come at most at the tick rate (a token bucket
 * whose burst is a second of inputs: an honest client's inputs bunch up behind a network's jitter
 * or a server's pause, and the 2 inputs a tick applies already cap how fast anyone moves).
 * Thread-safe: the receiving thread offers, the tick thread takes.
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

    /** An input waiting for its tick, and when it arrived (for the snapshot's hold). */
    record Queued(long number, int buttons, long arrivedNanos) {
    }

    private final ReplayWindow packets = new ReplayWindow();
    private final TokenBucket rate;
    private final ArrayDeque<Queued> queue = new ArrayDeque<>(CAPACITY);
    /** The newest input number queued or skipped: what a repeated input is told by. */
    private long newest;
    private long skipped;

    InputQueue(int tickRate, long now) {
        this.rate = new TokenBucket(tickRate, tickRate, now);
    }

    /** Takes what is new in {@code input}, which arrived at {@code now}. */
    synchronized Outcome offer(Packet.Input input, long now) {
        if (!packets.accept(input.packetSeq())) {
            return Outcome.REPLAYED;
        }
        byte[] buttons = input.buttons();
        for (byte b : buttons) {
            if (!Buttons.isPossible(b & 0xFF)) {
                return Outcome.IMPOSSIBLE;
            }
        }
        if (input.firstInput() > newest + 1) {
            skipped += input.firstInput() - newest - 1;
            newest = input.firstInput() - 1;
        }
        for (int i = 0; i < buttons.length; i++) {
            long number = input.firstInput() + i;
            if (number <= newest) {
                continue;
            }
            if (queue.size() >= CAPACITY) {
                return Outcome.FULL;
            }
            if (!rate.take(now)) {
                return Outcome.TOO_FAST;
            }
            queue.add(new Queued(number, buttons[i] & 0xFF, now));
            newest = number;
        }
        return Outcome.QUEUED;
    }

    /** The oldest input waiting, taken from the queue; null if none waits. */
    synchronized Queued poll() {
        return queue.poll();
    }

    /** Inputs skipped since the last call: their client gave them up before they arrived. */
    synchronized long takeSkipped() {
        long n = skipped;
        skipped = 0;
        return n;
    }
}
