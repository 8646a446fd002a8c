package dev.socklab.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.LongStream;

import org.slf4j.LoggerFactory;

import dev.socklab.engine.IoEngine;
import dev.socklab.net.Family;
import dev.socklab.proxy.ProxyPolicy;
import dev.socklab.service.StreamService;
import dev.socklab.tls.ServerTls;
import dev.socklab.trace.Tracer;

/** What every listener and connection of one server shares. */
final class ServerContext {
    final Limits limits;
    /** Each service's own limits, by service name, as registered with its endpoints. */
    private final Map<String, ServiceLimits> services;
    final Tracer tracer;
    final Family family;
    /** One permit per connection that may be served at once; taken as a connection is accepted, given back when it ends. */
    final Semaphore permits;
    final Watchdog watchdog;
    final ReflectionGuard guard;
    /** Replies a UDP service tried to send past its own declared bound. */
    final LongAdder repliesOverBound = new LongAdder();
    /** Warns of such replies once a minute at most: a flood of requests must not become a flood of lines. */
    final ThrottledLog overBoundLog = new ThrottledLog(LoggerFactory.getLogger("socklab.udp"),
            TimeUnit.MINUTES.toNanos(1));
    /** Each service's gate, by service name. */
    private final Map<String, ServiceGate> gates;
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

    /** The certificate of the TLS endpoints, if any. */
    final Optional<ServerTls> tls;

    ServerContext(Limits limits, Map<String, ServiceLimits> services, UdpLimits udpLimits, int maxLogRate, Tracer tracer, Family family,
                  Map<String, ServiceGate> gates, Optional<ServerTls> tls) {
        this.tls = tls;
        this.limits = limits;
        this.services = services;
        this.tracer = tracer;
        this.family = family;
        this.permits = new Semaphore(limits.maxConnections());
        this.guard = new ReflectionGuard(udpLimits);
        this.connectionLog = new ConnectionLog(maxLogRate);
        this.refusals = new RefusalCounts();
        this.gates = gates;
        this.watchdog = new Watchdog(shortestTimeout(limits, services), "socklab watchdog", connectionLog::summarize);
    }

    /** The timeout the watchdog must resolve: the shortest of them all. */
    private static long shortestTimeout(Limits limits, Map<String, ServiceLimits> services) {
        LongStream.Builder all = LongStream.builder().add(limits.idleTimeout().toNanos()).add(limits.writeTimeout().toNanos());
        if (!limits.firstRequestTimeout().isZero()) {
            all.add(limits.firstRequestTimeout().toNanos());
        }
        services.values().forEach(own -> own.idleTimeout().ifPresent(d -> all.add(d.toNanos())));
        return all.build().min().orElseThrow();
    }

    /** The limits one stream service's connections are held to: the server's, with the deadlines the service and the settings make its own. */
    Limits limitsFor(String service, StreamService handler) {
        Limits own = handler.firstRequestDeadlineApplies() ? limits : limits.withFirstRequestTimeout(Duration.ZERO);
        Optional<Duration> idle = services.getOrDefault(service, ServiceLimits.NONE).idleTimeout();
        return idle.or(handler::idleTimeout).map(own::withIdleTimeout).orElse(own);
    }

    /** The PROXY protocol policy of the service named {@code service}, if it has one. */
    Optional<ProxyPolicy> proxy(String service) {
        return services.getOrDefault(service, ServiceLimits.NONE).proxy();
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
