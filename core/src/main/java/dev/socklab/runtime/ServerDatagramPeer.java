package dev.socklab.runtime;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

import dev.socklab.net.SocketAddresses;
import dev.socklab.service.DatagramPeer;
import dev.socklab.trace.Tracer;

/**
 * A datagram's sender kept by its service: sends go out on the receiving socket, traced as replies
 * are, and held to none of a reply's limits (the service's contract, in {@link DatagramPeer}).
 */
final class ServerDatagramPeer implements DatagramPeer {
    private final DatagramChannel channel;
    private final SocketAddress address;
    private final String tag;
    private final ReflectionGuard guard;
    private final Tracer tracer;
    /** The receiving socket's counts: a send to a kept peer is one more datagram out of it. */
    private final ListenerCounts counts;

    ServerDatagramPeer(DatagramChannel channel, SocketAddress address, String tag, ServerContext context,
                       ListenerCounts counts) {
        this.counts = counts;
        this.channel = channel;
        this.address = address;
        this.tag = tag;
        this.guard = context.guard;
        this.tracer = context.tracer;
    }

    @Override
    public SocketAddress address() {
        return address;
    }

    @Override
    public void send(ByteBuffer src) throws IOException {
        ByteBuffer view = src.duplicate();
        // An interruptible channel closes itself under an interrupted thread: the service's socket, for every peer.
        boolean interrupted = Thread.interrupted();
        int n;
        try {
            n = channel.send(src, address);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        // A peer that echoes this straight back is a loop, as it is after a reply.
        guard.replied(address, view);
        counts.sent(n);
        if (tracer.enabled()) {
            tracer.datagram(tag, "sendto", view.remaining(), view.limit(view.position() + n), "to", address);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServerDatagramPeer that && channel == that.channel && address.equals(that.address);
    }

    @Override
    public int hashCode() {
        return address.hashCode();
    }

    /** The address as the lab writes it: {@code 127.0.0.1:40000}. */
    @Override
    public String toString() {
        return SocketAddresses.format(address);
    }
}
