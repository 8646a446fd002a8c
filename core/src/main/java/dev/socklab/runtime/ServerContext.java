package dev.socklab.runtime;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.LoggerFactory;

import dev.socklab.engine.IoEngine;
import dev.socklab.net.Family;
import dev.socklab.proxy.ProxyPolicy;
import dev.socklab.service.StreamService;
import dev.socklab.tls.ServerTls;
import dev.socklab.trace.Tracer;

/**
 * What every listener and connection of one server shares. The settings a reload may change are
 * read through volatile references to immutable values, once per connection or datagram where
 * they are used; a reload ({@link #apply}) swaps them, so nothing on the way of a connection takes
 * a lock for them.
 */
final class ServerContext {
    /** The server's limits; swapped by a reload. */
    volatile Limits limits;
    /** The certificate of the TLS endpoints, if any; swapped by a reload. */
    volatile Optional<ServerTls> tls;
    /** Everything a reload may change, as last applied. */
    private volatile ServerSettings settings;
    final Tracer tracer;
    final Family family;
    /** One permit per connection that may be served at once; taken as a connection is accepted, given back when it ends. */
    final Permits permits;
    final Watchdog watchdog;
    final ReflectionGuard guard;
    /** Replies a UDP service tried to send past its own declared bound. */
    final LongAdder repliesOverBound = new LongAdder();
    /** Warns of such replies once a minute at most: a flood of requests must not become a flood of lines. */
    final ThrottledLog overBoundLog = new ThrottledLog(LoggerFactory.getLogger("socklab.udp"),
            TimeUnit.MINUTES.toNanos(1));
    /** Each service's gate, by service name; the gates stay, their rules are swapped. */
    private final Map<String, ServiceGate> gates = new HashMap<>();
    /** The server's refusals, which each listener's add to. */
    final RefusalCounts refusals;
    final Set<ConnectionTask> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    /** Set once the server stops: failures after it are the runtime closing sockets, not errors. */
    volatile boolean stopping;
    /** The engine the connections run on, from the server's start; null before it. */
    private volatile IoEngine engine;

    final ConnectionLog connectionLog;
    /** The exchanges UDP services run on sockets of their own. */
    final DatagramSessions sessions = new DatagramSessions();

    /** A semaphore whose size a reload may change, connections being served or not. */
    static final class Permits extends Semaphore {
        Permits(int permits) {
            super(permits);
        }

        /** From {@code from} permits in all to {@code to}: fewer may leave it below zero until enough connections end. */
        void resize(int from, int to) {
            if (to > from) {
                release(to - from);
            } else if (to < from) {
                reducePermits(from - to);
            }
        }
    }

    ServerContext(ServerSettings settings, Tracer tracer, Family family) {
        this.settings = settings;
        this.limits = settings.limits();
        this.tls = settings.tls();
        this.tracer = tracer;
        this.family = family;
        this.permits = new Permits(limits.maxConnections());
        this.guard = new ReflectionGuard(settings.udpLimits());
        this.connectionLog = new ConnectionLog(settings.maxLogRate());
        this.refusals = new RefusalCounts();
        settings.services().keySet().forEach(name -> gates.put(name,
                new ServiceGate(name, settings.gateRules(name, null))));
        this.watchdog = new Watchdog(settings.shortestTimeoutNanos(), "socklab watchdog", connectionLog::summarize);
    }

    /** Everything a reload may change, as in force now. */
    ServerSettings settings() {
        return settings;
    }

    /**
     * Puts {@code next} in force for every connection and datagram from now on; connections open
     * now keep what they began with, but for the idle timeout. Called by one thread at a time (the
     * server's lock).
     */
    void apply(ServerSettings next) {
        ServerSettings before = settings;
        permits.resize(before.limits().maxConnections(), next.limits().maxConnections());
        if (!next.udpLimits().equals(before.udpLimits())) {
            guard.limits(next.udpLimits());
        }
        if (next.maxLogRate() != before.maxLogRate()) {
            connectionLog.maxPerSecond(next.maxLogRate());
        }
        gates.forEach((name, gate) -> gate.rules(next.gateRules(name, gate.rules())));
        watchdog.resolve(next.shortestTimeoutNanos());
        this.limits = next.limits();
        this.tls = next.tls();
        this.settings = next;
        // The one setting that open connections take too: a connection is held to how long it may stay quiet.
        open.forEach(ConnectionTask::idleTimeoutFromSettings);
    }

    /**
     * The limits one stream service's connections are held to: the server's, with the deadlines
     * the service and the settings make its own. A handshake or a PROXY header is a request
     * whatever the service ({@code prologue}): a chat's patient clients are not patient proxies.
     */
    Limits limitsFor(String service, StreamService handler, boolean prologue) {
        ServerSettings now = settings;
        Limits server = now.limits();
        Limits own = handler.firstRequestDeadlineApplies() || prologue ? server
                : server.withFirstRequestTimeout(Duration.ZERO);
        Optional<Duration> idle = now.service(service).idleTimeout();
        return idle.or(handler::idleTimeout).map(own::withIdleTimeout).orElse(own);
    }

    /** The PROXY protocol policy of the service named {@code service}, if it has one. */
    Optional<ProxyPolicy> proxy(String service) {
        return settings.service(service).proxy();
    }

    /** The gate of the service named {@code service}. */
    ServiceGate gate(String service) {
        return gates.get(service);
    }

    /** The engine the connections run on. */
    IoEngine engine() {
        return engine;
    }

    void engine(IoEngine started) {
        this.engine = started;
    }

    long nextId() {
        return ids.incrementAndGet();
    }
}
