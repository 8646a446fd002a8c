package dev.socklab.runtime;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.socklab.rate.TokenBucket;

/**
 * New connections a second, per source, with a cool-off: a source that opens connections faster
 * than the rate has all its new connections refused for the cool-off, then starts again with a
 * full bucket. At most {@link #MAX_SOURCES} sources are remembered; past it the least recent is
 * forgotten, and the server's and service's connection limits still hold.
 */
final class SourceRate {
    private static final int MAX_SOURCES = 10_000;

    private final int rate;
    private final long coolOffNanos;
    private final Map<InetAddress, Source> sources = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Source> eldest) {
            return size() > MAX_SOURCES;
        }
    };

    /** One source's bucket, and when its cool-off ends if it is in one. */
    private static final class Source {
        TokenBucket bucket;
        boolean coolingOff;
        long coolOffEnds;
    }

    SourceRate(int rate, long coolOffNanos) {
        this.rate = rate;
        this.coolOffNanos = coolOffNanos;
    }

    /** Whether {@code source} may open a connection at {@code now}; a refusal starts its cool-off if it is not in one. */
    synchronized boolean tryTake(InetAddress source, long now) {
        Source s = sources.computeIfAbsent(source, k -> new Source());
        if (s.coolingOff) {
            if (now - s.coolOffEnds < 0) {
                return false;
            }
            s.coolingOff = false;
            s.bucket = null;
        }
        if (s.bucket == null) {
            s.bucket = new TokenBucket(rate, rate, now);
        }
        if (s.bucket.take(now)) {
            return true;
        }
        s.coolingOff = true;
        s.coolOffEnds = now + coolOffNanos;
        return false;
    }
}
