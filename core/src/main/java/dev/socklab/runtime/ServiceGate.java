package dev.socklab.runtime;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.socklab.net.Cidr;
import dev.socklab.net.SocketAddresses;
import dev.socklab.text.Durations;

/**
 * Who may use one service, and how much: the server's and the service's allow and deny lists (a
 * client must pass both), the service's own limit of connections at once, and the per-source
 * limits. One per service, shared by all its sockets; a refusal is counted in the {@link RefusalCounts}
 * of the listener that asks, which add to the server's.
 *
 * <p>The rules can be replaced while the service runs ({@link #rules(Rules)}, on a reload): each
 * connection is judged by the rules of its accept, and the counts of open connections carry over,
 * so a lower limit holds back new clients until enough of the open ones end.
 */
final class ServiceGate {
    private final String service;
    /** The service's connections open now, whatever its limit, so that a new limit counts the open ones. */
    private final AtomicInteger open = new AtomicInteger();
    /** Every source's open connections, loopback too, so that a new per-source limit counts the open ones. */
    private final SourceConnections sourceConnections = new SourceConnections();
    private final ThrottledLog deniedDatagrams = new ThrottledLog(Listener.LOG, TimeUnit.SECONDS.toNanos(1));
    private volatile Rules rules;

    /**
     * What the gate holds clients to; immutable, swapped whole.
     *
     * @param policies the allow and deny lists, each of which a client must pass
     * @param maxConnections the service's own limit of connections at once, or 0 for the server's alone
     * @param sourceLimits how much one source may take
     * @param sourceRate the per-source rate's buckets, or null for no rate limit
     */
    record Rules(List<AccessPolicy> policies, int maxConnections, SourceLimits sourceLimits, SourceRate sourceRate) {
        /** Rules of these settings, the rate's buckets kept from {@code before} when its rate is the same. */
        static Rules of(List<AccessPolicy> policies, int maxConnections, SourceLimits sourceLimits, Rules before) {
            SourceRate rate = null;
            if (sourceLimits.maxRate() > 0) {
                boolean sameRate = before != null && before.sourceRate != null
                        && before.sourceLimits.maxRate() == sourceLimits.maxRate()
                        && before.sourceLimits.coolOff().equals(sourceLimits.coolOff());
                rate = sameRate ? before.sourceRate
                        : new SourceRate(sourceLimits.maxRate(), sourceLimits.coolOff().toNanos());
            }
            return new Rules(policies.stream().filter(p -> !p.isEveryone()).toList(), maxConnections, sourceLimits, rate);
        }
    }

    ServiceGate(String service, Rules rules) {
        this.service = service;
        this.rules = rules;
    }

    /** The rules in force now. */
    Rules rules() {
        return rules;
    }

    /** Holds new clients to {@code next} from now on; connections let in before keep running. */
    void rules(Rules next) {
        this.rules = next;
    }

    /** Why a stream client at {@code peer} may not connect at all, counted; empty if it may. */
    Optional<String> deniedConnection(SocketAddress peer, RefusalCounts counts) {
        Optional<String> why = denied(rules, peer);
        if (why.isPresent()) {
            counts.deniedConnection();
        }
        return why;
    }

    /** Whether a datagram from {@code sender} may be served; one that may not is counted and logged, a line a second at most. */
    boolean admitsDatagram(SocketAddress sender, String tag, RefusalCounts counts) {
        Optional<String> why = denied(rules, sender);
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
        Rules now = rules;
        SourceLimits limits = now.sourceLimits;
        InetAddress source = peer instanceof InetSocketAddress inet ? SourceKey.of(inet.getAddress()) : null;
        boolean limited = source != null && (limits.limitLoopback()
                || !Cidr.unmapped(((InetSocketAddress) peer).getAddress()).isLoopbackAddress());
        if (limited && now.sourceRate != null && !now.sourceRate.tryTake(source, System.nanoTime())) {
            counts.overSourceRate();
            return Optional.of("connecting too often (over " + limits.maxRate() + " a second); try again in "
                    + Durations.format(limits.coolOff()));
        }
        if (source != null && !sourceConnections.tryEnter(source, limited ? limits.maxConnections() : 0)) {
            counts.overSourceLimit();
            return Optional.of("too many connections from your address (" + limits.maxConnections()
                    + "); try again later");
        }
        if (!tryOpen(now.maxConnections)) {
            if (source != null) {
                sourceConnections.leave(source);
            }
            counts.overServiceLimit();
            return Optional.of("too many connections to " + service + " (" + now.maxConnections + "); try again later");
        }
        return Optional.empty();
    }

    /** Counts one more open connection, unless {@code max} (0 for none) are open already. */
    private boolean tryOpen(int max) {
        while (true) {
            int n = open.get();
            if (max > 0 && n >= max) {
                return false;
            }
            if (open.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Gives back what {@link #enter} took for a connection from {@code peer}, which has ended. */
    void leave(SocketAddress peer) {
        open.decrementAndGet();
        if (peer instanceof InetSocketAddress inet) {
            // Loopback by the address itself: the key of ::1 is its /64, which is no longer loopback.
            sourceConnections.leave(SourceKey.of(inet.getAddress()));
        }
    }

    private static Optional<String> denied(Rules rules, SocketAddress peer) {
        List<AccessPolicy> policies = rules.policies;
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
