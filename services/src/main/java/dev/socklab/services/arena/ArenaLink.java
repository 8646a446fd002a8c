package dev.socklab.services.arena;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

import dev.socklab.netem.PacketSink;

/**
 * Where an arena packet came from and the way back: a UDP datagram's sender, or a browser's
 * WebSocket. It is the sink the network conditions send through, without a lambda a packet.
 */
public interface ArenaLink extends PacketSink {
    /** The client's address: what the cookie is made over, and half of what names a session. */
    SocketAddress address();

    /** "udp" or "ws", for log lines. */
    String transport();

    /** Answers the packet being received (the handshake's CHALLENGE, WELCOME, REFUSED): over UDP a Datagram.reply, held to the UDP limits. */
    void reply(ByteBuffer packet) throws IOException;

    /** Sends later, from the tick thread (snapshots, warnings, LEAVE): over UDP the DatagramPeer. Only after the cookie came back. */
    @Override
    void send(ByteBuffer packet) throws IOException;
}
