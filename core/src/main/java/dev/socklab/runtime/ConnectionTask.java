package dev.socklab.runtime;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLException;

import org.slf4j.MDC;

import dev.socklab.net.SocketAddresses;
import dev.socklab.proxy.ProxyHeaderException;
import dev.socklab.service.LineTooLongException;
import dev.socklab.service.StreamService;
import dev.socklab.service.TlsSession;
import dev.socklab.text.Durations;

/**
 * One accepted connection's life, run in a virtual thread of its own. The states, and the bound
 * that applies in each:
 *
 * <ol>
 *   <li><b>accepted</b>: the listener took a connection permit as {@code accept()} returned
 *       (a client past {@code --max-connections} is turned away there), so the connection counts
 *       against the limit from its first moment. The first-request deadline is armed now.</li>
 *   <li><b>prologue</b>, on a TLS endpoint or behind a proxy: the PROXY header is read (the
 *       client it names then passes the service's gate, as a direct one does at the accept) and
 *       the TLS handshake runs, before the service sees a byte, both within the first-request
 *       timeout whatever the service; a completed handshake counts as the first request. A
 *       client turned away here gets no byte of the service ({@link Outcome#BAD_PROXY_HEADER},
 *       {@link Outcome#HANDSHAKE_FAILED}, {@link Outcome#DENIED}).</li>
 *   <li><b>awaiting the first request</b>: the service runs but no read of it has completed yet.
 *       While it is in a read call, the client must complete a request within the first-request
 *       timeout ({@code --first-request-timeout}) counted from the accept, however slowly it sends:
 *       a {@code readLine} returning a line (or a pause-ended one), a {@code readUpTo} returning, or
 *       a raw {@code read} returning bytes ends this state. A service that has not started reading
 *       (it greets first, or never reads) is not held to it, and one whose clients rightly wait
 *       ({@link StreamService#firstRequestDeadlineApplies()}, chat) is never. The idle and write
 *       timeouts apply here too. A service whose client speaks first
 *       ({@link StreamService#clientSpeaksFirst()}) may not run yet: on the epoll engine its thread
 *       starts with the client's first bytes, and until then the connection is held to the
 *       deadlines of the read it would be in.</li>
 *   <li><b>serving</b>: each read must make progress within the idle timeout
 *       ({@code --idle-timeout}, or {@code --idle-timeout SERVICE=}, or the service's own), each
 *       write within the write timeout ({@code --write-timeout}): the connection's
 *       {@link Deadlines}, which the {@link Watchdog} enforces; each line is bounded by
 *       {@code --max-line-length}. A service that sends through an
 *       {@link dev.socklab.service.Outbox} has its client dropped once the bytes waiting or their
 *       age pass the outbox's bounds, with a second for its last line.</li>
 *   <li><b>finishing</b>: the service returned; what its outbox still holds goes out, within the
 *       write timeout.</li>
 *   <li><b>draining</b>: the server is stopping; the service may finish within the grace period
 *       ({@code --shutdown-grace}), after which the server closes the socket.</li>
 *   <li><b>closed</b>: the runtime closes the socket, logs one line, and gives the permit back:
 *       service, transport, client and local addresses, bytes each way, duration, and the
 *       {@link Outcome}, with which {@link Deadlines.Deadline} fired for a timeout
 *       ({@code timed out: no complete request within 30s}, {@code no progress for 1m},
 *       {@code a write made no progress for 30s}). A connection the runtime gave up on (any
 *       timeout, a client too far behind, the end of the grace period) is reset instead of
 *       closed, so that the kernel keeps none of its bytes ({@link ChannelWire#abort()}); its
 *       line then says {@code out N B written, any unsent discarded}: N went to the socket, and
 *       whatever part the client had not received when the reset came was dropped.
 *       The line comes before the permit, so that a stopped server has logged every connection's
 *       end.</li>
 * </ol>
 *
 * Failures are sorted by cause: the peer's (reset, broken pipe) and timeouts are routine and log
 * nothing more than the closing line; a service's own I/O failure logs a warning; a bug (an
 * unchecked exception) logs an error with its stack. None of them reaches the listener.
 */
final class ConnectionTask implements Runnable {
    private final long id;
    private final String service;
    /** The endpoint's label for the closing line: {@code tcp}, {@code tls}, {@code unix}. */
    private final String label;
    /** The address it was accepted on, for {@link #snapshot}. */
    private final String listenerAddress;
    private final ListenerCounts counts;
    private final StreamService handler;
    private final ServerContext context;
    private final ChannelConnection connection;
    private final String tag;
    /** The client's address as logs show it: {@code 203.0.113.7:5000 via 127.0.0.1:41000} behind a proxy. */
    private volatile String peerName;
    private final ServiceGate gate;
    /** The client the service's gate let in, which it must let out again; null until it did. */
    private volatile SocketAddress entered;
    /** The PROXY header and TLS handshake to come before the service; null for neither. */
    private final Prologue prologue;
    private volatile boolean forced;
    /**
     * Taken once, by whichever comes first: {@link #run} beginning, or a stopping server ending a
     * connection whose client has sent nothing yet ({@link #endIfUnstarted}).
     */
    private final AtomicBoolean claimed = new AtomicBoolean();
    /** Whether the service talks on the connection: from the start, or once its prologue is done. */
    private volatile boolean serving;
    /** When the connection was accepted: its duration counts from here, however late its service starts. */
    private final long accepted = System.nanoTime();

    /**
     * @param entered the client the gate let in at the accept, or null when the prologue's PROXY
     *     header must name the client first
     */
    ConnectionTask(StreamListener listener, long id, StreamService handler, String tag, String peerName,
                   ChannelConnection connection, ServerContext context, ServiceGate gate, SocketAddress entered,
                   Prologue prologue) {
        this.id = id;
        this.service = listener.service;
        this.label = listener.requested.label();
        this.listenerAddress = listener.address();
        this.counts = listener.counts;
        this.handler = handler;
        this.tag = tag;
        this.peerName = peerName;
        this.connection = connection;
        this.context = context;
        this.gate = gate;
        this.entered = entered;
        this.prologue = prologue;
        this.serving = prologue == null;
    }

    /** Holds the connection to the idle timeout the server's settings give it now: after a reload, from its next read. */
    void idleTimeoutFromSettings() {
        connection.deadlines().idleTimeout(context.limitsFor(service, handler, prologue != null).idleTimeout().toNanos());
    }

    /** Turned away by the prologue before the service ran: how the closing line says it. */
    private static final class Unserved extends Exception {
        final Outcome outcome;

        Unserved(Outcome outcome, String detail) {
            super(detail, null, false, false);
            this.outcome = outcome;
        }
    }

    @Override
    public void run() {
        boolean mine = claimed.compareAndSet(false, true);
        connection.deadlines().serviceStarted();
        MDC.put("conn", tag);
        Outcome outcome;
        String detail = null;
        boolean servedToEnd = false;
        try {
            if (!mine) {
                throw new Unserved(Outcome.CLOSED_AT_SHUTDOWN, "before the client's first request");
            }
            if (prologue != null) {
                runPrologue();
            }
            handler.serve(connection);
            if (forced) {
                outcome = Outcome.CLOSED_AT_SHUTDOWN;
            } else {
                outcome = connection.sawEof() ? Outcome.CLOSED_BY_CLIENT : Outcome.CLOSED_BY_SERVER;
                servedToEnd = true;
            }
        } catch (Unserved e) {
            outcome = e.outcome;
            detail = e.getMessage();
        } catch (LineTooLongException e) {
            outcome = Outcome.REFUSED_BY_LIMIT;
            detail = e.getMessage();
            handler.refusalLine(detail).ifPresent(connection::sendLastWords);
        } catch (IOException e) {
            if (connection.droppedBecause().isPresent()) {
                outcome = Outcome.REFUSED_BY_LIMIT;
                detail = connection.droppedBecause().get();
            } else if (connection.deadlines().fired().isPresent()) {
                outcome = Outcome.TIMED_OUT;
                detail = connection.deadlines().timeoutDetail();
            } else if (forced) {
                outcome = Outcome.CLOSED_AT_SHUTDOWN;
            } else if (e instanceof SSLException) {
                // A handshake the service started (STARTTLS) that the client failed.
                outcome = Outcome.HANDSHAKE_FAILED;
                detail = e.getMessage();
            } else if (connection.isChannelFailure(e)) {
                outcome = Outcome.CLOSED_BY_CLIENT;
                detail = e.getMessage();
            } else {
                outcome = Outcome.ERROR;
                detail = e.toString();
                connection.log().warn("{} failed: {}", tag, e.toString());
            }
        } catch (RuntimeException | Error e) {
            outcome = Outcome.ERROR;
            detail = e.toString();
            connection.log().error("{} crashed: a bug in the {} service", tag, service, e);
        } finally {
            // What the service queued goes out before the close, within the write timeout the watchdog still enforces.
            connection.finishOutbox();
            connection.closeData();
            if (servedToEnd && (prologue != null || connection.upgradedToTls())) {
                closeNotify();
            }
            close();
        }
        MDC.remove("conn");
        try {
            logClose(outcome, detail);
        } finally {
            release();
        }
    }

    /**
     * The PROXY header, the client it names let in by the service's gate, then the TLS handshake,
     * all held to the first request's deadline (and the idle timeout) as a read of the service's
     * would be. A completed handshake counts as the first request.
     */
    private void runPrologue() throws IOException, Unserved {
        Deadlines deadlines = connection.deadlines();
        deadlines.reading(true);
        deadlines.readStarted();
        try {
            if (prologue.proxied()) {
                Optional<SocketAddress> client;
                try {
                    client = prologue.readProxyHeader();
                } catch (IOException e) {
                    throw unserved(e, e instanceof ProxyHeaderException, Outcome.BAD_PROXY_HEADER);
                }
                if (client.isPresent()) {
                    connection.proxiedFor(client.get());
                    peerName = SocketAddresses.format(client.get()) + " via " + peerName;
                    Thread.currentThread().setName(service + " " + peerName);
                }
                context.tracer.call(tag, "PROXY header: " + peerName);
                admit(connection.peer());
            }
            if (prologue.secured()) {
                TlsSession session;
                try {
                    session = prologue.handshake();
                } catch (IOException e) {
                    context.tracer.call(tag, "TLS handshake failed: " + e.getMessage());
                    throw unserved(e, e instanceof SSLException || e instanceof EOFException, Outcome.HANDSHAKE_FAILED);
                }
                connection.secured(session);
                context.tracer.call(tag, "TLS handshake: " + session);
            }
            if (prologue.secured() || !handler.firstRequestDeadlineApplies()) {
                // The handshake was the first request; a service without that deadline had it for its prologue alone.
                deadlines.requestCompleted();
            }
            serving = true;
        } finally {
            deadlines.readEnded();
            deadlines.reading(false);
        }
    }

    /**
     * How a failed prologue read ends the connection: {@code refused} (a bad header, a handshake
     * the client failed) as {@code outcome}, counted as a refusal; any other failure (a reset: a
     * client that leaves as soon as it has its keys) as the client's own end. A deadline that
     * fired, or the server's stop, is rethrown, for the closing line to name.
     *
     * @param outcome {@link Outcome#BAD_PROXY_HEADER} or {@link Outcome#HANDSHAKE_FAILED}
     */
    private Unserved unserved(IOException e, boolean refused, Outcome outcome) throws IOException {
        if (connection.deadlines().fired().isPresent() || forced) {
            throw e;
        }
        if (!refused) {
            return new Unserved(Outcome.CLOSED_BY_CLIENT, e.getMessage());
        }
        if (outcome == Outcome.BAD_PROXY_HEADER) {
            counts.refusals.badProxyHeader();
        } else {
            counts.refusals.failedHandshake();
        }
        return new Unserved(outcome, e.getMessage());
    }

    /** The service's gate, for the client a PROXY header named: as the listener's is for a direct one. */
    private void admit(SocketAddress client) throws Unserved {
        Optional<String> denied = gate.deniedConnection(client, counts.refusals);
        if (denied.isPresent()) {
            throw new Unserved(Outcome.DENIED, denied.get());
        }
        Optional<String> over = gate.enter(client, counts.refusals);
        if (over.isPresent()) {
            if (!prologue.secured()) {
                handler.refusalLine(over.get()).ifPresent(connection::sendLastWords);
            }
            throw new Unserved(Outcome.REFUSED_BY_LIMIT, over.get());
        }
        entered = client;
    }

    /** close_notify for a TLS connection whose service ended it well, held to the write timeout; a client gone by then changes nothing. */
    private void closeNotify() {
        connection.deadlines().writeStarted();
        try {
            if (prologue != null) {
                prologue.closeOutbound();
            }
            connection.closeUpgradedTls();
        } catch (IOException e) {
            // The client closed first or stopped reading: the connection ends all the same.
        } finally {
            connection.deadlines().writeEnded();
        }
    }

    /** The thread that was to serve the connection could not start: it ends unserved, with its permits back. */
    void unstarted(Throwable cause) {
        close();
        try {
            logClose(Outcome.ERROR, "not served: " + cause);
        } finally {
            release();
        }
    }

    private void close() {
        context.watchdog.unwatch(connection.deadlines());
        connection.closeChannel();
        context.tracer.call(tag, "close()");
    }

    /**
     * The client's place back, no longer open, then the server's permit back: a source whose connection
     * has left the open set can connect again, and all the permits back tells a stopping server that
     * every connection has ended, logged its line, and left the open set.
     */
    private void release() {
        SocketAddress client = entered;
        if (client != null) {
            gate.leave(client);
        }
        counts.ended(System.nanoTime() - accepted);
        context.open.remove(this);
        context.permits.release();
    }

    private void logClose(Outcome outcome, String detail) {
        if (context.connectionLog.admit()) {
            // Written out directly: one line per connection is on the accept path, and this is most of its cost.
            StringBuilder line = new StringBuilder(128).append(tag).append(' ').append(label).append(' ')
                    .append(peerName).append(" -> ")
                    .append(SocketAddresses.format(connection.local())).append(' ').append(outcome);
            if (detail != null) {
                line.append(": ").append(detail);
            }
            connection.tls().ifPresent(session -> line.append("; ").append(session));
            long out = connection.bytesOut();
            line.append(" (in ").append(connection.bytesIn()).append(" B, out ").append(out).append(" B");
            if (out > 0 && connection.aborted()) {
                // Java cannot read the socket's send queue (SIOCOUTQ): how much of it the client got is unknown.
                line.append(" written, any unsent discarded");
            }
            line.append(", ").append(Durations.elapsed(System.nanoTime() - accepted)).append(')');
            context.connectionLog.write(line.toString());
        }
    }

    /** The connection as {@link Server#connections()} shows it, now. */
    OpenConnection snapshot(long nowNanos, Instant now) {
        return new OpenConnection(id, service, label, listenerAddress, peerName, now.minusNanos(nowNanos - accepted),
                connection.bytesIn(), connection.bytesOut());
    }

    StreamService handler() {
        return handler;
    }

    /** Tells the client the server is stopping, after what its outbox holds, and ends its input: the service's read sees the end. */
    void endAtShutdown(String notice) {
        forced = true;
        if (serving) {
            // Before it, the notice would go out as plaintext where a TLS record or nothing is due.
            connection.sendLastWords(notice);
        }
        connection.shutdownInput();
    }

    /**
     * Ends the connection now if its service has not begun: a client that has sent nothing yet (a
     * browser's preconnect) has nothing under way, and a stopping server need not wait out its
     * grace period for it ({@link StreamService#silentClientsEndAtStop}). Its input ends, which
     * wakes the task waiting for it to be readable, and the task closes the connection unserved.
     *
     * @return whether it was ended so; false once the service runs, whose own stop applies
     */
    boolean endIfUnstarted() {
        if (!claimed.compareAndSet(false, true)) {
            return false;
        }
        forced = true;
        connection.shutdownInput();
        return true;
    }

    /** Resets the connection now, for a server whose grace period ran out; the service's blocked call fails. */
    void force() {
        forced = true;
        connection.abortChannel();
    }
}
