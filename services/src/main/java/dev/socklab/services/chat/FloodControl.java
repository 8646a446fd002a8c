package dev.socklab.services.chat;

import java.util.concurrent.TimeUnit;

import dev.socklab.rate.TokenBucket;

/**
 * Paces one member's lines: within the rate they pass; the first line over it is dropped with a
 * warning; another over it within {@link #GRACE_NANOS} of the warning disconnects the member.
 * A blank line passes without counting: telnet sends one each time its user presses Enter, and
 * it says nothing to anyone, so a user who presses Enter a few times is no flooder.
 */
public final class FloodControl {
    /** How long a warning stands. */
    static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** What becomes of a line. */
    public enum Verdict { PASS, WARN, DISCONNECT }

    /** Null when the rate is off. */
    private final TokenBucket bucket;
    private long warnedAt;
    private boolean warned;

    public FloodControl(int rate, int burst, long now) {
        this.bucket = rate == 0 ? null : new TokenBucket(rate, burst, now);
    }

    /** What becomes of {@code line}, received at {@code now}. */
    public Verdict check(String line, long now) {
        if (bucket == null || line.isBlank() || bucket.take(now)) {
            return Verdict.PASS;
        }
        if (warned && now - warnedAt < GRACE_NANOS) {
            return Verdict.DISCONNECT;
        }
        warned = true;
        warnedAt = now;
        return Verdict.WARN;
    }
}
