package dev.socklab.services.arena;

import static org.assertj.core.api.Assertions.fail;

import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.socklab.arena.Buttons;
import dev.socklab.arena.EntityState;
import dev.socklab.arena.MalformedPacketException;
import dev.socklab.arena.Packet;
import dev.socklab.arena.PacketCodec;
import dev.socklab.arena.Physics;
import dev.socklab.arena.View;

/**
 * A UDP player a test runs, made from core's {@link PacketCodec} alone: the handshake, then at the
 * tick rate an input that steers it round a circle, sent with every input not yet acknowledged, as a
 * real client sends them. It predicts its own position with {@link Physics#move} and reconciles it
 * with each snapshot, and keeps the newest view for the test to look at.
 */
final class CircleBot implements Closeable {
    private static final int RADIUS = 128;
    /** Units the point it chases moves a tick: less than a step, so that the bot keeps up. */
    private static final double PACE = 3.5;
    private static final int[] STEPS = {0, Buttons.UP, Buttons.DOWN, Buttons.LEFT, Buttons.RIGHT,
        Buttons.UP | Buttons.LEFT, Buttons.UP | Buttons.RIGHT, Buttons.DOWN | Buttons.LEFT, Buttons.DOWN | Buttons.RIGHT};

    private final DatagramSocket socket;
    private final Packet.Welcome welcome;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final Thread receiver;
    private final int centreX;
    private final int centreY;
    // The rest is guarded by this: the ticker and the receiver share it.
    private final Map<Long, View> views = new HashMap<>();
    private final List<long[]> pending = new ArrayList<>();
    private View view = View.EMPTY;
    private long newest;
    private long packetSeq;
    private long inputSeq;
    private EntityState predicted;
    private double angle;
    /** How far the bot was from the point it chases, after its last step. */
    private double behind = Double.MAX_VALUE;

    private CircleBot(DatagramSocket socket, Packet.Welcome welcome, int centreX, int centreY) {
        this.socket = socket;
        this.welcome = welcome;
        this.centreX = centreX;
        this.centreY = centreY;
        this.receiver = Thread.ofPlatform().name("circle bot " + welcome.player()).start(this::listen);
        long period = 1_000_000 / welcome.tickRate();
        ticker.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MICROSECONDS);
    }

    /**
     * Joins the arena at {@code server} as {@code nickname}, and starts going round the circle around ({@code centreX},
     * {@code centreY}), which must lie {@value #RADIUS} units inside the arena, once it has walked there.
     */
    static CircleBot join(InetSocketAddress server, String nickname, int centreX, int centreY) throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(server.getAddress(), 0));
        socket.connect(server);
        socket.setSoTimeout((int) BridgeClient.WAIT.toMillis());
        long nonce = ThreadLocalRandom.current().nextLong();
        send(socket, new Packet.Connect(nonce));
        if (!(receive(socket) instanceof Packet.Challenge challenge)) {
            socket.close();
            return fail("no CHALLENGE came");
        }
        send(socket, new Packet.Join(nonce, challenge.timestamp(), challenge.cookie(), nickname));
        if (!(receive(socket) instanceof Packet.Welcome welcome)) {
            socket.close();
            return fail("no WELCOME came");
        }
        socket.setSoTimeout(100);
        return new CircleBot(socket, welcome, centreX, centreY);
    }

    int id() {
        return welcome.player();
    }

    /** Whether the bot has reached its circle, and goes round it. */
    synchronized boolean circling() {
        return behind < 2 * Physics.SPEED;
    }

    /** The newest view the server sent. */
    synchronized View view() {
        return view;
    }

    private synchronized void tick() {
        int buttons = predicted == null ? 0 : steer();
        pending.add(new long[] {++inputSeq, buttons});
        if (pending.size() > PacketCodec.MAX_INPUTS_PER_PACKET) {
            pending.removeFirst();
        }
        if (predicted != null) {
            predicted = Physics.move(predicted, buttons, welcome.width(), welcome.height());
        }
        byte[] inputs = new byte[pending.size()];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = (byte) pending.get(i)[1];
        }
        try {
            send(socket, new Packet.Input(welcome.session(), ++packetSeq, newest, pending.getFirst()[0], inputs));
        } catch (IOException e) {
            // Closing: the next tick does not come.
        }
    }

    /** The step that takes the bot nearest to the point it chases round the circle, which then moves on. */
    private int steer() {
        angle += PACE / RADIUS;
        double tx = centreX + RADIUS * Math.cos(angle);
        double ty = centreY + RADIUS * Math.sin(angle);
        int best = 0;
        double nearest = Double.MAX_VALUE;
        for (int step : STEPS) {
            EntityState next = Physics.move(predicted, step, welcome.width(), welcome.height());
            double distance = Math.hypot(next.x() - tx, next.y() - ty);
            if (distance < nearest) {
                nearest = distance;
                best = step;
            }
        }
        behind = nearest;
        return best;
    }

    private void listen() {
        while (!socket.isClosed()) {
            try {
                if (receive(socket) instanceof Packet.Snapshot snapshot) {
                    snapshot(snapshot);
                }
            } catch (SocketTimeoutException e) {
                // Nothing yet: look again, unless closed.
            } catch (SocketException e) {
                return;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private synchronized void snapshot(Packet.Snapshot snapshot) {
        View baseline = snapshot.baseline() == 0 ? View.EMPTY : views.get(snapshot.baseline());
        if (snapshot.session() != welcome.session() || snapshot.seq() <= newest || baseline == null) {
            return;
        }
        try {
            view = baseline.apply(snapshot.entities());
        } catch (MalformedPacketException e) {
            throw new IllegalStateException("a snapshot that does not fit its baseline", e);
        }
        views.put(snapshot.seq(), view);
        views.remove(snapshot.seq() - 32);
        newest = snapshot.seq();
        pending.removeIf(input -> input[0] <= snapshot.ackInput());
        view.find(welcome.player()).ifPresent(own -> {
            predicted = own;
            for (long[] input : pending) {
                predicted = Physics.move(predicted, (int) input[1], welcome.width(), welcome.height());
            }
        });
    }

    private static void send(DatagramSocket socket, Packet packet) throws IOException {
        ByteBuffer bytes = PacketCodec.encode(packet);
        socket.send(new DatagramPacket(bytes.array(), bytes.position(), bytes.remaining()));
    }

    private static Packet receive(DatagramSocket socket) throws IOException {
        byte[] buffer = new byte[PacketCodec.MAX_PACKET];
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        socket.receive(datagram);
        try {
            return PacketCodec.decode(ByteBuffer.wrap(buffer, 0, datagram.getLength()));
        } catch (MalformedPacketException e) {
            throw new IOException("a malformed packet from the server: " + e.getMessage(), e);
        }
    }

    /** Says LEAVE, and stops. */
    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
            send(socket, new Packet.Leave(welcome.session(), PacketCodec.LEAVE_QUIT));
        } catch (IOException e) {
            // The server is gone already: nothing to leave.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socket.close();
        try {
            receiver.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
