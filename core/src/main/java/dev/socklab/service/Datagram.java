package dev.socklab.service;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

import org.slf4j.Logger;

import dev.socklab.net.PortRange;

/**
 * One received UDP datagram, and the way to answer its sender. Valid only during
 * {@link DatagramService#serve}, except for its {@link #peer()}, which a service may keep.
 */
public interface Datagram {
    /** The address the datagram claims to come from, where a reply goes. */
    SocketAddress sender();

    /** The server socket's own address. */
    SocketAddress local();

    /** The payload, read-only, from position 0 to its limit. */
    ByteBuffer payload();

    /** The payload decoded as UTF-8 (malformed bytes become U+FFFD). */
    String text();

    /** Sends {@code src} back to the sender as one datagram. */
    void reply(ByteBuffer src) throws IOException;

    /** Sends {@code bytes} back to the sender as one datagram. */
    void reply(byte[] bytes) throws IOException;

    /** Sends {@code text}, encoded as UTF-8, back to the sender as one datagram. */
    void reply(String text) throws IOException;

    /**
     * Opens a UDP socket of the server's own for an exchange with this datagram's sender, and runs
     * {@code exchange} on it in a virtual thread of its own (TFTP's new transfer ID per transfer).
     * The socket is bound to the receiving socket's address and a free port of {@code ports}. Held to
     * the service's {@link DatagramService#maxSessions()} and {@link DatagramService#maxSessionsPerSource()},
     * and it counts as one reply under the server's UDP rate limits: a flood of requests cannot open
     * a flood of sockets.
     *
     * @return false if a limit refused it (nothing was opened); the service may answer the request
     *     with its protocol's error
     * @throws java.net.BindException if no port of the range is free
     */
    boolean openSession(DatagramExchange exchange, PortRange ports) throws IOException;

    /**
     * The sender, as a peer the service may keep and send to later from any thread (a game's
     * snapshots). Its sends are held to no reply bound nor rate limit: use it only for a sender
     * that has proved it receives at its address ({@link DatagramPeer} says how); answer any other
     * with {@link #reply}.
     */
    DatagramPeer peer();

    /** A logger for this service; each line it writes is tagged with this datagram's sender. */
    Logger log();
}
