package dev.socklab.engine;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.DatagramChannel;

/**
 * A non-blocking UDP socket of a {@link Carrier}'s: a receive tries the socket first and, only when
 * it finds nothing, parks its virtual thread until the carrier's epoll set says a datagram came
 * (every datagram that arrives makes a new edge) or the wait is over, a deadline the carrier keeps
 * itself ({@link Carrier#parkUntil}). A lock-step exchange's wait for its peer's next datagram is
 * then no hand-off from the JDK's poller to its scheduler to a worker, and no JDK timer: the
 * carrier that saw the edge runs the exchange. A send waits only after one that found the send
 * buffer full, which the kernel follows with an {@code EPOLLOUT} edge once it has room.
 *
 * <p>The calls are the JDK channel's own non-blocking {@code receive} and {@code send} (one
 * {@code recvfrom} or {@code sendto} each), which also guard the descriptor against a close from
 * another thread while a call is under way on it.
 */
final class CarrierUdpSocket implements UdpSocket {
    private final Carrier carrier;
    private final DatagramChannel channel;
    private final Readiness readiness;

    CarrierUdpSocket(Carrier carrier, DatagramChannel channel) throws IOException {
        channel.configureBlocking(false);
        this.carrier = carrier;
        this.channel = channel;
        this.readiness = new Readiness(carrier, ChannelFd.of(channel));
    }

    @Override
    public DatagramChannel channel() {
        return channel;
    }

    @Override
    public SocketAddress receive(ByteBuffer dst, long waitNanos) throws IOException {
        long deadline = System.nanoTime() + waitNanos;
        try {
            for (;;) {
                SocketAddress sender = channel.receive(dst);
                if (sender != null) {
                    return sender;
                }
                if (deadline - System.nanoTime() <= 0) {
                    return null;
                }
                readiness.awaitReadableUntil(deadline);
            }
        } catch (ClosedByInterruptException e) {
            close();
            throw e;
        }
    }

    @Override
    public void send(ByteBuffer src, SocketAddress target) throws IOException {
        try {
            while (channel.send(src, target) == 0 && src.hasRemaining()) {
                readiness.awaitWritable();
            }
        } catch (ClosedByInterruptException e) {
            close();
            throw e;
        }
    }

    /** Closes the channel (the JDK's own close waits out a call under way), then wakes the waiters, which find it closed. */
    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            readiness.closed();
        }
    }

    @Override
    public Thread start(String name, Runnable task) {
        Thread thread = carrier.newThread(name, task);
        thread.start();
        return thread;
    }
}
