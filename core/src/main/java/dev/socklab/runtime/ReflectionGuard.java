package dev.socklab.runtime;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.socklab.net.SocketAddresses;
import dev.socklab.rate.TokenBucket;

/**
 * Keeps a server's UDP services from being used for reflection, or from answering another service
 * for ever: datagrams from known service ports are not served, nor a pair's repeats past a budget
 * ({@link LoopBudget}), and replies pass a per-source and a global rate limit ({@link UdpLimits}).
 * One per server, shared by all its UDP sockets.
 */
final class ReflectionGuard {
    private static final Logger LOG = LoggerFactory.getLogger("socklab.udp");
    /**
     * The small services' IANA ports (echo, discard, daytime, qotd, chargen, time), and port 0. No
     * honest client sends from them, and answering one lets two services answer each other for
     * ever: the chargen-echo loop of CERT CA-1996-01.
     */
    static final Set<Integer> LOOP_PORTS = Set.of(0, 7, 9, 13, 17, 19, 37);
    /**
     * socklab's default ports, 10000 plus the small services' (so 10007 is echo's) and the lab's
     * from 10000 up: another socklab server answers from them, and no honest client sends from
     * them, since systems pick a client's port from 32768 up (Linux) or 49152 up.
     */
    static final int FIRST_SOCKLAB_PORT = 10_000;
    static final int LAST_SOCKLAB_PORT = 10_037;
    /** Sources remembered at most; past it the least recent is forgotten, and the global limit still holds. */
    private static final int MAX_SOURCES = 10_000;
    private static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** Swapped on a reload, with the global bucket; read once per reply. */
    private volatile UdpLimits limits;
    private volatile TokenBucket global;
    /** This server's own UDP ports: a datagram from one is one of its services answering another. */
    private final Set<Integer> ownPorts = ConcurrentHashMap.newKeySet();
    private final Map<InetAddress, Source> sources = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Source> eldest) {
            return size() > MAX_SOURCES;
        }
    };
    private final LoopBudget loops = new LoopBudget();
    private final LongAdder droppedFromLoopPorts = new LongAdder();
    private final LongAdder droppedInLoops = new LongAdder();
    private final LongAdder droppedOverRate = new LongAdder();
    private final ThrottledLog loopPortLog = new ThrottledLog(LOG, LOG_INTERVAL_NANOS);
    private final ThrottledLog loopLog = new ThrottledLog(LOG, LOG_INTERVAL_NANOS);

    /** What is known of one source: its bucket, and when its drops were last logged. */
    private static final class Source {
        final TokenBucket bucket;
        long lastLogged;
        long droppedSinceLog;

        Source(TokenBucket bucket) {
            this.bucket = bucket;
        }
    }

    ReflectionGuard(UdpLimits limits) {
        limits(limits);
    }

    /** The limits replies are held to from now on; every source starts again with a full bucket of the new size. */
    void limits(UdpLimits next) {
        synchronized (sources) {
            this.limits = next;
            this.global = new TokenBucket(next.globalRate(), next.globalRate(), System.nanoTime());
            sources.clear();
        }
    }

    /** The limits replies are held to now. */
    UdpLimits limits() {
        return limits;
    }

    /** Counts {@code port} as one of this server's own. */
    void addOwnPort(int port) {
        ownPorts.add(port);
    }

    /** Whether a datagram from {@code sender} may be served at all. */
    boolean admits(SocketAddress sender, ByteBuffer payload, String tag) {
        return admits(sender, payload, tag, System.nanoTime());
    }

    /** {@link #admits(SocketAddress, ByteBuffer, String)} at {@code now}, for tests that set the clock. */
    boolean admits(SocketAddress sender, ByteBuffer payload, String tag, long now) {
        if (!(sender instanceof InetSocketAddress inet)) {
            return true;
        }
        int port = inet.getPort();
        if (isServicePort(port)) {
            droppedFromLoopPorts.increment();
            loopPortLog.warn(tag + ": dropped a datagram from " + SocketAddresses.format(sender)
                    + ": port " + port + " is a service's, and answering it could start a loop");
            return false;
        }
        // Loopback too: a loop between two servers on one host runs at tens of thousands a second.
        if (!loops.admits(inet, payload.hashCode(), now)) {
            droppedInLoops.increment();
            loopLog.warn(tag + ": dropped a datagram from " + SocketAddresses.format(sender) + ": it repeats what"
                    + " was just exchanged with that port, over " + LoopBudget.RATE + " times a second, as two"
                    + " services answering each other do");
            return false;
        }
        return true;
    }

    /** Notes that {@code reply} went to {@code sender}: a peer that sends it straight back is echoing this server. */
    void replied(SocketAddress sender, ByteBuffer reply) {
        if (sender instanceof InetSocketAddress inet) {
            loops.replied(inet, reply.hashCode());
        }
    }

    /** Whether {@code sender}'s port is one {@link #admits} drops every datagram from: a service's. */
    boolean fromLoopPort(SocketAddress sender) {
        return sender instanceof InetSocketAddress inet && isServicePort(inet.getPort());
    }

    private boolean isServicePort(int port) {
        return LOOP_PORTS.contains(port) || port >= FIRST_SOCKLAB_PORT && port <= LAST_SOCKLAB_PORT
                || ownPorts.contains(port);
    }

    /** Whether a reply may go to {@code sender} now; if not, it is counted, and logged once a minute per source. */
    boolean mayReply(SocketAddress sender, String tag) {
        if (!(sender instanceof InetSocketAddress inet)) {
            return true;
        }
        InetAddress address = inet.getAddress();
        if (address.isLoopbackAddress() && !limits.limitLoopback()) {
            return true;
        }
        long now = System.nanoTime();
        InetAddress key = SourceKey.of(address);
        String logLine = null;
        boolean allowed;
        synchronized (sources) {
            // Under the lock that a reload takes too: the buckets and the limits they were made of go together.
            UdpLimits limits = this.limits;
            Source source = sources.computeIfAbsent(key,
                    k -> new Source(new TokenBucket(limits.perSourceRate(), limits.perSourceBurst(), now)));
            allowed = source.bucket.take(now) && global.take(now);
            if (!allowed) {
                droppedOverRate.increment();
                source.droppedSinceLog++;
                if (source.lastLogged == 0 || now - source.lastLogged >= LOG_INTERVAL_NANOS) {
                    logLine = tag + ": dropping replies to " + SocketAddresses.format(key) + " over the UDP rate limit ("
                            + limits.perSourceRate() + "/s per source, burst " + limits.perSourceBurst() + ", "
                            + limits.globalRate() + "/s in all); " + source.droppedSinceLog + " dropped since the last"
                            + " such line";
                    source.lastLogged = now;
                    source.droppedSinceLog = 0;
                }
            }
        }
        if (logLine != null) {
            LOG.warn(logLine);
        }
        return allowed;
    }

    /** Datagrams not served because they came from a service's port. */
    long droppedFromLoopPorts() {
        return droppedFromLoopPorts.sum();
    }

    /** Datagrams not served because they repeated a pair's exchange past its budget. */
    long droppedInLoops() {
        return droppedInLoops.sum();
    }

    /** Replies not sent because of the rate limits. */
    long droppedOverRate() {
        return droppedOverRate.sum();
    }
}
