package dev.socklab.services.arena;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import dev.socklab.arena.MalformedPacketException;
import dev.socklab.arena.Packet;
import dev.socklab.arena.PacketCodec;

/** An arena client as small as a test needs: a UDP socket on loopback that sends and receives packets, raw or decoded. */
final class UdpTestClient implements AutoCloseable {
    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final byte[] buffer = new byte[2048];

    UdpTestClient(InetSocketAddress server) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        this.server = server;
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    void send(Packet packet) throws IOException {
        send(PacketCodec.encode(packet));
    }

    void send(ByteBuffer bytes) throws IOException {
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);
        send(raw);
    }

    void send(byte[] raw) throws IOException {
        socket.send(new DatagramPacket(raw, raw.length, server));
    }

    /** The next datagram's bytes, waiting up to {@code wait}; empty if none came. */
    Optional<byte[]> receiveRaw(Duration wait) throws IOException {
        socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
        return Optional.of(Arrays.copyOf(packet.getData(), packet.getLength()));
    }

    /** The next packet, waiting up to {@code wait}; empty if none came. */
    Optional<Packet> receive(Duration wait) throws IOException {
        Optional<byte[]> raw = receiveRaw(wait);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(PacketCodec.decode(ByteBuffer.wrap(raw.get())));
        } catch (MalformedPacketException e) {
            throw new AssertionError("the server sent a malformed packet: " + e.getMessage());
        }
    }

    /** The next packet of {@code type}, skipping others, within {@code wait}. */
    <T extends Packet> T expect(Class<T> type, Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no " + type.getSimpleName() + " within " + wait.toMillis() + " ms");
            }
            Optional<Packet> packet = receive(Duration.ofNanos(left));
            if (packet.isPresent() && type.isInstance(packet.get())) {
                return type.cast(packet.get());
            }
        }
    }

    /** CONNECT, then the CHALLENGE's cookie back in a JOIN as {@code name}: the server's answer to the JOIN. */
    Packet join(String name, long nonce, Duration wait) throws IOException {
        send(new Packet.Connect(nonce));
        Packet.Challenge challenge = expect(Packet.Challenge.class, wait);
        send(new Packet.Join(nonce, challenge.timestamp(), challenge.cookie(), name));
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Packet packet = receive(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))
                    .orElseThrow(() -> new AssertionError("no answer to a JOIN within " + wait.toMillis() + " ms"));
            if (packet instanceof Packet.Welcome || packet instanceof Packet.Refused) {
                return packet;
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
