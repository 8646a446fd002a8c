package dev.socklab.client;

import java.io.Closeable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import dev.socklab.net.AddressException;
import dev.socklab.net.Family;
import dev.socklab.net.Host;
import dev.socklab.net.SocketAddresses;
import dev.socklab.text.Durations;
import dev.socklab.trace.Tracer;

/**
 * A UDP socket that sends to one server. Every socket call is traced. Not for use from more than
 * one thread at a time.
 *
 * <p>The socket is connected to the server ({@code connect()} on a datagram socket sends nothing:
 * it fixes the peer), so the system reports the ICMP port-unreachable that answers a datagram sent
 * where nothing listens: {@link #send} or {@link #receive} throws a
 * {@link PortUnreachableException} at once, instead of the client waiting out its timeout. A
 * connected socket takes replies from the server's address alone, as Python's and {@code nc -u}'s
 * do; a server on a wildcard address that answers from another of its addresses goes unheard.
 * The JDK sends nothing for an empty buffer on a connected socket, so an empty datagram goes out
 * from a second socket on the same port, and its refusal or reply still comes to this one.
 *
 * <p>A socket for a broadcast or multicast address is not connected, since a reply comes from the
 * host that answers, not from the address asked: it takes replies from anyone, and a port where
 * nothing listens simply gets no reply.
 */
public final class DatagramClient implements Closeable {
    /**
     * How long a send may wait for room in the socket's own send buffer. Sending UDP never waits
     * for the peer, only for the local interface to drain the buffer, so this is generous.
     */
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);

    /**
     * One datagram received.
     *
     * @param data the payload, from position 0 to its limit; the caller owns the buffer
     * @param from the address the datagram came from
     */
    public record Reply(ByteBuffer data, SocketAddress from) {
    }

    private final DatagramChannel channel;
    private final SelectionKey key;
    private final InetSocketAddress server;
    private final Tracer tracer;
    private final String who;
    private final SocketAddress local;
    private boolean closed;

    private DatagramClient(DatagramChannel channel, SelectionKey key, InetSocketAddress server, Tracer tracer,
            String who) throws IOException {
        this.channel = channel;
        this.key = key;
        this.server = server;
        this.tracer = tracer;
        this.who = who;
        this.local = channel.getLocalAddress();
    }

    /**
     * Opens a UDP socket for talking to {@code port} on {@code host}, at the first address the host
     * resolves to. For {@link Host.Broadcast} the socket may send broadcasts ({@code SO_BROADCAST}).
     * The socket is bound at once to a port the system picks, on every local address, as the
     * first {@code sendto} would bind it anyway; to one server (not a broadcast or multicast
     * group) it is also connected, so that the system reports a refusal (ICMP port unreachable)
     * at once, as it does to Python's client.
     *
     * @param host the server's host
     * @param port the server's port
     * @param family which IP versions the host may resolve to
     * @param tracer where the socket calls are traced
     * @param who the tag of this client's trace lines, such as {@code hello}
     * @return the open socket
     * @throws AddressException if the host does not resolve
     * @throws IOException if the socket cannot be opened, bound or connected
     */
    public static DatagramClient open(Host host, int port, Family family, Tracer tracer, String who)
            throws IOException {
        Objects.requireNonNull(tracer, "tracer");
        Objects.requireNonNull(who, "who");
        InetSocketAddress server = new InetSocketAddress(host.resolve(family).getFirst(), port);
        ProtocolFamily protocol = TraceText.familyOf(server);
        DatagramChannel channel = DatagramChannel.open(protocol);
        tracer.call(who, TraceText.socket(protocol, "SOCK_DGRAM"));
        Selector selector = null;
        boolean opened = false;
        try {
            boolean toOne = !(host instanceof Host.Broadcast) && !server.getAddress().isMulticastAddress();
            if (host instanceof Host.Broadcast) {
                channel.setOption(StandardSocketOptions.SO_BROADCAST, true);
                tracer.call(who, "setsockopt(SOL_SOCKET, SO_BROADCAST, 1)");
            }
            // Bound now rather than at the first send, so that local() always has an answer.
            InetSocketAddress any = new InetSocketAddress(wildcard(protocol), 0);
            channel.bind(any);
            if (tracer.enabled()) {
                tracer.call(who, "bind(" + SocketAddresses.format(any) + ")");
                tracer.call(who, "getsockname() = " + SocketAddresses.format(channel.getLocalAddress()));
            }
            if (toOne) {
                connect(channel, server, tracer, who);
            }
            channel.configureBlocking(false);
            selector = Selector.open();
            DatagramClient client = new DatagramClient(channel, channel.register(selector, 0), server, tracer, who);
            opened = true;
            return client;
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

    /** Fixes the socket's peer, so that the system reports a refusal to it; nothing is sent. */
    private static void connect(DatagramChannel channel, InetSocketAddress server, Tracer tracer, String who)
            throws IOException {
        try {
            channel.connect(server);
        } catch (IOException e) {
            // No route to the server, say: the same words as for a stream connect.
            ConnectFailure failure = ConnectFailure.of(e);
            if (tracer.enabled()) {
                tracer.call(who, "connect(" + SocketAddresses.format(server) + ") = " + failure.errno());
            }
            ConnectException error = new ConnectException(
                    "cannot reach udp " + SocketAddresses.format(server) + ": " + failure.reason());
            error.initCause(e);
            throw error;
        }
        tracer.call(who, "connect(" + SocketAddresses.format(server) + ") = 0");
    }

    /**
     * The server's address, where {@link #send} sends.
     *
     * @return the address the host resolved to, with the port
     */
    public SocketAddress server() {
        return server;
    }

    /**
     * This socket's own address, as {@code getsockname()} gave it once bound.
     *
     * @return the wildcard address with the port the system picked
     */
    public SocketAddress local() {
        return local;
    }

    /**
     * Sends {@code src}, from its position to its limit, to the server as one datagram.
     *
     * @param src the payload; its position ends at its limit
     * @throws SocketTimeoutException if the socket's send buffer stays full for seconds
     * @throws PortUnreachableException if the system has learnt that nothing listens at the server's
     *     port, from an earlier datagram, such as
     *     {@code nothing listens on udp 127.0.0.1:10007 (the system refused it)}
     * @throws IOException if the system refuses the datagram, such as one too long for UDP
     */
    public void send(ByteBuffer src) throws IOException {
        if (!src.hasRemaining() && channel.isConnected()) {
            sendEmpty();
            return;
        }
        Deadline deadline = Deadline.after(SEND_TIMEOUT);
        int asked = src.remaining();
        int start = src.position();
        // A datagram goes whole or not at all: 0 means no room in the send buffer yet.
        while (sendOnce(src, asked) == 0 && asked > 0) {
            if (!deadline.await(key, SelectionKey.OP_WRITE)) {
                if (tracer.enabled()) {
                    tracer.call(who, TraceText.timedOut("sendto(" + asked + ")", SEND_TIMEOUT));
                }
                throw new SocketTimeoutException(
                        "could not send to " + SocketAddresses.format(server) + ": the socket's buffer stayed full for "
                                + Durations.format(SEND_TIMEOUT));
            }
        }
        if (tracer.enabled()) {
            tracer.datagram(who, "sendto", asked, TraceText.moved(src, start), "to", server);
        }
    }

    /**
     * Sends {@code bytes} to the server as one datagram.
     *
     * @param bytes the payload
     * @throws IOException as {@link #send(ByteBuffer)} does
     */
    public void send(byte[] bytes) throws IOException {
        send(ByteBuffer.wrap(bytes));
    }

    /**
     * Waits up to {@code timeout} for one datagram from anyone. A datagram longer than
     * {@code maxBytes} is cut to that length, as {@code recvfrom} does.
     *
     * @param maxBytes the most of a datagram to keep
     * @param timeout how long to wait
     * @return the datagram, or empty if none came in time
     * @throws IllegalArgumentException if {@code maxBytes} is not positive
     * @throws PortUnreachableException if nothing listens at the server's port, such as
     *     {@code nothing listens on udp 127.0.0.1:10007 (the system refused it)}
     * @throws IOException if receiving fails
     */
    public Optional<Reply> receive(int maxBytes, Duration timeout) throws IOException {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, not " + maxBytes);
        }
        Deadline deadline = Deadline.after(timeout);
        ByteBuffer buffer = ByteBuffer.allocate(maxBytes);
        SocketAddress from;
        while ((from = receiveOnce(buffer, maxBytes)) == null) {
            if (!deadline.await(key, SelectionKey.OP_READ)) {
                if (tracer.enabled()) {
                    tracer.call(who, TraceText.timedOut("recvfrom(" + maxBytes + ")", timeout));
                }
                return Optional.empty();
            }
        }
        buffer.flip();
        if (tracer.enabled()) {
            tracer.datagram(who, "recvfrom", maxBytes, buffer, "from", from);
        }
        return Optional.of(new Reply(buffer, from));
    }

    /**
     * Closes the socket; closing it again does nothing.
     *
     * @throws IOException if closing the socket fails
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // The selector first: a channel still registered with one is only closed at deregistration.
            key.selector().close();
        } finally {
            channel.close();
            tracer.call(who, "close()");
        }
    }

    private int sendOnce(ByteBuffer src, int asked) throws IOException {
        try {
            return channel.send(src, server);
        } catch (PortUnreachableException e) {
            throw refused("sendto(" + asked + ")", e);
        }
    }

    /**
     * Sends an empty datagram (RFC 868's request, daytime's without an acknowledgement) from a
     * second socket bound to this one's port, since the JDK sends nothing for an empty buffer on a
     * connected datagram socket. The system gives the refusal, or the reply, to this socket all the
     * same: of the two on the port, it is the one whose peer matches. Both allow the shared port
     * ({@code SO_REUSEADDR}); the second is closed at once.
     */
    private void sendEmpty() throws IOException {
        ProtocolFamily protocol = TraceText.familyOf(server);
        // Only now, and so only for the clients that send an empty request: with SO_REUSEADDR on
        // every client socket, two clients could be given one port by the system and hear each
        // other's replies. Linux reads the flag of both sockets when the second one binds.
        reuseAddress(channel, tracer, who);
        try (DatagramChannel twin = DatagramChannel.open(protocol)) {
            tracer.call(who, TraceText.socket(protocol, "SOCK_DGRAM"));
            reuseAddress(twin, tracer, who);
            twin.bind(local);
            if (tracer.enabled()) {
                tracer.call(who, "bind(" + SocketAddresses.format(local) + ")");
            }
            ByteBuffer empty = ByteBuffer.allocate(0);
            twin.send(empty, server);
            if (tracer.enabled()) {
                tracer.datagram(who, "sendto", 0, empty, "to", server);
            }
        } finally {
            tracer.call(who, "close()");
        }
    }

    private static void reuseAddress(DatagramChannel channel, Tracer tracer, String who) throws IOException {
        channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        tracer.call(who, "setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)");
    }

    private SocketAddress receiveOnce(ByteBuffer buffer, int maxBytes) throws IOException {
        try {
            return channel.receive(buffer);
        } catch (PortUnreachableException e) {
            throw refused("recvfrom(" + maxBytes + ")", e);
        }
    }

    /** The ICMP port-unreachable of an earlier datagram, as a C client sees it on its next call. */
    private PortUnreachableException refused(String call, PortUnreachableException cause) {
        tracer.call(who, call + " = ECONNREFUSED");
        PortUnreachableException e = new PortUnreachableException(
                "nothing listens on udp " + SocketAddresses.format(server) + " (the system refused it)");
        e.initCause(cause);
        return e;
    }

    /** Whether the socket may send broadcasts, for tests that must not send one to find out. */
    boolean broadcastEnabled() throws IOException {
        return channel.getOption(StandardSocketOptions.SO_BROADCAST);
    }

    private static InetAddress wildcard(ProtocolFamily protocol) throws IOException {
        // Literals: nothing is looked up.
        return InetAddress.getByName(protocol == StandardProtocolFamily.INET6 ? "::" : "0.0.0.0");
    }
}
