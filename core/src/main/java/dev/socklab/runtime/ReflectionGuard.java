package dev.socklab.runtime;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
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
 * Keeps a server's UDP services from being used for reflection: datagrams from the small
 * services' ports are not served, and replies pass a per-source and a global rate limit
 * ({@link UdpLimits}). One per server, shared by all its UDP sockets.
 */
final class ReflectionGuard {
    private static final Logger LOG = LoggerFactory.getLogger("socklab.udp");
    /**
     * The small services' IANA ports (echo, discard, daytime, qotd, chargen, time), and port 0. No
     * honest client sends from them, and answering one lets two services answer each other for
     * ever: the chargen-echo loop of CERT CA-1996-01.
     */
    static final Set<Integer> LOOP_PORTS = Set.of(0, 7, 9, 13, 17, 19, 37);
    /** Sources remembered at most; past it the least recent is forgotten, and the global limit still holds. */
    private static final int MAX_SOURCES = 10_000;
    private static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final UdpLimits limits;
    private final TokenBucket global;
    /** This server's own UDP ports: a datagram from one is one of its services answering another. */
    private final Set<Integer> ownPorts = ConcurrentHashMap.newKeySet();
    private final Map<InetAddress, Source> sources = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Source> eldest) {
            return size() > MAX_SOURCES;
        }
    };
    private final LongAdder droppedFromLoopPorts = new LongAdder();
    private final LongAdder droppedOverRate = new LongAdder();
    private final ThrottledLog loopPortLog = new ThrottledLog(LOG, LOG_INTERVAL_NANOS);

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
        this.limits = limits;
        this.global = new TokenBucket(limits.globalRate(), limits.globalRate(), System.nanoTime());
    }

    /** Counts {@code port} as one of this server's own. */
    void addOwnPort(int port) {
        ownPorts.add(port);
    }

    /** Whether a datagram from {@code sender} may be served at all. */
    boolean admits(SocketAddress sender, String tag) {
        if (!(sender instanceof InetSocketAddress inet)) {
            return true;
        }
        int port = inet.getPort();
        if (LOOP_PORTS.contains(port) || ownPorts.contains(port)) {
            droppedFromLoopPorts.increment();
            loopPortLog.warn(tag + ": dropped a datagram from " + SocketAddresses.format(sender)
                    + ": port " + port + " is a small service's, and answering it could start a loop");
            return false;
        }
        return true;
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

    /** Datagrams not served because they came from a small service's port. */
    long droppedFromLoopPorts() {
        return droppedFromLoopPorts.sum();
    }

    /** Replies not sent because of the rate limits. */
    long droppedOverRate() {
        return droppedOverRate.sum();
    }
}
