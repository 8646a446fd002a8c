package dev.socklab.client.arena;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.OptionalLong;

import dev.socklab.arena.PacketCodec;

/**
 * The inputs a client has numbered and sent that no snapshot has acknowledged yet, with the time
 * each was first sent: what every INPUT packet repeats (the newest {@link PacketCodec#MAX_INPUTS_PER_PACKET}),
 * what reconciliation applies again on top of a snapshot, and what the round trip is measured from.
 */
final class PendingInputs {
    /**
     * The most inputs kept for reconciliation: four seconds at 30 Hz. Only the newest 8 are sent;
     * the older ones are still applied again while the server may yet acknowledge them, which with
     * a long lag it does many ticks later.
     */
    static final int MAX_KEPT = 128;

    private record Pending(long number, int buttons, long sentNanos) {
    }

    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private long next = 1;
    private long acknowledged;

    /** Numbers {@code buttons} as the next input, sent at {@code nowNanos}; its number. */
    long add(int buttons, long nowNanos) {
        if (pending.size() == MAX_KEPT) {
            pending.removeFirst();
        }
        pending.addLast(new Pending(next, buttons, nowNanos));
        return next++;
    }

    /**
     * Forgets the inputs up to {@code lastApplied}, which a snapshot says the server applied.
     *
     * @return when input {@code lastApplied} was sent, if it is newly acknowledged and still kept:
     *     where a round trip starts
     */
    OptionalLong acknowledge(long lastApplied) {
        if (lastApplied <= acknowledged) {
            return OptionalLong.empty();
        }
        acknowledged = lastApplied;
        OptionalLong sent = OptionalLong.empty();
        while (!pending.isEmpty() && pending.peekFirst().number() <= lastApplied) {
            Pending done = pending.removeFirst();
            if (done.number() == lastApplied) {
                sent = OptionalLong.of(done.sentNanos());
            }
        }
        return sent;
    }

    /** The buttons of every input kept, oldest first: those after the newest acknowledged. */
    int[] unacknowledged() {
        return pending.stream().mapToInt(Pending::buttons).toArray();
    }

    /** The number of the first input {@link #toSend()} holds; the newest is {@code next - 1}. */
    long firstToSend() {
        return next - toSendCount();
    }

    /** The newest inputs kept, up to the most one INPUT carries, oldest first, one byte each. */
    byte[] toSend() {
        int[] all = unacknowledged();
        int[] newest = Arrays.copyOfRange(all, all.length - toSendCount(), all.length);
        byte[] bytes = new byte[newest.length];
        for (int i = 0; i < newest.length; i++) {
            bytes[i] = (byte) newest[i];
        }
        return bytes;
    }

    private int toSendCount() {
        return Math.min(pending.size(), PacketCodec.MAX_INPUTS_PER_PACKET);
    }
}
