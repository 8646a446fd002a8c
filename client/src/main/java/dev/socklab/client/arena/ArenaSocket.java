package dev.socklab.client.arena;

import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;

import dev.socklab.arena.PacketCodec;
import dev.socklab.net.SocketAddresses;
import dev.socklab.trace.Tracer;

/**
 * The arena client's UDP socket, connected to the server, every call traced: connected so that the
 * system reports a port where nothing listens ({@link PortUnreachableException}) and passes on
 * datagrams from the server alone. One thread may read while others write.
 */
final class ArenaSocket implements Closeable {
    private static final String WHO = "arena";

    private final DatagramChannel channel;
    private final InetSocketAddress server;
    private final Tracer tracer;

    private ArenaSocket(DatagramChannel channel, InetSocketAddress server, Tracer tracer) {
        this.channel = channel;
        this.server = server;
        this.tracer = tracer;
    }

    /** A socket bound to a port the system picks and connected to {@code server}; nothing is sent. */
    static ArenaSocket open(InetSocketAddress server, Tracer tracer) throws IOException {
        boolean v6 = server.getAddress() instanceof Inet6Address;
        DatagramChannel channel = DatagramChannel.open(v6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        tracer.call(WHO, "socket(" + (v6 ? "AF_INET6" : "AF_INET") + ", SOCK_DGRAM)");
        try {
            InetSocketAddress any = new InetSocketAddress(InetAddress.getByName(v6 ? "::" : "0.0.0.0"), 0);
            channel.bind(any);
            if (tracer.enabled()) {
                tracer.call(WHO, "bind(" + SocketAddresses.format(any) + ")");
                tracer.call(WHO, "getsockname() = " + SocketAddresses.format(channel.getLocalAddress()));
            }
            channel.connect(server);
            tracer.call(WHO, "connect(" + SocketAddresses.format(server) + ") = 0");
            return new ArenaSocket(channel, server, tracer);
        } catch (IOException e) {
            channel.close();
            tracer.call(WHO, "close()");
            throw new IOException("cannot reach " + name(server) + ": " + e.getMessage(), e);
        }
    }

    /** The server as errors name it: {@code udp 127.0.0.1:10666}. */
    String server() {
        return name(server);
    }

    private static String name(InetSocketAddress server) {
        return "udp " + SocketAddresses.format(server);
    }

    /** Sends what remains of {@code packet} as one datagram. */
    void write(ByteBuffer packet) throws IOException {
        int asked = packet.remaining();
        ByteBuffer sent = packet.duplicate();
        channel.write(packet);
        if (tracer.enabled()) {
            tracer.datagram(WHO, "sendto", asked, sent, "to", server);
        }
    }

    /**
     * Waits as long as it takes for one datagram, into {@code buffer} (cleared first, flipped after).
     *
     * @throws java.nio.channels.ClosedChannelException once this side has closed the socket
     * @throws PortUnreachableException if the system learnt that nothing listens at the server's port
     */
    void read(ByteBuffer buffer) throws IOException {
        channel.read(buffer.clear());
        buffer.flip();
        if (tracer.enabled()) {
            tracer.datagram(WHO, "recvfrom", buffer.capacity(), buffer, "from", server);
        }
    }

    /**
     * Waits up to {@code timeoutNanos} for one datagram.
     *
     * @return its bytes, or null if none came in time
     * @throws PortUnreachableException if nothing listens at the server's port, in a sentence with a hint
     */
    ByteBuffer read(long timeoutNanos) throws IOException {
        byte[] data = new byte[PacketCodec.MAX_PACKET + 1];
        DatagramPacket datagram = new DatagramPacket(data, data.length);
        // The channel's socket adaptor waits with a timeout; a blocking channel itself would wait forever.
        channel.socket().setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos)));
        try {
            channel.socket().receive(datagram);
        } catch (SocketTimeoutException e) {
            return null;
        } catch (PortUnreachableException e) {
            tracer.call(WHO, "recvfrom(" + data.length + ") = ECONNREFUSED");
            PortUnreachableException refused = new PortUnreachableException("nothing listens on " + server()
                    + " (the system refused it): is an arena served there? (socklab serve arena)");
            refused.initCause(e);
            throw refused;
        }
        ByteBuffer bytes = ByteBuffer.wrap(data, 0, datagram.getLength());
        if (tracer.enabled()) {
            tracer.datagram(WHO, "recvfrom", data.length, bytes, "from", server);
        }
        return bytes;
    }

    /** Whether {@link #close()} has not been called yet. */
    boolean isOpen() {
        return channel.isOpen();
    }

    /** Closes the socket, which wakes a thread in {@link #read(ByteBuffer)}; closing again does nothing. */
    @Override
    public void close() throws IOException {
        if (channel.isOpen()) {
            channel.close();
            tracer.call(WHO, "close()");
        }
    }
}
