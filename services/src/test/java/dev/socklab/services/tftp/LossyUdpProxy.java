package dev.socklab.services.tftp;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A UDP proxy for tests, on loopback, between one client and a TFTP server, that drops and
 * duplicates datagrams both ways with the odds asked for, from a seeded {@link Random} per
 * direction. The client talks to {@link #address()} alone; the proxy sends the request to the
 * server's port and everything after to the transfer's port, the first new port the server answers
 * from. The first datagram each way passes untouched, so that one transfer runs, not one per lost
 * request. Bounded: a datagram goes out twice at most, and the proxy forwards at most
 * {@value #MAX_DATAGRAMS} datagrams a direction. Closing it ends both threads.
 */
final class LossyUdpProxy implements Closeable {
    private static final int MAX_DATAGRAMS = 500_000;

    private final DatagramChannel front;
    private final DatagramChannel back;
    private final Thread toServer;
    private final Thread toClient;
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicInteger duplicated = new AtomicInteger();
    private volatile SocketAddress client;
    private volatile SocketAddress target;

    private LossyUdpProxy(InetSocketAddress server, double loss, double duplication, long seed) throws IOException {
        front = DatagramChannel.open().bind(new InetSocketAddress(server.getAddress(), 0));
        back = DatagramChannel.open().bind(new InetSocketAddress(server.getAddress(), 0));
        target = server;
        toServer = Thread.ofVirtual().name("proxy to server").start(() -> forward(front, true,
                new Faults(loss, duplication, seed)));
        toClient = Thread.ofVirtual().name("proxy to client").start(() -> forward(back, false,
                new Faults(loss, duplication, seed + 1)));
    }

    /** A proxy to {@code server} that drops a datagram with odds {@code loss} and sends one twice with odds {@code duplication}. */
    static LossyUdpProxy start(InetSocketAddress server, double loss, double duplication, long seed) throws IOException {
        return new LossyUdpProxy(server, loss, duplication, seed);
    }

    /** Where the client sends its request and every packet after it. */
    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) front.getLocalAddress();
    }

    /** Datagrams dropped so far, both ways. */
    int dropped() {
        return dropped.get();
    }

    /** Datagrams sent twice so far, both ways. */
    int duplicated() {
        return duplicated.get();
    }

    private void forward(DatagramChannel from, boolean fromClient, Faults faults) {
        ByteBuffer buffer = ByteBuffer.allocate(65536);
        Set<SocketAddress> serverPorts = new HashSet<>();
        try {
            for (int n = 0; n < MAX_DATAGRAMS; n++) {
                buffer.clear();
                SocketAddress sender = from.receive(buffer);
                buffer.flip();
                if (fromClient) {
                    client = sender;
                } else if (serverPorts.add(sender)) {
                    target = sender;
                }
                int copies = n == 0 ? 1 : faults.copies();
                (copies == 0 ? dropped : duplicated).addAndGet(copies == 1 ? 0 : 1);
                for (int i = 0; i < copies; i++) {
                    if (fromClient) {
                        back.send(buffer.duplicate(), target);
                    } else {
                        front.send(buffer.duplicate(), client);
                    }
                }
            }
        } catch (IOException e) {
            // closed: the test is over
        }
    }

    @Override
    public void close() throws IOException {
        front.close();
        back.close();
        try {
            toServer.join();
            toClient.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many copies of each datagram go on: 0 (lost), 1, or 2 (duplicated). */
    private static final class Faults {
        private final double loss;
        private final double duplication;
        private final Random random;

        Faults(double loss, double duplication, long seed) {
            this.loss = loss;
            this.duplication = duplication;
            this.random = new Random(seed);
        }

        int copies() {
            double r = random.nextDouble();
            return r < loss ? 0 : r < loss + duplication ? 2 : 1;
        }
    }
}
