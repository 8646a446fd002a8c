package dev.socklab.engine;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * A bound UDP socket as the engine that serves it makes its calls (a TFTP transfer's socket of
 * its own): each call blocks its virtual thread, never its carrier, until it can go on, and a
 * receive waits no longer than it is told. Not for use by more than one thread at a time, but
 * for {@link #close()}.
 */
public interface UdpSocket {
    /** The channel, for its options and addresses; its sends and receives go through this socket. */
    DatagramChannel channel();

    /**
     * Waits at most {@code waitNanos} (more than 0) for a datagram and puts its payload into
     * {@code dst}, cut to {@code dst.remaining()} as {@code recvfrom(2)} cuts it.
     *
     * @return the datagram's sender, or null if none came in time
     */
    SocketAddress receive(ByteBuffer dst, long waitNanos) throws IOException;

    /** Sends what remains of {@code src} to {@code target} as one datagram, waiting while the send buffer is full. */
    void send(ByteBuffer src, SocketAddress target) throws IOException;

    /** Closes the socket, from any thread: a call waiting in it fails at once. */
    void close() throws IOException;

    /** Starts {@code task} in a new virtual thread named {@code name}, on the carrier that owns this socket. */
    Thread start(String name, Runnable task);
}
