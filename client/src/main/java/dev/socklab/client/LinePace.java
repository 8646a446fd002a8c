package dev.socklab.client;

import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;

import dev.socklab.rate.TokenBucket;

/**
 * The pace a chat client sends at: at most so many lines a second, in bursts of as many, so that a
 * script or a paste of many lines arrives whole instead of being refused by the server's flood
 * control ({@code --chat-rate 5 --chat-burst 10} by default). The burst is half the server's: the
 * server counts lines as it reads them, and a line that arrives sooner after the one before than
 * it was sent must still find a token. Safe to share between threads.
 */
final class LinePace {
    /** Null: no pacing. */
    private final TokenBucket bucket;

    private LinePace(TokenBucket bucket) {
        this.bucket = bucket;
    }

    /**
     * A pace of {@code linesPerSecond}, in bursts of as many, its burst ready now.
     *
     * @param linesPerSecond 0 for no pacing
     * @throws IllegalArgumentException if {@code linesPerSecond} is negative
     */
    static LinePace of(int linesPerSecond) {
        if (linesPerSecond < 0) {
            throw new IllegalArgumentException("a pace of lines a second is 0 (none) or more, not " + linesPerSecond);
        }
        return new LinePace(linesPerSecond == 0 ? null
                : new TokenBucket(linesPerSecond, linesPerSecond, System.nanoTime()));
    }

    /**
     * Waits until the pace lets the next line out: at once within a burst, at most 1 / rate seconds
     * after it.
     *
     * @throws InterruptedIOException if the thread is interrupted while it waits
     */
    void await() throws InterruptedIOException {
        if (bucket == null) {
            return;
        }
        try {
            // Bounded: each round waits for the next token, which another sender may take first.
            for (long now = System.nanoTime(); !bucket.take(now); now = System.nanoTime()) {
                TimeUnit.NANOSECONDS.sleep(Math.max(1, bucket.nanosUntilToken(now))); // pacing, by design
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while pacing the lines sent");
        }
    }
}
