package dev.socklab.runtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;

import dev.socklab.engine.UdpSocket;
import dev.socklab.net.PortRange;
import dev.socklab.net.SocketAddresses;
import dev.socklab.service.Datagram;
import dev.socklab.service.DatagramExchange;
import dev.socklab.service.DatagramPeer;
import dev.socklab.service.DatagramService;
import dev.socklab.trace.Tracer;

/** A received datagram as a {@link dev.socklab.service.DatagramService} sees it; replies go out on the receiving socket. */
final class ServerDatagram implements Datagram {
    private final DatagramChannel channel;
    private final ByteBuffer payload;
    private final SocketAddress sender;
    private final SocketAddress local;
    private final String tag;
    /** What the service declared it sends at most for this request, over all its replies. */
    private final int maxReply;
    private final ServerContext context;
    private final Tracer tracer;
    private final Logger log;
    private long bytesOut;
    private int replies;
    private int droppedOverRate;
    private final String service;
    private final DatagramService handler;
    private String opened;
    /** The receiving socket's counts. */
    private final ListenerCounts counts;

    ServerDatagram(String service, DatagramService handler, DatagramChannel channel, ByteBuffer payload,
                   SocketAddress sender, SocketAddress local, String tag, int maxReply, ServerContext context, Logger log,
                   ListenerCounts counts) {
        this.counts = counts;
        this.service = service;
        this.handler = handler;
        this.channel = channel;
        this.payload = payload.asReadOnlyBuffer();
        this.sender = sender;
        this.local = local;
        this.tag = tag;
        this.maxReply = maxReply;
        this.context = context;
        this.tracer = context.tracer;
        this.log = log;
    }

    @Override
    public SocketAddress sender() {
        return sender;
    }

    @Override
    public SocketAddress local() {
        return local;
    }

    @Override
    public ByteBuffer payload() {
        return payload.duplicate();
    }

    @Override
    public String text() {
        return StandardCharsets.UTF_8.decode(payload.duplicate()).toString();
    }

    /**
     * Sends a reply, unless it would take the service past its declared bound (a bug in the
     * service, logged) or the rate limits say no (counted, logged once a minute per source).
     */
    @Override
    public void reply(ByteBuffer src) throws IOException {
        if (bytesOut + src.remaining() > maxReply) {
            context.repliesOverBound.increment();
            counts.droppedOverBound.increment();
            context.overBoundLog.warn(tag + ": dropped a reply of " + src.remaining() + " B to "
                    + SocketAddresses.format(sender) + ": the service declares at most " + maxReply
                    + " B for a request of " + payload.remaining() + " B");
            return;
        }
        if (!context.guard.mayReply(sender, tag)) {
            droppedOverRate++;
            counts.droppedOverRate.increment();
            if (tracer.enabled()) {
                tracer.call(tag, "sendto(" + src.remaining() + ") to " + SocketAddresses.format(sender)
                        + " dropped: over the UDP rate limit");
            }
            return;
        }
        ByteBuffer view = src.duplicate();
        int n = channel.send(src, sender);
        context.guard.replied(sender, view);
        bytesOut += n;
        replies++;
        counts.sent(n);
        if (tracer.enabled()) {
            tracer.datagram(tag, "sendto", view.remaining(), view.limit(view.position() + n), "to", sender);
        }
    }

    @Override
    public void reply(byte[] bytes) throws IOException {
        reply(ByteBuffer.wrap(bytes));
    }

    @Override
    public void reply(String text) throws IOException {
        reply(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Opens the exchange's socket on this socket's address, unless the service's bounds or the UDP
     * rate limits say no (logged once a minute at most: a flood of requests must not become a
     * flood of lines). Counts as a reply, for the rate limits and for this datagram's line.
     */
    @Override
    public boolean openSession(DatagramExchange exchange, PortRange ports) throws IOException {
        String refused = context.sessions.enter(service, sender, handler.maxSessions(), handler.maxSessionsPerSource());
        if (refused != null) {
            context.overBoundLog.warn(tag + ": refused an exchange with " + SocketAddresses.format(sender) + ": " + refused);
            return false;
        }
        if (!context.guard.mayReply(sender, tag)) {
            context.sessions.leave(service, sender);
            droppedOverRate++;
            counts.droppedOverRate.increment();
            return false;
        }
        InetSocketAddress own = (InetSocketAddress) local;
        // The receiving socket's own family: an IPv4 request's exchange runs on an IPv4 socket, not a dual-stack one.
        DatagramChannel channel = DatagramChannel.open(SocketNames.family(own));
        try {
            PortBinding.bind(own.getAddress(), ports, channel::bind);
            UdpSocket socket = context.engine().adopt(channel);
            SocketAddress bound = channel.getLocalAddress();
            String sessionTag = service + "#" + context.nextId();
            context.tracer.call(tag, "socket() bind(" + SocketAddresses.format(bound) + ") = " + sessionTag);
            SessionTask task = new SessionTask(service, sessionTag, socket, sender, bound, exchange, context, log, counts);
            context.sessions.started(task);
            socket.start(sessionTag + " " + SocketAddresses.format(sender), task);
            opened = sessionTag;
        } catch (IOException | RuntimeException | Error e) {
            channel.close();
            context.sessions.leave(service, sender);
            throw e;
        }
        replies++;
        return true;
    }

    /** The tag of the exchange this datagram opened, or null. */
    String opened() {
        return opened;
    }

    @Override
    public DatagramPeer peer() {
        return new ServerDatagramPeer(channel, sender, tag, context, counts);
    }

    @Override
    public Logger log() {
        return log;
    }

    long bytesOut() {
        return bytesOut;
    }

    int replies() {
        return replies;
    }

    /** Replies the rate limits held back: the guard logs those, so this exchange logs nothing more. */
    int droppedOverRate() {
        return droppedOverRate;
    }
}
