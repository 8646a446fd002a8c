package dev.socklab.runtime;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.socklab.net.Cidr;
import dev.socklab.net.SocketAddresses;
import dev.socklab.text.Durations;

/**
 * Who may use one service, and how much: the server's and the service's allow and deny lists (a
 * client must pass both), the service's own limit of connections at once, and the per-source
 * limits. One per service, shared by all its sockets; a refusal is counted in the {@link RefusalCounts}
 * of the listener that asks, which add to the server's.
 */
final class ServiceGate {
    private final String service;
    private final List<AccessPolicy> policies;
    private final int maxConnections;
    /** The service's own permits, or null when only the server's limit applies. */
    private final Semaphore permits;
    private final SourceLimits sourceLimits;
    private final SourceConnections sourceConnections;
    private final SourceRate sourceRate;
    private final ThrottledLog deniedDatagrams = new ThrottledLog(Listener.LOG, TimeUnit.SECONDS.toNanos(1));

    /**
     * @param maxConnections the service's own limit of connections at once, or 0 for the server's alone
     */
    ServiceGate(String service, List<AccessPolicy> policies, int maxConnections, SourceLimits sourceLimits) {
        this.service = service;
        this.policies = policies.stream().filter(p -> !p.isEveryone()).toList();
        this.maxConnections = maxConnections;
        this.permits = maxConnections > 0 ? new Semaphore(maxConnections) : null;
        this.sourceLimits = sourceLimits;
        this.sourceConnections = sourceLimits.maxConnections() > 0
                ? new SourceConnections(sourceLimits.maxConnections()) : null;
        this.sourceRate = sourceLimits.maxRate() > 0
                ? new SourceRate(sourceLimits.maxRate(), sourceLimits.coolOff().toNanos()) : null;
    }

    /** Why a stream client at {@code peer} may not connect at all, counted; empty if it may. */
    Optional<String> deniedConnection(SocketAddress peer, RefusalCounts counts) {
        Optional<String> why = denied(peer);
        if (why.isPresent()) {
            counts.deniedConnection();
        }
        return why;
    }

    /** Whether a datagram from {@code sender} may be served; one that may not is counted and logged, a line a second at most. */
    boolean admitsDatagram(SocketAddress sender, String tag, RefusalCounts counts) {
        Optional<String> why = denied(sender);
        if (why.isEmpty()) {
            return true;
        }
        counts.deniedDatagram();
        deniedDatagrams.warn(tag + " " + SocketAddresses.format(sender) + " " + Outcome.DENIED + ": " + why.get());
        return false;
    }

    /**
     * Takes what a new connection from {@code peer} uses of the service's and the per-source
     * limits, or takes nothing and says why, counted. Each connection entered must {@link #leave}.
     */
    Optional<String> enter(SocketAddress peer, RefusalCounts counts) {
        InetAddress source = limitedSource(peer);
        if (source != null && sourceRate != null && !sourceRate.tryTake(source, System.nanoTime())) {
            counts.overSourceRate();
            return Optional.of("connecting too often (over " + sourceLimits.maxRate() + " a second); try again in "
                    + Durations.format(sourceLimits.coolOff()));
        }
        if (source != null && sourceConnections != null && !sourceConnections.tryEnter(source)) {
            counts.overSourceLimit();
            return Optional.of("too many connections from your address (" + sourceLimits.maxConnections()
                    + "); try again later");
        }
        if (permits != null && !permits.tryAcquire()) {
            if (source != null && sourceConnections != null) {
                sourceConnections.leave(source);
            }
            counts.overServiceLimit();
            return Optional.of("too many connections to " + service + " (" + maxConnections + "); try again later");
        }
        return Optional.empty();
    }

    /** The source the per-source limits count {@code peer} under, or null when they do not count it (Unix, or exempt loopback). */
    private InetAddress limitedSource(SocketAddress peer) {
        if (!(peer instanceof InetSocketAddress inet)) {
            return null;
        }
        // Loopback by the address itself: the key of ::1 is its /64, which is no longer loopback.
        if (!sourceLimits.limitLoopback() && Cidr.unmapped(inet.getAddress()).isLoopbackAddress()) {
            return null;
        }
        return SourceKey.of(inet.getAddress());
    }

    /** Gives back what {@link #enter} took for a connection from {@code peer}, which has ended. */
    void leave(SocketAddress peer) {
        if (permits != null) {
            permits.release();
        }
        InetAddress source = limitedSource(peer);
        if (sourceConnections != null && source != null) {
            sourceConnections.leave(source);
        }
    }

    private Optional<String> denied(SocketAddress peer) {
        if (policies.isEmpty() || !(peer instanceof InetSocketAddress inet)) {
            return Optional.empty();
        }
        for (AccessPolicy policy : policies) {
            Optional<String> why = policy.refusal(inet.getAddress());
            if (why.isPresent()) {
                return why;
            }
        }
        return Optional.empty();
    }
}
