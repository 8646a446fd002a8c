package dev.socklab.runtime;

import java.net.InetAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.socklab.net.SocketAddresses;
import dev.socklab.rate.TokenBucket;

/**
 * New connections a second, per source, with a cool-off: a source that opens connections faster
 * than the rate has all its new connections refused for the cool-off, then starts again with a
 * full bucket.
 *
 * <p>Both tables are bounded, and kept apart so that one cannot shed the other. At most
 * {@link #MAX_SOURCES} buckets are remembered, the least recent forgotten first: a forgotten
 * bucket only gives its source a full one again. A source in its cool-off is never forgotten
 * before the cool-off ends, however many other sources come: at most {@link #MAX_SOURCES} cool
 * off at once, and while that many do, a further source over the rate is held to its bucket
 * alone, without a cool-off, counted and logged. Refusing every new source then instead would
 * let one who cools off that many sources on purpose lock every newcomer out.
 */
final class SourceRate {
    static final int MAX_SOURCES = 10_000;
    private static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final int rate;
    private final long coolOffNanos;
    private final Map<InetAddress, TokenBucket> buckets = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, TokenBucket> eldest) {
            return size() > MAX_SOURCES;
        }
    };
    /** Sources in their cool-off and when it ends; every cool-off is as long, so the first entry ends first. */
    private final LinkedHashMap<InetAddress, Long> coolingOff = new LinkedHashMap<>();
    private final ThrottledLog fullLog = new ThrottledLog(Listener.LOG, LOG_INTERVAL_NANOS);
    private long coolOffsNotKept;

    SourceRate(int rate, long coolOffNanos) {
        this.rate = rate;
        this.coolOffNanos = coolOffNanos;
    }

    /** Whether {@code source} may open a connection at {@code now}; a refusal starts its cool-off if it is not in one. */
    boolean tryTake(InetAddress source, long now) {
        boolean full;
        synchronized (this) {
            Long ends = coolingOff.get(source);
            if (ends != null) {
                if (now - ends < 0) {
                    return false;
                }
                coolingOff.remove(source);
                buckets.remove(source);
            }
            if (buckets.computeIfAbsent(source, k -> new TokenBucket(rate, rate, now)).take(now)) {
                return true;
            }
            full = !startCoolOff(source, now);
        }
        if (full) {
            fullLog.warn("not cooling off " + SocketAddresses.format(source) + ", over the connection rate: "
                    + MAX_SOURCES + " other sources are cooling off already; it is held to the rate alone");
        }
        return false;
    }

    /** Cool-offs not kept because {@link #MAX_SOURCES} sources were cooling off already. */
    synchronized long coolOffsNotKept() {
        return coolOffsNotKept;
    }

    /** Starts the cool-off of {@code source}, or counts it if the table is full of unfinished ones. */
    private boolean startCoolOff(InetAddress source, long now) {
        for (Iterator<Long> it = coolingOff.values().iterator(); it.hasNext(); ) {
            if (now - it.next() < 0) {
                break;
            }
            it.remove();
        }
        if (coolingOff.size() >= MAX_SOURCES) {
            coolOffsNotKept++;
            return false;
        }
        coolingOff.put(source, now + coolOffNanos);
        return true;
    }
}
