package dev.socklab.services.arena;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import dev.socklab.arena.Buttons;
import dev.socklab.arena.MalformedPacketException;
import dev.socklab.arena.Packet;
import dev.socklab.arena.PacketCodec;
import dev.socklab.arena.View;
import dev.socklab.netem.ImpairedLink;
import dev.socklab.netem.NetworkConditions;

/**
 * A test player over UDP that behaves as the protocol asks a client to: at each tick it sends an
 * INPUT with every input no snapshot has acknowledged (8 at most), and its newest snapshot; it
 * rebuilds each snapshot from its baseline and keeps the last 32 views. Its own sends go through an
 * {@link ImpairedLink}. It records every view it rebuilt, with the tick it is of, for the test to
 * check against the server's states.
 */
final class Bot implements AutoCloseable {
    /** One rebuilt snapshot: the server's tick and the view. */
    record Seen(long tick, View view) {
    }

    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final ImpairedLink link;
    private final SplittableRandom keys;
    private final Map<Long, View> views = new HashMap<>();
    private final List<Seen> seen = new ArrayList<>();
    private final byte[] inputs = new byte[1 << 16];
    private Packet.Welcome welcome;
    private long newestSnapshot;
    private long newestInput;
    private long ackedInput;
    private long packets;
    private int deltas;

    Bot(InetSocketAddress server, NetworkConditions conditions, long seed) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        this.server = server;
        this.link = new ImpairedLink(conditions, new SplittableRandom(seed), "bot " + seed);
        this.keys = new SplittableRandom(seed);
    }

    /** Joins as {@code name}, over a perfect network (the handshake's own loss is not what is tested), retrying. */
    void join(String name, Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            long nonce = keys.nextLong();
            sendNow(new Packet.Connect(nonce));
            if (receive(Duration.ofMillis(200)) instanceof Packet.Challenge c) {
                sendNow(new Packet.Join(nonce, c.timestamp(), c.cookie(), name));
                if (receive(Duration.ofMillis(200)) instanceof Packet.Welcome w) {
                    welcome = w;
                    return;
                }
            }
        }
        throw new AssertionError(name + " could not join within " + wait.toMillis() + " ms");
    }

    /**
     * Plays for {@code ticks} ticks at the server's tick rate: a new input each tick while
     * {@code pressing}, else only its acknowledgements (its last input again, which the server ignores).
     */
    void play(int ticks, boolean pressing) throws IOException {
        long period = TimeUnit.SECONDS.toNanos(1) / welcome.tickRate();
        long next = System.nanoTime();
        for (int t = 0; t < ticks; t++) {
            if (pressing) {
                inputs[(int) ++newestInput] = (byte) keys.nextInt(Buttons.VALID + 1);
            }
            sendInput();
            next += period;
            for (long left = next - System.nanoTime(); left > 0; left = next - System.nanoTime()) {
                if (receive(Duration.ofNanos(left)) instanceof Packet.Snapshot snapshot) {
                    take(snapshot);
                }
            }
        }
    }

    private void sendInput() {
        if (newestInput == 0) {
            return;
        }
        long first = Math.max(Math.max(ackedInput + 1, newestInput - PacketCodec.MAX_INPUTS_PER_PACKET + 1), 1);
        if (first > newestInput) {
            first = newestInput;
        }
        Packet.Input input = new Packet.Input(welcome.session(), ++packets, newestSnapshot, first,
                Arrays.copyOfRange(inputs, (int) first, (int) newestInput + 1));
        link.send(PacketCodec.encode(input), this::sendRaw);
    }

    /** Rebuilds {@code snapshot} as the protocol says: only a newer one, only from a baseline kept. */
    private void take(Packet.Snapshot snapshot) {
        if (snapshot.session() != welcome.session() || snapshot.seq() <= newestSnapshot) {
            return;
        }
        View baseline = snapshot.baseline() == 0 ? View.EMPTY : views.get(snapshot.baseline());
        if (baseline == null) {
            return;
        }
        View view;
        try {
            view = baseline.apply(snapshot.entities());
        } catch (MalformedPacketException e) {
            throw new AssertionError("snapshot " + snapshot.seq() + " does not fit its baseline: " + e.getMessage());
        }
        if (snapshot.baseline() != 0) {
            deltas++;
        }
        views.put(snapshot.seq(), view);
        views.remove(snapshot.seq() - 32);
        newestSnapshot = snapshot.seq();
        ackedInput = Math.max(ackedInput, snapshot.ackInput());
        seen.add(new Seen(snapshot.tick(), view));
    }

    /** Every view rebuilt, in order. */
    List<Seen> seen() {
        return seen;
    }

    /** The newest view, or null before any. */
    Seen newest() {
        return seen.isEmpty() ? null : seen.getLast();
    }

    /** Snapshots rebuilt from a baseline other than nothing. */
    int deltas() {
        return deltas;
    }

    /** The link its sends go through, for its counters. */
    ImpairedLink link() {
        return link;
    }

    private void sendNow(Packet packet) throws IOException {
        sendRaw(PacketCodec.encode(packet));
    }

    private void sendRaw(ByteBuffer bytes) throws IOException {
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);
        socket.send(new DatagramPacket(raw, raw.length, server));
    }

    /** The next packet within {@code wait}, or null. */
    private Packet receive(Duration wait) throws IOException {
        socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
        byte[] buffer = new byte[PacketCodec.MAX_PACKET];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        try {
            return PacketCodec.decode(ByteBuffer.wrap(buffer, 0, packet.getLength()));
        } catch (MalformedPacketException e) {
            throw new AssertionError("the server sent a malformed packet: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        link.close();
        socket.close();
    }
}
