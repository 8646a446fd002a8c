package dev.socklab.services.arena;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import dev.socklab.arena.MalformedPacketException;
import dev.socklab.arena.Packet;
import dev.socklab.arena.PacketCodec;

/** A client's link in memory: it keeps every packet the arena replies and sends, as bytes, in order. */
final class TestLink implements ArenaLink {
    private final SocketAddress address;
    private final List<byte[]> replies = new ArrayList<>();
    private final List<byte[]> sent = new ArrayList<>();

    TestLink(int port) {
        this(new InetSocketAddress("127.0.0.1", port));
    }

    TestLink(SocketAddress address) {
        this.address = address;
    }

    @Override
    public SocketAddress address() {
        return address;
    }

    @Override
    public String transport() {
        return "udp";
    }

    @Override
    public synchronized void reply(ByteBuffer packet) {
        replies.add(bytes(packet));
    }

    @Override
    public synchronized void send(ByteBuffer packet) {
        sent.add(bytes(packet));
    }

    /** Every reply so far, as bytes. */
    synchronized List<byte[]> replies() {
        return List.copyOf(replies);
    }

    /** Every packet sent so far (snapshots, warnings, LEAVE), as bytes. */
    synchronized List<byte[]> sent() {
        return List.copyOf(sent);
    }

    /** The last reply, decoded. */
    synchronized Packet lastReply() {
        return decode(replies.getLast());
    }

    /** Every packet sent so far, decoded. */
    synchronized List<Packet> sentPackets() {
        return sent.stream().map(TestLink::decode).toList();
    }

    static Packet decode(byte[] bytes) {
        try {
            return PacketCodec.decode(ByteBuffer.wrap(bytes));
        } catch (MalformedPacketException e) {
            throw new AssertionError("the arena sent a malformed packet: " + e.getMessage());
        }
    }

    private static byte[] bytes(ByteBuffer packet) {
        byte[] bytes = new byte[packet.remaining()];
        packet.get(bytes);
        return bytes;
    }
}
