package dev.socklab.runtime;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.socklab.rate.TokenBucket;

/**
 * Tells a loop between two services from a client, per pair (the peer's address and port), for
 * loopback peers too. Two services that answer each other send the same datagrams over and over:
 * two echoes send one datagram back and forth, and any service facing an echo gets its own reply
 * back. So a datagram that repeats the pair's last one, or this server's last reply to it, takes a
 * token from the pair's budget of {@link #RATE} a second; without one it is not served, and a
 * loop ends with the first datagram it loses. A client that repeats itself a few hundred times a
 * second, and one that sends anything else, is never held back. At most {@link #MAX_PAIRS} pairs
 * are remembered, the least recent forgotten first.
 */
final class LoopBudget {
    /** Repeats a second one pair may send, and its burst: loops on one host run at tens of thousands. */
    static final int RATE = 1000;
    static final int MAX_PAIRS = 10_000;

    /** What one pair last exchanged, as hashes: a collision costs a token, never a datagram by itself. */
    private static final class Pair {
        final TokenBucket repeats;
        int lastReceived;
        int lastReplied;
        boolean replied;

        Pair(TokenBucket repeats, int received) {
            this.repeats = repeats;
            this.lastReceived = received;
        }
    }

    private final Map<InetSocketAddress, Pair> pairs = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetSocketAddress, Pair> eldest) {
            return size() > MAX_PAIRS;
        }
    };

    /** Whether a datagram from {@code peer} whose payload hashes to {@code hash} may be served at {@code now}. */
    synchronized boolean admits(InetSocketAddress peer, int hash, long now) {
        Pair pair = pairs.get(peer);
        if (pair == null) {
            pairs.put(peer, new Pair(new TokenBucket(RATE, RATE, now), hash));
            return true;
        }
        boolean repeat = hash == pair.lastReceived || pair.replied && hash == pair.lastReplied;
        pair.lastReceived = hash;
        return !repeat || pair.repeats.take(now);
    }

    /** Notes a reply to {@code peer} whose payload hashes to {@code hash}. */
    synchronized void replied(InetSocketAddress peer, int hash) {
        Pair pair = pairs.get(peer);
        if (pair != null) {
            pair.lastReplied = hash;
            pair.replied = true;
        }
    }
}
