package dev.socklab.bench;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

import dev.socklab.text.Durations;

/**
 * One soak run, checked: which exchanges it mixes and where each goes, and bounds on everything.
 *
 * @param targets where each part goes: an {@link InetSocketAddress}, or a {@link UnixDomainSocketAddress}
 *     for {@link SoakPart#UNIX_ECHO}; at least one part
 * @param clients clients of each part at once, each a virtual thread with its own socket
 * @param duration how long the load lasts
 * @param timeout how long a connect, a round trip or a greeting may take
 * @param serverPid the server's process, whose vitals are compared before and after, if given
 * @param warmup with a server PID: a load before the vitals are first read, so that what a JVM starts
 *     once (carrier threads, pollers) is in the baseline
 * @param settle with a server PID: how long after the load the vitals may take to come back
 * @param maxRssGrowthBytes with a server PID: how much the server's resident memory may grow
 */
public record SoakPlan(Map<SoakPart, SocketAddress> targets, int clients, Duration duration, Duration timeout,
        OptionalLong serverPid, Duration warmup, Duration settle, long maxRssGrowthBytes) {
    /** The most clients of one part. */
    public static final int MAX_CLIENTS = 1000;
    /** The longest a soak lasts. */
    public static final Duration MAX_DURATION = Duration.ofHours(24);
    /** The longest a settle, a warm-up or a timeout may be. */
    public static final Duration MAX_WAIT = Duration.ofMinutes(10);
    /**
     * The default settle: longer than the 30 s after which the JDK's virtual-thread scheduler retires
     * an idle carrier thread, so that carriers started for the load are gone when threads are counted.
     */
    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(40);
    /**
     * The default bound on the server's memory growth: 256 MiB, room for a JVM heap that grew under
     * load (a server with a small {@code -Xmx} can be held to a smaller bound), while a leak of a
     * kilobyte a connection shows within the minutes of a soak's connection churn.
     */
    public static final long DEFAULT_MAX_RSS_GROWTH = 256L << 20;

    /** Checks every bound. */
    public SoakPlan {
        Objects.requireNonNull(serverPid, "serverPid");
        targets = Collections.unmodifiableMap(new EnumMap<>(targets));
        if (targets.isEmpty()) {
            throw new BenchPlanException("a soak needs at least one target: an echo port, a hello port or --unix PATH");
        }
        targets.forEach((part, address) -> {
            if ((part == SoakPart.UNIX_ECHO) != (address instanceof UnixDomainSocketAddress)) {
                throw new IllegalArgumentException(part.label() + " cannot go to " + address);
            }
        });
        if (clients < 1 || clients > MAX_CLIENTS) {
            throw new BenchPlanException("--clients must be from 1 to " + MAX_CLIENTS + ", not " + clients);
        }
        positive("--duration", duration, MAX_DURATION);
        positive("--timeout", timeout, MAX_WAIT);
        positive("--settle", settle, MAX_WAIT);
        if (warmup.isNegative() || warmup.compareTo(MAX_WAIT) > 0) {
            throw new BenchPlanException("--warmup must be from 0 to " + Durations.format(MAX_WAIT) + ", not "
                    + Durations.format(warmup));
        }
        if (maxRssGrowthBytes < 0) {
            throw new BenchPlanException("--max-growth must be 0 or more, not " + maxRssGrowthBytes);
        }
        if (serverPid.isPresent()) {
            if (!ServerVitals.readable(serverPid.getAsLong())) {
                throw new BenchPlanException("--server-pid " + serverPid.getAsLong() + " is not a process whose file "
                        + "descriptors and status can be read here: give the PID of a server of yours on this machine "
                        + "(/proc/PID/fd, /proc/PID/status)");
            }
            targets.forEach((part, address) ->
                    ServerVitals.requireListening(serverPid.getAsLong(), address, part == SoakPart.UDP_ECHO));
        }
        OpenFiles.check("--clients", clients * targets.size(), BenchPlan.RESERVED_FILES);
    }

    /** A plan with the defaults of {@code socklab bench soak}: 4 clients a part, for {@code duration}, no server PID. */
    public static SoakPlan of(Map<SoakPart, SocketAddress> targets, Duration duration) {
        return new SoakPlan(targets, 4, duration, Duration.ofSeconds(5), OptionalLong.empty(), Duration.ofSeconds(2),
                DEFAULT_SETTLE, DEFAULT_MAX_RSS_GROWTH);
    }

    /** This plan, comparing the vitals of the server {@code pid}. */
    public SoakPlan withServerPid(long pid) {
        return new SoakPlan(targets, clients, duration, timeout, OptionalLong.of(pid), warmup, settle, maxRssGrowthBytes);
    }

    private static void positive(String option, Duration value, Duration max) {
        if (value.isZero() || value.isNegative() || value.compareTo(max) > 0) {
            throw new BenchPlanException(option + " must be more than 0 and at most " + Durations.format(max) + ", not "
                    + Durations.format(value));
        }
    }
}
