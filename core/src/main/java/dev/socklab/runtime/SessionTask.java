package dev.socklab.runtime;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.MDC;

import dev.socklab.engine.UdpSocket;
import dev.socklab.net.SocketAddresses;
import dev.socklab.service.DatagramExchange;
import dev.socklab.service.DatagramSession;
import dev.socklab.text.Durations;

/**
 * One exchange of a UDP service on a socket of its own, run in a virtual thread: the service's
 * {@link DatagramExchange}, its calls counted and traced, each wait bounded by the idle timeout,
 * and one closing line, as a stream connection has.
 */
final class SessionTask implements Runnable, DatagramSession {
    private final String service;
    private final String tag;
    private final UdpSocket socket;
    private final SocketAddress peer;
    private final SocketAddress local;
    private final DatagramExchange exchange;
    private final ServerContext context;
    private final Logger log;
    private final long started = System.nanoTime();
    private volatile boolean forced;
    private long bytesIn;
    private long bytesOut;
    private long datagramsIn;
    private long datagramsOut;
    private long strangers;
    /** The counts of the socket whose datagram opened the exchange: its datagrams are that service's. */
    private final ListenerCounts counts;

    SessionTask(String service, String tag, UdpSocket socket, SocketAddress peer, SocketAddress local, DatagramExchange exchange,
                ServerContext context, Logger log, ListenerCounts counts) {
        this.counts = counts;
        this.service = service;
        this.tag = tag;
        this.socket = socket;
        this.peer = peer;
        this.local = local;
        this.exchange = exchange;
        this.context = context;
        this.log = log;
    }

    @Override
    public void run() {
        try {
            serve();
        } finally {
            // Last of all, after the closing line: a stopping server waits for this before it stops the engine's carriers.
            context.sessions.ended(this);
        }
    }

    private void serve() {
        MDC.put("conn", tag);
        String outcome;
        try {
            exchange.serve(this);
            outcome = "ended";
        } catch (IOException e) {
            outcome = forced ? "closed at shutdown" : "ended: " + e.getMessage();
        } catch (RuntimeException | Error e) {
            outcome = "error: " + e;
            log.error("{} crashed: a bug in the {} service", tag, service, e);
        } finally {
            closeSocket();
            context.tracer.call(tag, "close()");
            context.sessions.leave(service, peer);
        }
        MDC.remove("conn");
        if (context.connectionLog.admit()) {
            context.connectionLog.write(tag + " udp " + SocketAddresses.format(peer) + " -> " + SocketAddresses.format(local)
                    + " " + outcome + " (in " + bytesIn + " B in " + datagramsIn + " datagrams, out " + bytesOut + " B in "
                    + datagramsOut + " datagrams" + (strangers > 0 ? ", " + strangers + " from other sources" : "") + ", "
                    + Durations.elapsed(System.nanoTime() - started) + ")");
        }
    }

    /** Closes the socket now, for a server whose grace period ran out: the exchange's waiting call fails. */
    void force() {
        forced = true;
        closeSocket();
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            // A close fails only on a socket already broken; the descriptor is released either way.
        }
    }

    @Override
    public SocketAddress peer() {
        return peer;
    }

    @Override
    public SocketAddress local() {
        return local;
    }

    @Override
    public void send(ByteBuffer src) throws IOException {
        ByteBuffer view = src.duplicate();
        sendTo(src, peer);
        bytesOut += view.remaining();
        datagramsOut++;
        if (context.tracer.enabled()) {
            context.tracer.datagram(tag, "sendto", view.remaining(), view, "to", peer);
        }
    }

    @Override
    public int receive(ByteBuffer dst, Duration wait) throws IOException {
        // However long the exchange asks to wait, a silent peer holds a socket no longer than the idle timeout.
        long deadline = System.nanoTime() + Math.min(wait.toNanos(), context.limits.idleTimeout().toNanos());
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return -1;
            }
            int start = dst.position();
            int room = dst.remaining();
            SocketAddress sender = socket.receive(dst, left);
            if (sender == null) {
                return -1;
            }
            int n = dst.position() - start;
            ByteBuffer got = dst.duplicate().position(start).limit(start + n);
            counts.received(n);
            if (context.tracer.enabled()) {
                context.tracer.datagram(tag, "recvfrom", room, got.duplicate(), "from", sender);
            }
            if (!sender.equals(peer)) {
                strangers++;
                dst.position(start);
                answerStranger(got, sender);
                continue;
            }
            bytesIn += n;
            datagramsIn++;
            return n;
        }
    }

    private void answerStranger(ByteBuffer payload, SocketAddress sender) throws IOException {
        Optional<ByteBuffer> answer = exchange.answerStranger(payload.asReadOnlyBuffer());
        if (answer.isEmpty()) {
            return;
        }
        if (!context.guard.mayReply(sender, tag)) {
            counts.droppedOverRate.increment();
            return;
        }
        ByteBuffer view = answer.get().duplicate();
        sendTo(answer.get(), sender);
        if (context.tracer.enabled()) {
            context.tracer.datagram(tag, "sendto", view.remaining(), view, "to", sender);
        }
    }

    private void sendTo(ByteBuffer src, SocketAddress to) throws IOException {
        int n = src.remaining();
        socket.send(src, to);
        counts.sent(n);
    }

    @Override
    public Logger log() {
        return log;
    }
}
