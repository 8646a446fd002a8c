package dev.socklab.runtime;

/** A token bucket: {@code rate} tokens a second, up to {@code burst} saved; one token per reply. */
final class TokenBucket {
    private final double tokensPerNano;
    private final double burst;
    private double tokens;
    private long last;

    TokenBucket(int rate, int burst, long now) {
        this.tokensPerNano = rate / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = now;
    }

    /** Takes a token if there is one at {@code now}. */
    synchronized boolean take(long now) {
        tokens = Math.min(burst, tokens + (now - last) * tokensPerNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
