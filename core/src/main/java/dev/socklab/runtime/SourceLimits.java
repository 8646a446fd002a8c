package dev.socklab.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * How much one source (an IPv4 address, or an IPv6 /64) may take of a stream service: connections
 * at once, as systemd's {@code MaxConnectionsPerSource}, xinetd's {@code per_source} and nginx's
 * {@code limit_conn}; and new connections a second, with a cool-off once exceeded, as xinetd's
 * {@code cps}, but per source rather than for the whole service. A client past either is told why
 * in one line (where the protocol allows one) and closed at once. Loopback sources are exempt
 * unless {@code limitLoopback}, as for UDP's reply limits: on one host every local client is the
 * same source, and none can be spoofed from outside.
 *
 * @param maxConnections connections one source may have open at once; 0 for no limit
 * @param maxRate new connections one source may open a second (also its burst); 0 for no limit
 * @param coolOff once a source opens connections faster than {@code maxRate}, how long all its new
 *     connections are refused
 * @param limitLoopback whether loopback sources are limited too
 */
public record SourceLimits(int maxConnections, int maxRate, Duration coolOff, boolean limitLoopback) {
    /** No per-source limit: one source may use the whole of the server's and service's limits. */
    public static final SourceLimits OFF = new SourceLimits(0, 0, Duration.ofSeconds(10), false);

    /**
     * 256 connections at once and 100 new ones a second per source, 10 s of cool-off, loopback
     * exempt: far above what one honest client of these services opens, far below what one source
     * needs to take a server's 10,000 connections.
     */
    public static final SourceLimits DEFAULTS = new SourceLimits(256, 100, Duration.ofSeconds(10), false);

    public SourceLimits {
        if (maxConnections < 0 || maxRate < 0) {
            throw new SettingException("per-source limits cannot be negative: " + maxConnections
                    + " connections, " + maxRate + " a second");
        }
        Objects.requireNonNull(coolOff);
        if (coolOff.isNegative()) {
            throw new SettingException("the cool-off cannot be negative: " + coolOff);
        }
    }

    /** These limits with another number of connections at once. */
    public SourceLimits withMaxConnections(int value) {
        return new SourceLimits(value, maxRate, coolOff, limitLoopback);
    }

    /** These limits with another number of new connections a second. */
    public SourceLimits withMaxRate(int value) {
        return new SourceLimits(maxConnections, value, coolOff, limitLoopback);
    }

    /** These limits with another cool-off. */
    public SourceLimits withCoolOff(Duration value) {
        return new SourceLimits(maxConnections, maxRate, value, limitLoopback);
    }

    /** These limits, for loopback sources too or not. */
    public SourceLimits withLimitLoopback(boolean value) {
        return new SourceLimits(maxConnections, maxRate, coolOff, value);
    }
}
