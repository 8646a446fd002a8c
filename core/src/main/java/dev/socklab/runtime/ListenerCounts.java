package dev.socklab.runtime;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

import dev.socklab.net.SocketAddresses;

/**
 * What one listener's socket and the connections and exchanges it started have done so far, behind
 * {@link ListenerStats}. LongAdders, added to as the work happens: a read adds to one as it adds to
 * its connection's own count, and a scrape sums them without stopping anyone.
 */
final class ListenerCounts {
    final LongAdder active = new LongAdder();
    final LongAdder accepted = new LongAdder();
    /** Connections ended, and their durations in all: what a duration's count and sum are. */
    final LongAdder closed = new LongAdder();
    final LongAdder closedNanos = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final LongAdder datagramsIn = new LongAdder();
    final LongAdder datagramsOut = new LongAdder();
    final RefusalCounts refusals;
    /** UDP replies not sent, and datagrams not served, by {@link UdpDrops}' reasons. */
    final LongAdder droppedOverRate = new LongAdder();
    final LongAdder droppedOverBound = new LongAdder();
    final LongAdder droppedFromLoopPorts = new LongAdder();
    final LongAdder droppedInLoops = new LongAdder();

    /** @param server the server's refusal counts, which this listener's add to as well */
    ListenerCounts(RefusalCounts server) {
        this.refusals = new RefusalCounts(server);
    }

    /** One datagram in of {@code bytes}. */
    void received(int bytes) {
        datagramsIn.increment();
        bytesIn.add(bytes);
    }

    /** One datagram out of {@code bytes}. */
    void sent(int bytes) {
        datagramsOut.increment();
        bytesOut.add(bytes);
    }

    /** A connection accepted {@code nanos} ago has ended. */
    void ended(long nanos) {
        active.decrement();
        closed.increment();
        closedNanos.add(nanos);
    }

    /** The counts now, for the listener bound as {@code binding}. */
    ListenerStats snapshot(Binding binding) {
        UdpDrops drops = new UdpDrops(droppedFromLoopPorts.sum(), droppedOverRate.sum(), droppedOverBound.sum(),
                droppedInLoops.sum());
        return new ListenerStats(binding.service(), binding.endpoint().label(),
                SocketAddresses.format(binding.endpoint().address()), active.sum(), accepted.sum(),
                refusals.snapshot().byReason(), closed.sum(), Duration.ofNanos(closedNanos.sum()), bytesIn.sum(),
                bytesOut.sum(), datagramsIn.sum(), datagramsOut.sum(), drops.byReason());
    }
}
