package dev.socklab.client;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;

import dev.socklab.net.SocketAddresses;
import dev.socklab.text.Durations;
import dev.socklab.trace.Tracer;

/**
 * The UDP socket of one TFTP transfer. Unlike {@link DatagramClient} it is not connected: the
 * request goes to the server's port, and the answers come from another, the server's transfer ID,
 * which is learnt from the first one. Every call is traced as {@code sendto} and {@code recvfrom}.
 */
final class TftpSocket implements Closeable {
    /** How long a send may wait for room in the socket's own buffer; UDP never waits for the peer. */
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);

    private final DatagramChannel channel;
    private final SelectionKey key;
    private final Tracer tracer;
    private final String who;

    private TftpSocket(DatagramChannel channel, SelectionKey key, Tracer tracer, String who) {
        this.channel = channel;
        this.key = key;
        this.tracer = tracer;
        this.who = who;
    }

    /** A socket bound to a port the system picks, of the family that reaches {@code server}. */
    static TftpSocket open(InetSocketAddress server, Tracer tracer, String who) throws IOException {
        ProtocolFamily family = TraceText.familyOf(server);
        DatagramChannel channel = DatagramChannel.open(family);
        tracer.call(who, TraceText.socket(family, "SOCK_DGRAM"));
        Selector selector = null;
        boolean opened = false;
        try {
            InetSocketAddress any = new InetSocketAddress(InetAddress.getByName(
                    family == StandardProtocolFamily.INET6 ? "::" : "0.0.0.0"), 0);
            channel.bind(any);
            if (tracer.enabled()) {
                tracer.call(who, "bind(" + SocketAddresses.format(any) + ")");
                tracer.call(who, "getsockname() = " + SocketAddresses.format(channel.getLocalAddress()));
            }
            channel.configureBlocking(false);
            selector = Selector.open();
            TftpSocket socket = new TftpSocket(channel, channel.register(selector, 0), tracer, who);
            opened = true;
            return socket;
        } finally {
            if (!opened) {
                if (selector != null) {
                    selector.close();
                }
                channel.close();
                tracer.call(who, "close()");
            }
        }
    }

    /** Sends {@code packet}, unmoved, to {@code to} as one datagram. */
    void send(ByteBuffer packet, SocketAddress to) throws IOException {
        ByteBuffer src = packet.duplicate();
        Deadline deadline = Deadline.after(SEND_TIMEOUT);
        int asked = src.remaining();
        while (channel.send(src, to) == 0) {
            if (!deadline.await(key, SelectionKey.OP_WRITE)) {
                throw new SocketTimeoutException("could not send to " + SocketAddresses.format(to)
                        + ": the socket's buffer stayed full for " + Durations.format(SEND_TIMEOUT));
            }
        }
        if (tracer.enabled()) {
            tracer.datagram(who, "sendto", asked, packet.duplicate(), "to", to);
        }
    }

    /**
     * Waits until {@code deadline} for one datagram from anyone, into {@code buffer} (cleared
     * first, flipped after).
     *
     * @return the sender, or null if nothing came in time
     */
    SocketAddress receive(ByteBuffer buffer, Deadline deadline) throws IOException {
        buffer.clear();
        SocketAddress from;
        try {
            while ((from = channel.receive(buffer)) == null) {
                if (!deadline.await(key, SelectionKey.OP_READ)) {
                    return null;
                }
            }
        } catch (PortUnreachableException e) {
            // Linux reports an ICMP refusal on an unconnected socket only with IP_RECVERR; kept for other systems.
            tracer.call(who, "recvfrom(" + buffer.capacity() + ") = ECONNREFUSED");
            throw e;
        }
        buffer.flip();
        if (tracer.enabled()) {
            tracer.datagram(who, "recvfrom", buffer.capacity(), buffer, "from", from);
        }
        return from;
    }

    /** Notes a wait that ran out, as a C trace would show the call. */
    void traceTimeout(int asked, Duration waited) {
        if (tracer.enabled()) {
            tracer.call(who, TraceText.timedOut("recvfrom(" + asked + ")", waited));
        }
    }

    @Override
    public void close() throws IOException {
        try {
            key.selector().close();
        } finally {
            channel.close();
            tracer.call(who, "close()");
        }
    }
}
