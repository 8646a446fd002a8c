package dev.socklab.service;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * The sender of a {@link Datagram}, kept to send to later: a game's snapshots, 20 a second, from a
 * thread of the service's own. What it sends leaves from the socket the datagram arrived on, so the
 * client sees the service's own address and port as the source. Safe to use from any thread at any
 * time, and valid after {@link DatagramService#serve} returns.
 *
 * <p>Sends through a peer are <em>not</em> held to the service's {@link DatagramService#maxReplyBytes}
 * nor to the server's UDP reply rate limits: they are what a service sends of its own accord, not
 * an answer to one request. A UDP source address is whatever the sender wrote, so a service may
 * send through a peer only once the peer has proved that it receives at its address, by echoing a
 * cookie the service sent it there (as DTLS's HelloVerifyRequest and QUIC's Retry do). Until then it
 * answers with {@link Datagram#reply}, which keeps it from being an amplifier aimed at a spoofed
 * address.
 *
 * <p>Every send is traced under {@code --trace}, as a reply is. Two peers are equal when they are
 * the same address on the same socket, so a service may key its sessions by peer.
 */
public interface DatagramPeer {
    /** Where this peer's datagrams come from, and where sends go. */
    SocketAddress address();

    /**
     * Sends what remains of {@code src} to the peer as one datagram, from the service's socket.
     * The calling thread's interrupt status is kept and does not close the socket.
     *
     * @throws java.nio.channels.ClosedChannelException once the service's socket is closed (the server stopped)
     */
    void send(ByteBuffer src) throws IOException;
}
