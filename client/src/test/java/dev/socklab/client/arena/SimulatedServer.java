package dev.socklab.client.arena;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import dev.socklab.arena.EntityState;
import dev.socklab.arena.MalformedPacketException;
import dev.socklab.arena.Packet;
import dev.socklab.arena.PacketCodec;
import dev.socklab.arena.Simulation;
import dev.socklab.arena.View;

/**
 * The server's side of one player's session, in memory, as docs/services.md specifies it: the
 * core's {@link Simulation}, the inputs of each INPUT applied once and in order at the next tick,
 * and snapshots encoded against the one the client acknowledged. Every packet either way goes
 * through {@link PacketCodec}, as on the wire. Enough to check the client's logic; the real
 * server's own tests check the server.
 */
final class SimulatedServer {
    static final int WIDTH = 2048;
    static final int HEIGHT = 1024;
    static final int SESSION = 0x5eed;

    final Simulation simulation = new Simulation(WIDTH, HEIGHT, new SplittableRandom(18));
    private final Map<Long, View> sent = new HashMap<>();
    private final int player;
    private long lastApplied;
    private long acknowledged;
    private long seq;
    private byte[] due = new byte[0];
    private long dueFirst;

    SimulatedServer(String name) {
        this.player = simulation.join(name).id();
    }

    Packet.Welcome welcome() {
        return new Packet.Welcome(SESSION, player, 30, 20, WIDTH, HEIGHT);
    }

    /** A player of the server's own, who stands where the seeded source puts it. */
    int addPlayer(String name) {
        return simulation.join(name).id();
    }

    EntityState self() {
        return simulation.player(player).orElseThrow();
    }

    long lastApplied() {
        return lastApplied;
    }

    /** Takes an INPUT; its new inputs are applied at the next tick. */
    void receive(Packet.Input input) {
        Packet.Input decoded = (Packet.Input) wire(input);
        acknowledged = Math.max(acknowledged, decoded.ackSnapshot());
        if (decoded.lastInput() > lastApplied + due.length) {
            due = decoded.buttons();
            dueFirst = decoded.firstInput();
        }
    }

    /** One tick: the inputs not yet applied, in order, then the end of the tick. */
    void tick() {
        for (int i = 0; i < due.length; i++) {
            long number = dueFirst + i;
            if (number > lastApplied) {
                simulation.input(player, due[i]);
                lastApplied = number;
            }
        }
        due = new byte[0];
        simulation.advance();
    }

    /** The next snapshot for the player, held {@code holdMillis} since its last input arrived. */
    Packet.Snapshot snapshot(int holdMillis) {
        View view = new View(simulation.players());
        View baseline = sent.getOrDefault(acknowledged, View.EMPTY);
        long baselineSeq = sent.containsKey(acknowledged) ? acknowledged : 0;
        sent.put(++seq, view);
        return (Packet.Snapshot) wire(new Packet.Snapshot(SESSION, seq, baselineSeq, simulation.tick(), lastApplied,
                holdMillis, 100, simulation.size(), view.deltaFrom(baseline)));
    }

    /** {@code packet} as it comes off the wire. */
    static Packet wire(Packet packet) {
        ByteBuffer bytes = PacketCodec.encode(packet);
        try {
            return PacketCodec.decode(bytes);
        } catch (MalformedPacketException e) {
            throw new AssertionError("a packet the codec wrote does not decode: " + e.getMessage(), e);
        }
    }
}
