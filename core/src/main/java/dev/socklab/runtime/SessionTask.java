package dev.socklab.runtime;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.MDC;

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
    private final DatagramSocket socket;
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

    SessionTask(String service, String tag, DatagramSocket socket, SocketAddress peer, DatagramExchange exchange,
                ServerContext context, Logger log, ListenerCounts counts) {
        this.counts = counts;
        this.service = service;
        this.tag = tag;
        this.socket = socket;
        this.peer = peer;
        this.local = socket.getLocalSocketAddress();
        this.exchange = exchange;
        this.context = context;
        this.log = log;
    }

    @Override
    public void run() {
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
            socket.close();
            context.tracer.call(tag, "close()");
            context.sessions.leave(service, peer);
            context.sessions.ended(this);
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
        socket.close();
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
        byte[] array = dst.hasArray() ? dst.array() : new byte[dst.remaining()];
        int offset = dst.hasArray() ? dst.arrayOffset() + dst.position() : 0;
        DatagramPacket packet = new DatagramPacket(array, offset, dst.remaining());
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return -1;
            }
            // At least a millisecond: a timeout of 0 would mean no timeout at all.
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
            packet.setData(array, offset, dst.remaining());
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return -1;
            }
            ByteBuffer got = ByteBuffer.wrap(array, offset, packet.getLength());
            counts.received(packet.getLength());
            SocketAddress sender = packet.getSocketAddress();
            if (context.tracer.enabled()) {
                context.tracer.datagram(tag, "recvfrom", dst.remaining(), got.duplicate(), "from", sender);
            }
            if (!sender.equals(peer)) {
                strangers++;
                answerStranger(got, sender);
                continue;
            }
            bytesIn += packet.getLength();
            datagramsIn++;
            if (!dst.hasArray()) {
                dst.put(got);
            } else {
                dst.position(dst.position() + packet.getLength());
            }
            return packet.getLength();
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
        DatagramPacket packet = src.hasArray()
                ? new DatagramPacket(src.array(), src.arrayOffset() + src.position(), n, to)
                : new DatagramPacket(copy(src), n, to);
        socket.send(packet);
        counts.sent(n);
        src.position(src.position() + (src.hasArray() ? n : 0));
    }

    private static byte[] copy(ByteBuffer src) {
        byte[] bytes = new byte[src.remaining()];
        src.get(bytes);
        return bytes;
    }

    @Override
    public Logger log() {
        return log;
    }
}
