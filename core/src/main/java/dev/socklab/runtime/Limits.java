package dev.socklab.runtime;

import java.time.Duration;

/**
 * The bounds the runtime holds every connection to. Each is a command-line flag of
 * {@code socklab serve}; the defaults suit a lab or a test endpoint on one machine.
 *
 * @param maxConnections stream connections served at once, over all services; past it a client
 *     is told so in one line (where the protocol allows) and closed
 * @param idleTimeout how long a read may wait for the client before the connection is closed as
 *     timed out
 * @param writeTimeout how long a write may wait without progress (a client that stopped reading)
 *     before the connection is closed as timed out
 * @param firstRequestTimeout how long after the accept a client has to complete its first request
 *     (the service's first read), however slowly it trickles bytes; zero for no such deadline
 * @param maxLineLength the longest line, in bytes, that {@code readLine} accepts
 * @param shutdownGrace how long a stopping server lets open connections finish before closing them
 */
public record Limits(int maxConnections, Duration idleTimeout, Duration writeTimeout,
                     Duration firstRequestTimeout, int maxLineLength, Duration shutdownGrace) {
    /** A line is held in memory whole, so even the limit has a limit. */
    public static final int MAX_LINE_LENGTH = 16 * 1024 * 1024;

    /**
     * 10,000 connections, 60 s idle, 30 s for a stalled write, 30 s for the first request, 8 KiB lines, 5 s to drain.
     * The first-request deadline is long enough for a person at {@code nc} to type a first line, and short enough that a
     * client trickling a byte a minute holds its connection for half a minute, not for ever.
     */
    public static final Limits DEFAULTS = new Limits(10_000, Duration.ofSeconds(60), Duration.ofSeconds(30),
            Duration.ofSeconds(30), 8192, Duration.ofSeconds(5));

    /** Rejects limits that would make the server refuse everything or wait for ever. */
    public Limits {
        if (maxConnections < 1) {
            throw new SettingException("the connection limit must be at least 1, not " + maxConnections);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new SettingException("the idle timeout must be positive, not " + idleTimeout);
        }
        if (writeTimeout.isNegative() || writeTimeout.isZero()) {
            throw new SettingException("the write timeout must be positive, not " + writeTimeout);
        }
        if (firstRequestTimeout.isNegative()) {
            throw new SettingException("the first-request timeout cannot be negative (0 turns it off): "
                    + firstRequestTimeout);
        }
        if (maxLineLength < 1 || maxLineLength > MAX_LINE_LENGTH) {
            throw new SettingException("the line length limit must be from 1 byte to 16 MiB, not " + maxLineLength);
        }
        if (shutdownGrace.isNegative()) {
            throw new SettingException("the shutdown grace period cannot be negative: " + shutdownGrace);
        }
    }

    /** These limits with another connection limit. */
    public Limits withMaxConnections(int value) {
        return new Limits(value, idleTimeout, writeTimeout, firstRequestTimeout, maxLineLength, shutdownGrace);
    }

    /** These limits with another idle timeout. */
    public Limits withIdleTimeout(Duration value) {
        return new Limits(maxConnections, value, writeTimeout, firstRequestTimeout, maxLineLength, shutdownGrace);
    }

    /** These limits with another write timeout. */
    public Limits withWriteTimeout(Duration value) {
        return new Limits(maxConnections, idleTimeout, value, firstRequestTimeout, maxLineLength, shutdownGrace);
    }

    /** These limits with another first-request timeout; zero turns it off. */
    public Limits withFirstRequestTimeout(Duration value) {
        return new Limits(maxConnections, idleTimeout, writeTimeout, value, maxLineLength, shutdownGrace);
    }

    /** These limits with another line length limit. */
    public Limits withMaxLineLength(int value) {
        return new Limits(maxConnections, idleTimeout, writeTimeout, firstRequestTimeout, value, shutdownGrace);
    }

    /** These limits with another shutdown grace period. */
    public Limits withShutdownGrace(Duration value) {
        return new Limits(maxConnections, idleTimeout, writeTimeout, firstRequestTimeout, maxLineLength, value);
    }
}
