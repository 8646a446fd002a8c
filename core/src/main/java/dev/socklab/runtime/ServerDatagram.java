package dev.socklab.runtime;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;

import dev.socklab.net.PortRange;
import dev.socklab.net.SocketAddresses;
import dev.socklab.service.Datagram;
import dev.socklab.service.DatagramExchange;
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

    ServerDatagram(DatagramChannel channel, ByteBuffer payload, SocketAddress sender, SocketAddress local,
                   String tag, int maxReply, ServerContext context, Logger log) {
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
            context.overBoundLog.warn(tag + ": dropped a reply of " + src.remaining() + " B to "
                    + SocketAddresses.format(sender) + ": the service declares at most " + maxReply
                    + " B for a request of " + payload.remaining() + " B");
            return;
        }
        if (!context.guard.mayReply(sender, tag)) {
            droppedOverRate++;
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

    @Override
    public boolean openSession(DatagramExchange exchange, PortRange ports) throws IOException {
        throw new UnsupportedOperationException("the lead is writing it");
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
