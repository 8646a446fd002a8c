package dev.socklab.runtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.socklab.engine.InheritedChannels;
import dev.socklab.engine.IoEngine;
import dev.socklab.net.Family;
import dev.socklab.service.DatagramService;
import dev.socklab.service.Gauge;
import dev.socklab.service.Gauges;
import dev.socklab.service.StreamService;
import dev.socklab.text.Durations;
import dev.socklab.tls.ServerTls;
import dev.socklab.trace.Tracer;

/**
 * Hosts services on endpoints: binds them, runs an accept loop per stream socket and a receive
 * loop per datagram socket, serves each connection in a virtual thread, and stops gracefully.
 * The services themselves never see a socket; see {@link dev.socklab.service} for an example.
 *
 * <p>Stopping tells each UDP service while its sockets are still open ({@link DatagramService#serverStopping}),
 * closes every listener (no new clients), lets open connections finish within the grace period,
 * then closes the rest.
 */
public final class Server {
    private static final Logger LOG = LoggerFactory.getLogger("socklab.server");
    /** Connection lines a second before they are summarised: every one in a lab, a bounded few under load. */
    public static final int DEFAULT_MAX_LOG_RATE = 1000;
    /** After the grace period, how long forced connections get to log their end before stop returns. */
    private static final Duration FORCED_CLOSE_WAIT = Duration.ofSeconds(2);

    private final ServerContext context;
    private final List<Listener> listeners;
    /** The I/O engine asked for ({@code --io}); empty for the default. */
    private final Optional<String> ioEngine;
    /** Carriers for the epoll engine; 0 for one per core. */
    private final int ioThreads;
    /** The services and endpoints asked for, in order: what a reload cannot change. */
    private final List<Builder.Registered> registered;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private State state = State.NEW;

    private enum State { NEW, RUNNING, STOPPED }

    private Server(ServerContext context, List<Listener> listeners, Builder builder) {
        this.context = context;
        this.listeners = listeners;
        this.ioEngine = builder.ioEngine;
        this.ioThreads = builder.ioThreads;
        this.registered = List.copyOf(builder.registered);
    }

    /** Its listeners, bound or not: for tests of what one socket was given. */
    List<Listener> listeners() {
        return listeners;
    }

    /** A builder with the default {@link Limits}, no tracing, and both IP versions. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds every endpoint, in the order given, then starts serving them all. If one cannot be
     * bound, those already bound are closed again and nothing is served.
     *
     * @throws CannotBindException naming the service and endpoint that failed, and why
     * @throws SettingException if the I/O engine asked for by name cannot run here
     */
    public synchronized void start() {
        if (state != State.NEW) {
            throw new IllegalStateException("a server starts once");
        }
        // Before any engine: the JDK's poller must start on the JDK's own scheduler, and every non-socklab channel still uses it.
        PollerWarmUp.run();
        List<Listener> bound = new ArrayList<>();
        for (Listener listener : listeners) {
            try {
                listener.bind();
                bound.add(listener);
            } catch (IOException e) {
                bound.forEach(Listener::close);
                throw CannotBindException.of(listener.service(), listener.requested(), e);
            }
        }
        try {
            context.engine(IoEngine.start(ioEngine, ioThreads));
        } catch (IllegalArgumentException e) {
            bound.forEach(Listener::close);
            throw new SettingException(e.getMessage(), e);
        }
        context.watchdog.start();
        listeners.forEach(Listener::start);
        state = State.RUNNING;
    }

    /** What is bound where, in the order given to the builder; ports are the real ones. */
    public synchronized List<Binding> bindings() {
        if (state == State.NEW) {
            throw new IllegalStateException("the server is not started");
        }
        return listeners.stream().map(Listener::binding).toList();
    }

    /** The I/O engine the connections run on, for the start-up banner: {@code epoll, 2 carrier threads}, or {@code jdk (...)}. */
    public synchronized String ioEngine() {
        if (state == State.NEW) {
            throw new IllegalStateException("the server is not started");
        }
        return context.engine().description();
    }

    /**
     * Puts the settings of {@code fresh}, a builder made as this server's was (its services and
     * endpoints registered again, and every setting given anew), in force without dropping a
     * connection: the access lists, limits, timeouts, UDP rates, log rate, each service's own
     * limits, and the TLS pair (read again, whether its files changed or not). New connections and
     * datagrams get them; open connections keep what they began with, but for the idle timeout,
     * which holds them from their next read. The services registered with {@code fresh} are not
     * used: the running ones keep serving.
     *
     * <p>What a running server cannot change (its services, endpoints, I/O engine and threads, IP
     * versions) must be the same in {@code fresh}: if any differs, nothing at all is applied, and
     * the result says what needs a restart.
     *
     * @return what changed, one line a setting, or what needs a restart
     * @throws IllegalStateException if the server is not running
     * @throws SettingException if {@code fresh} could not build a server (a /tls endpoint and no pair)
     */
    public synchronized Reconfigured reconfigure(Builder fresh) {
        return reconfigure(fresh, () -> {
        });
    }

    /**
     * As {@link #reconfigure(Builder)}, and puts the services' own new settings in force too: {@code services} runs
     * once every check has passed, before anything is applied, and not at all if something needs a restart. The
     * open connections then take the idle timeout their service gives ({@link StreamService#idleTimeout}) as it is
     * after {@code services} ran, from their next read, as they take the server's.
     *
     * @param services puts the services' new settings in force
     */
    public synchronized Reconfigured reconfigure(Builder fresh, Runnable services) {
        if (state != State.RUNNING) {
            throw new IllegalStateException("only a running server can be reconfigured");
        }
        fresh.checkTls();
        List<String> restart = new ArrayList<>();
        registered.stream().filter(r -> !fresh.registered.contains(r))
                .forEach(r -> restart.add(r + " is no longer asked for"));
        fresh.registered.stream().filter(r -> !registered.contains(r))
                .forEach(r -> restart.add(r + " is new"));
        if (!ioEngine.equals(fresh.ioEngine)) {
            restart.add("I/O engine: " + ioEngine.orElse("the default") + " -> " + fresh.ioEngine.orElse("the default"));
        }
        if (ioThreads != fresh.ioThreads) {
            restart.add("I/O threads: " + ioThreads + " -> " + fresh.ioThreads);
        }
        if (context.family != fresh.family) {
            restart.add("IP versions: " + context.family + " -> " + fresh.family);
        }
        if (!restart.isEmpty()) {
            return new Reconfigured(List.of(), restart);
        }
        ServerSettings next = fresh.settings();
        List<String> changed = SettingsChanges.between(context.settings(), next);
        services.run();
        context.apply(next);
        return new Reconfigured(changed, List.of());
    }

    /** What the UDP services did not send so far, and why. */
    public UdpDrops udpDrops() {
        return new UdpDrops(context.guard.droppedFromLoopPorts(), context.guard.droppedOverRate(),
                context.repliesOverBound.sum(), context.guard.droppedInLoops());
    }

    /** What each listener has done so far, in the order given to the builder; counts of the ones a listener started too. */
    public synchronized List<ListenerStats> listenerStats() {
        if (state == State.NEW) {
            throw new IllegalStateException("the server is not started");
        }
        return listeners.stream().map(Listener::stats).toList();
    }

    /** The stream connections being served now, oldest first. */
    public List<OpenConnection> connections() {
        long nowNanos = System.nanoTime();
        Instant now = Instant.now();
        return context.open.stream().map(task -> task.snapshot(nowNanos, now))
                .sorted(Comparator.comparingLong(OpenConnection::id)).toList();
    }

    /**
     * The {@link Gauges} of each service whose halves have any, by service name, in the order given to
     * the builder: a half serving several endpoints is asked once.
     */
    public Map<String, List<Gauge>> gauges() {
        Map<String, List<Gauge>> all = new LinkedHashMap<>();
        Set<Object> asked = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Listener listener : listeners) {
            if (listener.handler() instanceof Gauges half && asked.add(half)) {
                all.computeIfAbsent(listener.service(), name -> new ArrayList<>()).addAll(half.gauges());
            }
        }
        return all;
    }

    /** The clients turned away so far, by reason. */
    public Refusals refusals() {
        return context.refusals.snapshot();
    }

    /**
     * Stream connections being served now. A connection leaves this count after its place in its
     * source's count is back and just before it gives its connection permit back, so a client that
     * connects the moment the count falls may still be told the server is full, but not that its
     * address has too many connections.
     */
    public int openConnections() {
        return context.open.size();
    }

    /**
     * Whether every connection permit is back: each connection has left {@link #openConnections} and then
     * let its permit go, the last thing it does. A test that stops the server with no grace waits for this
     * rather than for the count, which a connection leaves a moment before.
     */
    boolean allPermitsBack() {
        return context.permits.availablePermits() == context.limits.maxConnections();
    }

    /** Stops with the grace period of the server's {@link Limits}. */
    public boolean stop() {
        return stop(context.limits.shutdownGrace());
    }

    /**
     * Stops accepting, waits up to {@code grace} for open connections to finish, then closes the
     * rest. Returns when every connection has ended, or shortly after closing the stragglers.
     * Calling it again, or on a server that never started, does nothing.
     *
     * @return whether every connection finished within the grace period
     */
    public boolean stop(Duration grace) {
        synchronized (this) {
            if (state != State.RUNNING) {
                return true;
            }
            state = State.STOPPED;
        }
        context.stopping = true;
        tellDatagramServices();
        listeners.forEach(Listener::close);
        endConnectionsWithNoEndOfTheirOwn();
        boolean drained = false;
        long start = System.nanoTime();
        try {
            drained = awaitDrained(grace);
            // The UDP exchanges get what is left of the same grace period.
            context.sessions.drain(grace.minusNanos(System.nanoTime() - start));
            if (!drained) {
                int left = context.open.size();
                LOG.info("closing {} connection{} still open after the {} grace period", left, left == 1 ? "" : "s",
                        Durations.format(grace));
                context.open.forEach(ConnectionTask::force);
                awaitDrained(FORCED_CLOSE_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            context.open.forEach(ConnectionTask::force);
        } finally {
            context.watchdog.stop();
            context.engine().close();
            stopped.countDown();
        }
        return drained;
    }

    /** Tells each UDP service, once, that the server stops, while its sockets are still open ({@link DatagramService#serverStopping}). */
    private void tellDatagramServices() {
        Set<DatagramService> told = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Listener listener : listeners) {
            if (listener instanceof DatagramReceiver receiver && told.add(receiver.handler())) {
                try {
                    receiver.handler().serverStopping();
                } catch (RuntimeException e) {
                    // A bug in the service: its peers hear nothing, and the server stops all the same.
                    LOG.error("{}.serverStopping() failed", receiver.handler().getClass().getName(), e);
                }
            }
        }
    }

    /**
     * Ends the connections whose client has sent nothing yet where their service asks it
     * ({@link StreamService#silentClientsEndAtStop}), and asks each service with open connections
     * whether they end now, with a notice ({@link StreamService#stopping}).
     */
    private void endConnectionsWithNoEndOfTheirOwn() {
        Map<StreamService, Optional<String>> notices = new IdentityHashMap<>();
        // No new connection comes: every listener's accept loop has ended.
        for (ConnectionTask task : context.open) {
            if (!(task.handler().silentClientsEndAtStop() && task.endIfUnstarted())) {
                notices.computeIfAbsent(task.handler(), Server::noticeOf).ifPresent(task::endAtShutdown);
            }
        }
    }

    private static Optional<String> noticeOf(StreamService service) {
        try {
            return service.stopping();
        } catch (RuntimeException e) {
            // A bug in the service: its connections get the grace period, and the server stops all the same.
            LOG.error("{}.stopping() failed", service.getClass().getName(), e);
            return Optional.empty();
        }
    }

    /** Blocks until {@link #stop} has finished. */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    /** Every permit back means every connection has ended. */
    private boolean awaitDrained(Duration wait) throws InterruptedException {
        int all = context.limits.maxConnections();
        if (context.permits.tryAcquire(all, wait.toNanos(), TimeUnit.NANOSECONDS)) {
            context.permits.release(all);
            return true;
        }
        return false;
    }

    /** Collects the services and endpoints of a server, and the settings they share. */
    public static final class Builder {
        private Limits limits = Limits.DEFAULTS;
        private UdpLimits udpLimits = UdpLimits.DEFAULTS;
        private int maxLogRate = DEFAULT_MAX_LOG_RATE;
        private Tracer tracer = Tracer.off();
        private Family family = Family.ANY;
        private AccessPolicy access = AccessPolicy.EVERYONE;
        private SourceLimits sourceLimits = SourceLimits.DEFAULTS;
        /** Each service's own limits, by the name it is served under. */
        private final Map<String, ServiceLimits> services = new HashMap<>();
        /** Each makes its listener once the shared context exists. */
        private final List<Function<ServerContext, Listener>> registrations = new ArrayList<>();
        /** Each service and endpoint asked for, as a reload compares them. */
        private final List<Registered> registered = new ArrayList<>();
        private Optional<String> ioEngine = Optional.empty();
        private int ioThreads;
        private Optional<ServerTls> tls = Optional.empty();
        /** Whether an endpoint asked for TLS, which then needs {@link #tls}. */
        private boolean tlsAsked;

        private Builder() {
        }

        /** The certificate and key of every endpoint that speaks TLS ({@link Endpoint#tls()}). */
        public Builder tls(ServerTls serverTls) {
            this.tls = Optional.of(serverTls);
            return this;
        }

        /**
         * The I/O engine the connections run on: {@code epoll} (carrier threads that each own an
         * epoll set) or {@code jdk} (the JDK's own scheduler and poller). Unless set, the system
         * property {@value IoEngine#PROPERTY} names it, or else epoll runs where it can and jdk
         * where it cannot.
         */
        public Builder ioEngine(String name) {
            try {
                this.ioEngine = Optional.of(IoEngine.checkName(name));
            } catch (IllegalArgumentException e) {
                throw new SettingException(e.getMessage(), e);
            }
            return this;
        }

        /** How many carrier threads the epoll engine runs; 0 (the default) for one per core the process may use. */
        public Builder ioThreads(int threads) {
            if (threads < 0) {
                throw new SettingException("the I/O threads cannot be negative: " + threads);
            }
            this.ioThreads = threads;
            return this;
        }

        /** The limits every connection is held to. */
        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits);
            return this;
        }

        /**
         * At most this many connection (and UDP exchange) lines a second, then a summary line a
         * second; 0 for every line whatever the rate. {@link #DEFAULT_MAX_LOG_RATE} unless set.
         */
        public Builder maxLogRate(int linesPerSecond) {
            if (linesPerSecond < 0) {
                throw new IllegalArgumentException("the log rate cannot be negative: " + linesPerSecond);
            }
            this.maxLogRate = linesPerSecond;
            return this;
        }

        /** The rate limits on UDP replies; {@link UdpLimits#DEFAULTS} unless set. */
        public Builder udpLimits(UdpLimits udpLimits) {
            this.udpLimits = Objects.requireNonNull(udpLimits);
            return this;
        }

        /** Where socket calls are traced; {@link Tracer#off()} by default. */
        public Builder tracer(Tracer tracer) {
            this.tracer = Objects.requireNonNull(tracer);
            return this;
        }

        /**
         * Which IP versions of client are served. Java cannot set {@code IPV6_V6ONLY}, so on a
         * dual-stack socket ({@code ::}) with {@link Family#IPV6} the runtime turns IPv4 clients
         * away itself.
         */
        public Builder family(Family family) {
            this.family = Objects.requireNonNull(family);
            return this;
        }

        /** Who may connect to every service; {@link AccessPolicy#EVERYONE} unless set. */
        public Builder access(AccessPolicy policy) {
            this.access = Objects.requireNonNull(policy);
            return this;
        }

        /** How much one source may take of each stream service; {@link SourceLimits#DEFAULTS} unless set. */
        public Builder sourceLimits(SourceLimits limits) {
            this.sourceLimits = Objects.requireNonNull(limits);
            return this;
        }

        /**
         * Serves {@code service} on a TCP or Unix endpoint, under the name {@code name}, held to the
         * server's settings alone.
         */
        public Builder stream(String name, StreamService service, Endpoint endpoint) {
            return stream(name, service, endpoint, ServiceLimits.NONE);
        }

        /**
         * Serves {@code service} on a TCP or Unix endpoint, under the name {@code name}, held to
         * {@code limits} as well as to the server's settings.
         *
         * @throws IllegalArgumentException if another endpoint of {@code name} was given other limits
         */
        public Builder stream(String name, StreamService service, Endpoint endpoint, ServiceLimits limits) {
            if (endpoint.transport() == Transport.UDP) {
                throw new IllegalArgumentException(name + ": a stream service needs a tcp or unix endpoint, not udp");
            }
            Objects.requireNonNull(service);
            register(name, limits, endpoint);
            tlsAsked |= endpoint.tls();
            registrations.add(context -> new StreamListener(name, service, endpoint, context));
            return this;
        }

        /**
         * Serves {@code service} on a UDP endpoint, under the name {@code name}, held to the
         * server's settings alone.
         */
        public Builder datagram(String name, DatagramService service, Endpoint endpoint) {
            return datagram(name, service, endpoint, ServiceLimits.NONE);
        }

        /**
         * Serves {@code service} on a UDP endpoint, under the name {@code name}, held to
         * {@code limits} (its access policy; the others bound connections, which UDP has none of)
         * as well as to the server's settings.
         *
         * @throws IllegalArgumentException if another endpoint of {@code name} was given other limits
         */
        public Builder datagram(String name, DatagramService service, Endpoint endpoint, ServiceLimits limits) {
            if (endpoint.transport() != Transport.UDP) {
                throw new IllegalArgumentException(name + ": a datagram service needs a udp endpoint, not "
                        + endpoint.transport().label());
            }
            Objects.requireNonNull(service);
            register(name, limits, endpoint);
            registrations.add(context -> new DatagramReceiver(name, service, endpoint, context));
            return this;
        }

        /**
         * Serves {@code service} on {@code inherited}, a TCP or Unix stream socket bound and listening
         * already, such as the one inetd or systemd passes ({@link System#inheritedChannel()}), under
         * the name {@code name}, held to {@code limits} as well as to the server's settings. It is
         * logged, traced, and closed at the end like a socket the server binds; a Unix socket's file
         * stays its owner's. The process's own inherited channel is first moved into a channel of the
         * JDK's making ({@link InheritedChannels}): closing the inherited one would silence standard output.
         *
         * @throws IOException if the socket is closed already
         */
        public Builder inheritedStream(String name, StreamService service, ServerSocketChannel inherited,
                                       ServiceLimits limits) throws IOException {
            SocketAddress local = inherited.getLocalAddress();
            Endpoint endpoint = new Endpoint(local instanceof UnixDomainSocketAddress ? Transport.UNIX : Transport.TCP,
                    local);
            Objects.requireNonNull(service);
            register(name, limits, endpoint);
            ServerSocketChannel own = InheritedChannels.listening(inherited);
            registrations.add(context -> new StreamListener(name, service, endpoint, Optional.of(own), context));
            return this;
        }

        /**
         * Serves {@code service} on {@code inherited}, a UDP socket bound already, such as the one inetd
         * or systemd passes ({@link System#inheritedChannel()}), as {@link #datagram} serves one it binds,
         * and moved as {@link #inheritedStream} moves one.
         *
         * @throws IOException if the socket is closed already
         * @throws IllegalArgumentException if it is not an IP socket
         */
        public Builder inheritedDatagram(String name, DatagramService service, DatagramChannel inherited,
                                         ServiceLimits limits) throws IOException {
            if (!(inherited.getLocalAddress() instanceof InetSocketAddress local)) {
                throw new IllegalArgumentException(name + ": a datagram service needs a udp socket, not "
                        + inherited.getLocalAddress());
            }
            Endpoint endpoint = Endpoint.udp(local);
            Objects.requireNonNull(service);
            register(name, limits, endpoint);
            DatagramChannel own = InheritedChannels.datagram(inherited);
            registrations.add(context -> new DatagramReceiver(name, service, endpoint, Optional.of(own), context));
            return this;
        }

        /** One service, one gate: every endpoint of a name shares its limits, so they must be the same. */
        private void register(String name, ServiceLimits limits, Endpoint endpoint) {
            registered.add(new Registered(name, endpoint));
            ServiceLimits before = services.putIfAbsent(Objects.requireNonNull(name), Objects.requireNonNull(limits));
            if (before != null && !before.equals(limits)) {
                throw new IllegalArgumentException(name + ": every endpoint of a service is held to the same"
                        + " limits; give each the same ServiceLimits");
            }
        }

        /** A server for what was registered, not yet bound. */
        public Server build() {
            if (registrations.isEmpty()) {
                throw new IllegalStateException("a server needs at least one service");
            }
            checkTls();
            ServerContext context = new ServerContext(settings(), tracer, family);
            List<Listener> listeners = registrations.stream().map(r -> r.apply(context)).toList();
            return new Server(context, listeners, this);
        }

        private void checkTls() {
            if (tlsAsked && tls.isEmpty()) {
                throw new SettingException("a /tls endpoint needs a certificate and its key: --tls-cert FILE --tls-key FILE"
                        + " (socklab cert dev makes a pair to try)");
            }
        }

        /** The settings given so far that a running server can take anew. */
        private ServerSettings settings() {
            return new ServerSettings(limits, udpLimits, maxLogRate, access, sourceLimits, services, tls);
        }

        /** A service and one of its endpoints, as asked for (port 0 stays 0). */
        private record Registered(String service, Endpoint endpoint) {
            @Override
            public String toString() {
                return service + " " + endpoint;
            }
        }
    }
}
