package dev.socklab.runtime;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import dev.socklab.net.Family;
import dev.socklab.trace.Tracer;

/** What every listener and connection of one server shares. */
final class ServerContext {
    final Limits limits;
    final Tracer tracer;
    final Family family;
    /** One permit per connection that may be served at once; taken before accept, given back when the connection ends. */
    final Semaphore permits;
    final Watchdog watchdog;
    final Set<ConnectionTask> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    /** Set once the server stops: failures after it are the runtime closing sockets, not errors. */
    volatile boolean stopping;

    ServerContext(Limits limits, Tracer tracer, Family family) {
        this.limits = limits;
        this.tracer = tracer;
        this.family = family;
        this.permits = new Semaphore(limits.maxConnections());
        this.watchdog = new Watchdog(limits.idleTimeout().toNanos(), "socklab watchdog");
    }

    long nextId() {
        return ids.incrementAndGet();
    }
}
