package dev.socklab.services.arena;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;

import dev.socklab.net.SocketAddresses;
import dev.socklab.text.Durations;

/**
 * One player's session: who it is, where it is, what it sent and what it was sent. The receiving
 * thread offers its inputs and notes what it hears; the tick thread applies the inputs and sends its
 * snapshots ({@link #views} and the fields marked so are the tick thread's alone).
 */
final class Player {
    final int session;
    final int id;
    final String name;
    final ArenaLink link;
    /** The CONNECT's nonce, which with the address names the JOIN: a repeated JOIN gets {@link #welcome} again. */
    final long nonce;
    final byte[] welcome;
    /** {@code arena#N}: the session's number in the log. */
    final String tag;
    final Logger log;
    final long joinedNanos;
    final InputQueue inputs;
    final Strikes strikes = new Strikes();
    final ViewHistory views = new ViewHistory();

    private volatile long lastHeard;
    /** The newest snapshot number sent: an acknowledgement past it is a lie, and ignored. */
    private volatile long lastSent;
    private final AtomicLong acknowledged = new AtomicLong();
    private final LongAdder datagramsIn = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder datagramsOut = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();

    /** The tick thread's: the newest input applied, and when it arrived. */
    long lastApplied;
    long lastAppliedArrived;

    Player(int session, int id, String name, ArenaLink link, long nonce, byte[] welcome, String tag, Logger log,
           long now, int tickRate) {
        this.session = session;
        this.id = id;
        this.name = name;
        this.link = link;
        this.nonce = nonce;
        this.welcome = welcome;
        this.tag = tag;
        this.log = log;
        this.joinedNanos = now;
        this.lastHeard = now;
        this.inputs = new InputQueue(tickRate, now);
    }

    /** Counts a packet of {@code bytes} from this player, heard at {@code now}. */
    void received(int bytes, long now) {
        datagramsIn.increment();
        bytesIn.add(bytes);
        lastHeard = now;
    }

    long lastHeard() {
        return lastHeard;
    }

    /** Counts a packet of {@code bytes} sent to this player. */
    void sent(int bytes) {
        datagramsOut.increment();
        bytesOut.add(bytes);
    }

    /** Notes that the client has snapshot {@code number}, if it was sent: the next is encoded against the newest such. */
    void acknowledge(long number) {
        if (number > 0 && number <= lastSent) {
            acknowledged.accumulateAndGet(number, Math::max);
        }
    }

    long acknowledged() {
        return acknowledged.get();
    }

    void snapshotSent(long number) {
        lastSent = number;
    }

    /** The start of this player's log lines: {@code arena#3 udp 127.0.0.1:40000 ->}. */
    String who() {
        return tag + " " + link.transport() + " " + SocketAddresses.format(link.address()) + " ->";
    }

    /** What this player's session moved, and how long it lasted, for its closing line. */
    String traffic(long now) {
        return "in " + bytesIn.sum() + " B in " + datagramsIn.sum() + " datagrams, out " + bytesOut.sum() + " B in "
                + datagramsOut.sum() + " datagrams, " + Durations.elapsed(now - joinedNanos);
    }
}
