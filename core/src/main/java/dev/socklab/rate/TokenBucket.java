package dev.socklab.rate;

/**
 * A token bucket: {@code rate} tokens a second, up to {@code burst} saved, one taken per event. The
 * runtime paces UDP replies and log lines with it; a service can pace what its clients do (a chat
 * member's lines), and a client itself (socklab's chat client). Safe to share between threads.
 */
public final class TokenBucket {
    private final double tokensPerNano;
    private final double burst;
    private double tokens;
    private long last;

    /** A full bucket at {@code now} ({@link System#nanoTime()}). */
    public TokenBucket(int rate, int burst, long now) {
        if (rate < 1 || burst < 1) {
            throw new IllegalArgumentException("a rate and a burst must be at least 1, not " + rate + " and " + burst);
        }
        this.tokensPerNano = rate / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = now;
    }

    /** Takes a token if there is one at {@code now}. */
    public synchronized boolean take(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** How long after {@code now} the next token will be there: 0 if one is now. For a sender that paces itself. */
    public synchronized long nanosUntilToken(long now) {
        refill(now);
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / tokensPerNano);
    }

    private void refill(long now) {
        tokens = Math.min(burst, tokens + (now - last) * tokensPerNano);
        last = now;
    }
}
