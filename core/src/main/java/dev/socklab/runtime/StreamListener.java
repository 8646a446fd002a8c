package dev.socklab.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.socklab.engine.ListeningSocket;
import dev.socklab.engine.StreamSocket;
import dev.socklab.net.Family;
import dev.socklab.net.SocketAddresses;
import dev.socklab.proxy.ProxyPolicy;
import dev.socklab.service.StreamService;
import dev.socklab.tls.ServerTls;

/**
 * A TCP or Unix stream socket and its accept loop, in a thread of the I/O engine's choosing: a
 * platform thread of its own on jdk, a virtual thread on a carrier on epoll. The loop accepts,
 * takes a connection permit, and hands the connection to the engine, which starts a new virtual
 * thread named after the service and the peer on the carrier that takes the socket. Without a
 * permit it tells the client why it is turned away and closes at once, on the loop's own thread,
 * so that no more than {@code --max-connections} are ever served. The permit is taken after the
 * accept, never held while waiting in it: the server's permits are shared by all its listeners,
 * and twenty idle listeners each holding one would leave {@code --max-connections 10} serving
 * nobody. A failing {@code accept()} (out of file descriptors) backs off from 5 ms doubling to 1 s
 * and retries: the listener never dies of it.
 */
final class StreamListener extends Listener {
    /**
     * As long a queue of connections not yet accepted as the kernel allows (net.core.somaxconn,
     * which Netty reads too), so that a burst waits instead of being dropped and retried by SYN.
     */
    private static final int BACKLOG = Somaxconn.value();
    private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final StreamService handler;
    /** The service's logger, looked up once rather than per connection. */
    private final Logger serviceLog;
    private final ThrottledLog refusals;
    private final ThrottledLog acceptFailures;
    /** The listening socket the process inherited, to serve instead of binding one. */
    private final Optional<ServerSocketChannel> inherited;
    private ServerSocketChannel channel;
    /** The socket as the server's I/O engine waits on it; null until the loop starts. */
    private ListeningSocket listening;
    /** The socket file this listener created, which it alone may delete. */
    private UnixSocketFile socketFile;
    private Thread acceptor;

    StreamListener(String service, StreamService handler, Endpoint requested, ServerContext context) {
        this(service, handler, requested, Optional.empty(), context);
    }

    /** A listener on {@code inherited}, a socket bound and listening at {@code requested} already. */
    StreamListener(String service, StreamService handler, Endpoint requested, Optional<ServerSocketChannel> inherited,
                   ServerContext context) {
        super(service, requested, context);
        this.handler = handler;
        this.inherited = inherited;
        this.serviceLog = LoggerFactory.getLogger("socklab.service." + service);
        this.refusals = new ThrottledLog(LOG, TimeUnit.SECONDS.toNanos(1));
        this.acceptFailures = new ThrottledLog(LOG, TimeUnit.SECONDS.toNanos(1));
    }

    @Override
    StreamService handler() {
        return handler;
    }

    @Override
    void bind() throws IOException {
        if (inherited.isPresent()) {
            // Its socket file, if any, is its owner's (systemd's): this listener neither makes nor deletes it.
            channel = inherit(inherited.get());
            return;
        }
        SocketAddress address = requested.address();
        if (address instanceof UnixDomainSocketAddress unix) {
            UnixSocketFile.clear(unix.getPath());
        }
        context.tracer.call(tag, SocketNames.socketCall(address, true));
        channel = bind(ServerSocketChannel.open(SocketNames.family(address)), opened -> {
            if (requested.transport() == Transport.TCP) {
                // A restarted server must not wait for the old one's TIME_WAIT connections.
                opened.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            }
            opened.bind(address, BACKLOG);
            if (address instanceof UnixDomainSocketAddress unix) {
                socketFile = UnixSocketFile.bound(unix.getPath());
            }
        });
        context.tracer.call(tag, "listen(backlog=" + BACKLOG + ")");
    }

    @Override
    void start() {
        try {
            listening = context.engine().listen(channel);
        } catch (IOException e) {
            // Only non-blocking mode, on a socket bound a moment ago: nothing a user could cause or mend.
            throw new UncheckedIOException(tag + ": the I/O engine cannot take the listening socket", e);
        }
        acceptor = listening.start(tag + " accept " + SocketAddresses.format(binding().endpoint().address()),
                this::acceptLoop);
    }

    /**
     * Also waits for the accept loop to end: every connection it accepted is then counted as open
     * or turned away, so a stopping server can tell at once whether any are left.
     */
    @Override
    void close() {
        super.close();
        if (listening != null) {
            listening.closed();
        }
        if (acceptor != null) {
            LockSupport.unpark(acceptor); // cuts short a back-off
            try {
                acceptor.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (socketFile != null) {
            socketFile.remove();
        }
    }

    private void acceptLoop() {
        long backoff = 0;
        while (!closing) {
            SocketChannel accepted;
            try {
                accepted = listening.accept();
                backoff = 0;
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closing) {
                    return;
                }
                backoff = backoff == 0 ? FIRST_BACKOFF_NANOS : Math.min(backoff * 2, MAX_BACKOFF_NANOS);
                acceptFailures.warn(tag + ": accept() failed (" + e.getMessage() + "); retrying in "
                        + TimeUnit.NANOSECONDS.toMillis(backoff) + " ms");
                LockSupport.parkNanos(backoff);
                continue;
            }
            boolean permitted = context.permits.tryAcquire();
            try {
                dispatch(accepted, permitted);
            } catch (RuntimeException | Error e) {
                // A bug (a service's refusal line, say) costs this client, never the listener and everyone after it.
                closeQuietly(accepted);
                acceptFailures.error(tag + ": a connection was dropped unserved by a bug: " + e, e);
            }
        }
    }

    private void dispatch(SocketChannel accepted, boolean permitted) {
        SocketAddress peer;
        SocketAddress local;
        try {
            peer = accepted.getRemoteAddress();
            local = accepted.getLocalAddress();
        } catch (IOException e) {
            // Reset before we looked at it: nothing to serve.
            release(permitted);
            closeQuietly(accepted);
            return;
        }
        long id = context.nextId();
        String connTag = service + "#" + id;
        if (context.tracer.enabled()) {
            context.tracer.call(tag, "accept() = " + connTag + " from " + SocketAddresses.format(peer));
        }
        if (peer instanceof InetSocketAddress inet && !context.family.admits(inet.getAddress())) {
            release(permitted);
            counts.refusals.wrongFamily();
            refuse(accepted, connTag, peer, local, Outcome.REFUSED_BY_LIMIT, "this server takes "
                    + (context.family == Family.IPV6 ? "IPv6" : "IPv4") + " clients only", false);
            return;
        }
        ServiceGate gate = context.gate(service);
        Optional<ProxyPolicy> proxy = context.proxy(service);
        if (proxy.isPresent()) {
            // The real client is known only from the header, read on the connection's thread: the gate waits for it.
            if (!proxy.get().trusts(peer)) {
                release(permitted);
                counts.refusals.untrustedProxy();
                refuse(accepted, connTag, peer, local, Outcome.DENIED,
                        "not a trusted proxy (--proxy-trust), and this service takes PROXY protocol connections only", false);
                return;
            }
        } else {
            // A denied client gets no byte at all, not even the reason: it learns nothing of the service.
            Optional<String> denied = gate.deniedConnection(peer, counts.refusals);
            if (denied.isPresent()) {
                release(permitted);
                refuse(accepted, connTag, peer, local, Outcome.DENIED, denied.get(), false);
                return;
            }
        }
        // Read once for this connection: a reload may swap it while the connection runs.
        Optional<ServerTls> serverTls = context.tls;
        if (!permitted) {
            counts.refusals.overServerLimit();
            refuse(accepted, connTag, peer, local, Outcome.REFUSED_BY_LIMIT, "too many connections ("
                    + context.limits.maxConnections() + "); try again later", !requested.tls() && proxy.isEmpty());
            return;
        }
        if (proxy.isEmpty()) {
            Optional<String> over = gate.enter(peer, counts.refusals);
            if (over.isPresent()) {
                release(permitted);
                refuse(accepted, connTag, peer, local, Outcome.REFUSED_BY_LIMIT, over.get(), !requested.tls());
                return;
            }
        }
        if (requested.transport() == Transport.TCP) {
            try {
                // Replies go out as soon as they are written: request-response protocols must not wait on Nagle.
                accepted.setOption(StandardSocketOptions.TCP_NODELAY, true);
            } catch (IOException e) {
                LOG.debug("{}: TCP_NODELAY not set: {}", connTag, e.toString());
            }
            if (handler.urgentDataInline()) {
                try {
                    accepted.socket().setOOBInline(true);
                } catch (IOException e) {
                    LOG.debug("{}: SO_OOBINLINE not set: {}", connTag, e.toString());
                }
            }
        }
        StreamSocket socket;
        try {
            socket = context.engine().adopt(accepted);
        } catch (IOException e) {
            // Closed under us (a reset), or non-blocking mode refused: nothing to serve.
            release(permitted);
            if (proxy.isEmpty()) {
                gate.leave(peer);
            }
            closeQuietly(accepted);
            return;
        }
        Prologue prologue = null;
        PrologueSocket layered = null;
        boolean upgradable = handler.startsTls() && serverTls.isPresent() && !requested.tls();
        if (proxy.isPresent() || requested.tls() || upgradable) {
            layered = new PrologueSocket(socket);
            if (proxy.isPresent() || requested.tls()) {
                prologue = new Prologue(layered, proxy, requested.tls()
                        ? Optional.of(serverTls.orElseThrow().newEngine(handler.applicationProtocols()))
                        : Optional.empty());
            }
            socket = layered;
        }
        Limits limits = context.limitsFor(service, handler, requested.tls() || proxy.isPresent());
        ChannelConnection connection = new ChannelConnection(socket, connTag, peer, local, limits,
                context.tracer, serviceLog, context.watchdog, handler::refusalLine, counts);
        if (upgradable) {
            ServerTls tls = serverTls.orElseThrow();
            connection.upgradable(layered, () -> tls.newEngine(handler.applicationProtocols()));
        }
        connection.dataPortsFrom(context, limits);
        if (context.tracer.enabled()) {
            connection.redactInTrace(handler.secretsInTrace());
        }
        // Formatted once: the thread's name and the closing line both show it.
        String peerName = SocketAddresses.format(peer);
        ConnectionTask task = new ConnectionTask(this, id, handler, connTag, peerName, connection, context, gate,
                proxy.isPresent() ? null : peer, prologue);
        counts.accepted.increment();
        counts.active.increment();
        context.open.add(task);
        context.watchdog.watch(connection.deadlines());
        try {
            if (handler.clientSpeaksFirst() || prologue != null) {
                // Until the client's first bytes, the connection waits as the service's first read would.
                connection.deadlines().awaitingFirstBytes();
                socket.startWhenReadable(service + " " + peerName, task, task::unstarted);
            } else {
                socket.start(service + " " + peerName, task);
            }
        } catch (RuntimeException | Error e) {
            // Most likely no memory for one more thread: this client is turned away, the ones being served go on.
            task.unstarted(e);
        }
    }

    private void refuse(SocketChannel accepted, String connTag, SocketAddress peer, SocketAddress local,
                        Outcome outcome, String reason, boolean tell) {
        if (tell) {
            handler.refusalLine(reason).ifPresent(line -> Refusal.tell(accepted, line));
        }
        closeQuietly(accepted);
        context.tracer.call(connTag, "close()");
        refusals.warn(connTag + " " + requested.label() + " " + SocketAddresses.format(peer) + " -> "
                + SocketAddresses.format(local) + " " + outcome + ": " + reason);
    }

    private void release(boolean permitted) {
        if (permitted) {
            context.permits.release();
        }
    }

    private static void closeQuietly(SocketChannel accepted) {
        try {
            accepted.close();
        } catch (IOException e) {
            // Already gone.
        }
    }
}
