package dev.socklab.runtime;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.socklab.rate.TokenBucket;

/**
 * The one line each connection, or UDP exchange, ends with: at most {@code maxPerSecond} such lines
 * a second, and past that one summary line a second saying how many were not shown. A lab sees
 * every connection; a load test cannot flood the terminal or the disk, nor spend the server's CPU
 * on writing lines.
 */
final class ConnectionLog {
    private static final Logger LOG = LoggerFactory.getLogger("socklab.connection");
    private static final long SUMMARY_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** The rate and its bucket, swapped whole on a reload. */
    private volatile Rate rate;
    private final LongAdder held = new LongAdder();
    private long lastSummary = System.nanoTime();

    /** Lines a second at most (0 for no limit), and the bucket that holds them to it (null when every line is written). */
    private record Rate(int maxPerSecond, TokenBucket budget) {
    }

    /** @param maxPerSecond lines a second at most; 0 for no limit */
    ConnectionLog(int maxPerSecond) {
        maxPerSecond(maxPerSecond);
    }

    /** Lines a second at most from now on; 0 for no limit. */
    void maxPerSecond(int value) {
        rate = new Rate(value, value == 0 ? null : new TokenBucket(value, value, System.nanoTime()));
    }

    /** Lines a second at most now; 0 for no limit. */
    int maxPerSecond() {
        return rate.maxPerSecond();
    }

    /** Whether the caller should build a line: logging is on and the budget has room; if not, the line is counted. */
    boolean admit() {
        if (!LOG.isInfoEnabled()) {
            return false;
        }
        TokenBucket budget = rate.budget();
        if (budget == null || budget.take(System.nanoTime())) {
            return true;
        }
        held.increment();
        return false;
    }

    void write(String line) {
        LOG.info(line);
    }

    /** Called often (by the watchdog's sweep): once a second, says how many lines were held back. */
    void summarize(long now) {
        if (now - lastSummary < SUMMARY_INTERVAL_NANOS) {
            return;
        }
        lastSummary = now;
        long count = held.sumThenReset();
        if (count > 0) {
            LOG.info("... and " + count + " more connection lines in the last second, not shown (at most "
                    + rate.maxPerSecond() + " a second: --max-log-rate)");
        }
    }
}
