package dev.socklab.services.arena;

import java.io.IOException;
import java.util.List;

import dev.socklab.arena.PacketCodec;
import dev.socklab.service.Datagram;
import dev.socklab.service.DatagramService;
import dev.socklab.service.Gauge;
import dev.socklab.service.Gauges;

/**
 * The arena over UDP, a packet a datagram (docs/services.md draws them): each datagram goes to the
 * one shared {@link Arena}, which answers the handshake with replies and sends snapshots through
 * the sender's peer once its cookie came back. A reply is at most half its request, so the service
 * amplifies nothing; sessions log their own lines, not each datagram.
 */
public final class ArenaService implements DatagramService, Gauges {
    /** The smallest JOIN: a one-byte nickname. */
    static final int MIN_JOIN = PacketCodec.HEADER_SIZE + 8 + 4 + PacketCodec.COOKIE_SIZE + 2;
    /** The largest JOIN: a nickname of 16 bytes. */
    static final int MAX_JOIN = MIN_JOIN + PacketCodec.MAX_NAME_BYTES - 1;
    /** The answer to a JOIN: a WELCOME, or a REFUSED with a text short enough to be no longer (10 bytes). */
    static final int JOIN_ANSWER = PacketCodec.HEADER_SIZE + 12;

    private final Arena arena;

    public ArenaService(Arena arena) {
        this.arena = arena;
    }

    /** Players over UDP and in browsers (through the http service) alike: the arena is one. */
    @Override
    public List<Gauge> gauges() {
        return List.of(new Gauge("arena_players", "Arena players now, over UDP and in browsers.",
                () -> arena.counters().players()));
    }

    @Override
    public void serve(Datagram datagram) throws IOException {
        arena.receive(datagram.payload(), new UdpLink(datagram), datagram.log());
    }

    /** A CHALLENGE (32 bytes) for a CONNECT (64), a WELCOME or a REFUSED (16) for a JOIN (34 to 49), and nothing else: half the request at most. */
    @Override
    public int maxReplyBytes(int requestBytes) {
        if (requestBytes == PacketCodec.CONNECT_SIZE) {
            return PacketCodec.CHALLENGE_SIZE;
        }
        return requestBytes >= MIN_JOIN && requestBytes <= MAX_JOIN ? JOIN_ANSWER : 0;
    }

    /** Players learn at once that the server stops (LEAVE 3), while the socket is still open. */
    @Override
    public void serverStopping() {
        arena.stopping();
    }

    /** Inputs come 30 a second from each player: the arena logs each player's session instead. */
    @Override
    public boolean logsEachDatagram() {
        return false;
    }

    /**
     * 4 MiB: 500 players send 15,000 inputs a second, and the system's default (some 200 KiB, a few
     * hundred datagrams with the kernel's overhead) fills in a tick's pause.
     */
    @Override
    public int receiveBufferBytes() {
        return 4 << 20;
    }
}
