package dev.socklab.netem;

import java.nio.ByteBuffer;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A datagram an {@link ImpairedLink} holds until it is due. Those due at the same nanosecond leave
 * in the order they were sent.
 *
 * @param bytes read-only; a duplicate shares them with its original
 */
record HeldDatagram(long due, long sequence, ByteBuffer bytes, PacketSink sink, LongSupplier clock)
        implements Delayed {
    /** What wakes a link's thread to stop: due at once, and sent nowhere. */
    static HeldDatagram stop(LongSupplier clock) {
        return new HeldDatagram(clock.getAsLong(), Long.MIN_VALUE, ByteBuffer.allocate(0), null, clock);
    }

    boolean isStop() {
        return sink == null;
    }

    @Override
    public long getDelay(TimeUnit unit) {
        return unit.convert(due - clock.getAsLong(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
        HeldDatagram that = (HeldDatagram) other;
        int byDue = Long.compare(due - that.due, 0);
        return byDue != 0 ? byDue : Long.compare(sequence, that.sequence);
    }
}
