package dev.socklab.services.arena;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

import dev.socklab.service.Datagram;
import dev.socklab.service.DatagramPeer;

/** An arena client over UDP: replies go back as the datagram's replies, later sends through its peer. */
final class UdpLink implements ArenaLink {
    private final Datagram datagram;
    private final DatagramPeer peer;

    UdpLink(Datagram datagram) {
        this.datagram = datagram;
        this.peer = datagram.peer();
    }

    @Override
    public SocketAddress address() {
        return datagram.sender();
    }

    @Override
    public String transport() {
        return "udp";
    }

    @Override
    public void reply(ByteBuffer packet) throws IOException {
        datagram.reply(packet);
    }

    @Override
    public void send(ByteBuffer packet) throws IOException {
        peer.send(packet);
    }
}
