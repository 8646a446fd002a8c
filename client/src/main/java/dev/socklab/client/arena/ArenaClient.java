package dev.socklab.client.arena;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.random.RandomGenerator;

import dev.socklab.arena.Buttons;
import dev.socklab.arena.MalformedPacketException;
import dev.socklab.arena.Packet;
import dev.socklab.arena.PacketCodec;
import dev.socklab.net.Family;
import dev.socklab.net.Host;
import dev.socklab.netem.ImpairedLink;
import dev.socklab.netem.NetworkConditions;
import dev.socklab.text.Durations;
import dev.socklab.trace.Tracer;

/**
 * A player in a socklab arena (docs/services.md, "arena"): a UDP socket connected to the server,
 * the handshake, then a tick at the WELCOME's rate that sends the keys and a receiver that takes
 * the snapshots, with no terminal in it. What the client knows and shows is a {@link ClientWorld};
 * {@link #frame()} is the picture to draw, and {@link #switches(Switches)} turns prediction,
 * reconciliation and interpolation on and off while playing.
 *
 * <p>A session goes through three states:
 * <ol>
 * <li><b>joining</b>, in {@link #join}: CONNECT, CHALLENGE, JOIN, WELCOME, each step sent again
 *     after a second without an answer ({@link Handshake});</li>
 * <li><b>playing</b>: the tick thread samples the keys and sends an INPUT every tick; the
 *     receiver thread applies each snapshot and keeps the server's newest warning;</li>
 * <li><b>ended</b>, as the {@link Ending} says: this side closed (and sent LEAVE), the server sent
 *     LEAVE, the socket failed, or the server fell silent for {@link #SILENCE}.</li>
 * </ol>
 *
 * <p>Everything this side sends goes through an {@link ImpairedLink} with the client's own
 * {@link NetworkConditions}, so that lag and loss can be set on either side; the LEAVE at close
 * alone goes straight out, since the link drops what it holds when it closes.
 */
public final class ArenaClient implements AutoCloseable {
    /** How long the server may send nothing before the client gives up: its own timeout for a silent player. */
    static final Duration SILENCE = Duration.ofSeconds(10);
    /** How long {@link #close()} waits for the client's threads, which stop at once. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    /**
     * How a player joins.
     *
     * @param nickname the name the others see, 1 to 16 bytes of UTF-8
     * @param conditions what the network does to what this side sends
     * @param switches the switches at the start
     */
    public record Settings(String nickname, NetworkConditions conditions, Switches switches) {
        /** @throws IllegalArgumentException if the nickname is empty or longer than 16 bytes */
        public Settings {
            int bytes = nickname.getBytes(StandardCharsets.UTF_8).length;
            if (bytes < 1 || bytes > PacketCodec.MAX_NAME_BYTES) {
                throw new IllegalArgumentException("a nickname is 1 to " + PacketCodec.MAX_NAME_BYTES
                        + " bytes of UTF-8, not " + bytes + ": '" + nickname + "'");
            }
            Objects.requireNonNull(conditions, "conditions");
            Objects.requireNonNull(switches, "switches");
        }
    }

    /** How a session ended, and the failure a command line reports for it. */
    public sealed interface Ending {
        /** What went wrong, for a command line to report; empty for {@link Left}. */
        Optional<IOException> failure();

        /** This side closed, and said so with LEAVE. */
        record Left() implements Ending {
            @Override
            public Optional<IOException> failure() {
                return Optional.empty();
            }
        }

        /**
         * The server ended the session with LEAVE.
         *
         * @param reason {@link PacketCodec#LEAVE_TIMEOUT} and the others
         */
        record Dropped(int reason) implements Ending {
            @Override
            public Optional<IOException> failure() {
                String why = switch (reason) {
                    case PacketCodec.LEAVE_TIMEOUT -> "it heard nothing from this player for too long";
                    case PacketCodec.LEAVE_KICKED -> "this player broke the rules after a warning";
                    case PacketCodec.LEAVE_STOPPING -> "the server is stopping";
                    default -> "reason " + reason;
                };
                return Optional.of(new IOException("the server ended the game: " + why));
            }
        }

        /**
         * The socket failed, or the server fell silent.
         *
         * @param cause what failed: a {@link SocketTimeoutException} for silence
         */
        record Failed(IOException cause) implements Ending {
            @Override
            public Optional<IOException> failure() {
                return Optional.of(cause);
            }
        }
    }

    private final ArenaSocket socket;
    private final ImpairedLink link;
    private final ClientWorld world;
    private final IntSupplier keys;
    private final CompletableFuture<Ending> ending = new CompletableFuture<>();
    private final ScheduledExecutorService ticker;
    private final Thread receiver;
    /** The time between ticks. */
    private final long period;
    /** When the last tick ran; the tick thread's alone. */
    private long lastTick;
    /** When the server was last heard from, as {@link System#nanoTime()} counts. */
    private volatile long lastHeard;

    private ArenaClient(ArenaSocket socket, ImpairedLink link, Packet.Welcome welcome, Switches switches,
                        IntSupplier keys) {
        this.socket = socket;
        this.link = link;
        this.world = new ClientWorld(welcome, switches);
        this.keys = keys;
        this.lastHeard = System.nanoTime();
        this.period = Duration.ofSeconds(1).toNanos() / welcome.tickRate();
        this.lastTick = System.nanoTime() - period;
        // Platform threads: the receiver blocks in a socket read, the ticker's waits must keep their rate.
        this.ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("arena-tick")
                .factory());
        this.receiver = Thread.ofPlatform().daemon().name("arena-receiver").unstarted(this::receive);
    }

    /**
     * Joins the arena at {@code port} on {@code host} (its first address of {@code family}) and
     * starts playing: from now on, every tick sends what {@code keys} gives, a {@code Buttons} byte.
     *
     * @param keys sampled once a tick, in the tick thread; bits outside {@link Buttons#VALID} are
     *     not sent
     * @param tracer where the socket calls are traced, one line per datagram
     * @return the client, playing
     * @throws dev.socklab.net.AddressException if the host does not resolve
     * @throws dev.socklab.client.ServerRefusedException if the server refuses the player: full, a
     *     bad nickname, stopping
     * @throws SocketTimeoutException if the server does not answer the handshake
     * @throws PortUnreachableException if nothing listens at the port
     * @throws IOException if the socket fails
     */
    public static ArenaClient join(Host host, int port, Family family, Settings settings, IntSupplier keys,
                                   Tracer tracer) throws IOException {
        RandomGenerator random = RandomGenerator.getDefault();
        InetSocketAddress server = new InetSocketAddress(host.resolve(family).getFirst(), port);
        ArenaSocket socket = ArenaSocket.open(server, tracer);
        ImpairedLink link = new ImpairedLink(settings.conditions(), random, "arena client");
        boolean joined = false;
        try {
            Handshake handshake = new Handshake(new HandshakeWire(socket, link), System::nanoTime, socket.server());
            Packet.Welcome welcome = handshake.join(random.nextLong(), settings.nickname());
            ArenaClient client = new ArenaClient(socket, link, welcome, settings.switches(), keys);
            client.start();
            joined = true;
            return client;
        } finally {
            if (!joined) {
                link.close();
                socket.close();
            }
        }
    }

    private void start() {
        receiver.start();
        ticker.scheduleAtFixedRate(this::tick, 0, period, TimeUnit.NANOSECONDS);
    }

    /** The server's WELCOME: the session, this player's id, the rates and the arena's size. */
    public Packet.Welcome welcome() {
        return world.welcome();
    }

    /** What to draw now. */
    public ArenaFrame frame() {
        return world.frame(System.nanoTime());
    }

    /** The switches in force. */
    public Switches switches() {
        return world.switches();
    }

    /** Sets the switches, from the next tick and snapshot on. */
    public void switches(Switches changed) {
        world.switches(Objects.requireNonNull(changed, "changed"));
    }

    /**
     * How the session ended, once it has. Never completed exceptionally; completing the future
     * returned changes nothing.
     */
    public CompletableFuture<Ending> ending() {
        return ending.copy();
    }

    /**
     * Leaves: sends LEAVE (quit) if the session still runs, stops the threads and closes the
     * socket. Closing again does nothing.
     */
    @Override
    public void close() {
        boolean leaving = ending.complete(new Ending.Left());
        // Not shutdownNow(): an interrupt in the middle of a send would close the socket before the LEAVE.
        ticker.shutdown();
        try {
            // The LEAVE after the last INPUT, not before it: the server counts an INPUT for an ended session as bad.
            ticker.awaitTermination(STOP_WAIT.toNanos(), TimeUnit.NANOSECONDS);
            if (leaving) {
                socket.write(PacketCodec.encode(new Packet.Leave(world.welcome().session(), PacketCodec.LEAVE_QUIT)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The server is gone or unreachable: it will time the player out, which is all a LEAVE would do.
        } finally {
            link.close();
            closeChannel();
        }
        try {
            receiver.join(STOP_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeChannel() {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing is buffered to lose: a datagram socket's close cannot fail in a way that matters.
        }
    }

    private void tick() {
        long now = System.nanoTime();
        if (now - lastTick < period / 2) {
            // A tick run late to catch up after a stall (a pause, a loaded machine): a burst of inputs
            // would go faster than the server takes them, and earn a warning. One tick is lost instead.
            return;
        }
        lastTick = now;
        if (now - lastHeard > SILENCE.toNanos()) {
            end(new Ending.Failed(new SocketTimeoutException("the arena at " + socket.server() + " sent nothing for "
                    + Durations.format(SILENCE) + ": it has stopped, or the way back is lost")));
            return;
        }
        Packet.Input input = world.tick(keys.getAsInt() & Buttons.VALID, now);
        link.send(PacketCodec.encode(input), socket::write);
    }

    /** The receiver thread: each datagram decoded and applied, until the socket closes or fails. */
    private void receive() {
        ByteBuffer buffer = ByteBuffer.allocate(PacketCodec.MAX_PACKET + 1);
        while (!ending.isDone()) {
            try {
                socket.read(buffer);
            } catch (ClosedChannelException e) {
                return; // closed by this side: close() says how the session ended
            } catch (PortUnreachableException e) {
                end(new Ending.Failed(new PortUnreachableException("the arena at " + socket.server()
                        + " is gone: nothing listens there any more (the system refused a datagram)")));
                return;
            } catch (IOException e) {
                end(new Ending.Failed(new IOException("the arena's socket failed: " + e.getMessage(), e)));
                return;
            }
            lastHeard = System.nanoTime();
            try {
                handle(PacketCodec.decode(buffer));
            } catch (MalformedPacketException e) {
                // Not an arena packet: dropped, as the server drops one.
            }
        }
    }

    private void handle(Packet packet) {
        int session = world.welcome().session();
        switch (packet) {
            case Packet.Snapshot snapshot -> world.snapshot(snapshot, System.nanoTime());
            case Packet.Warning warning when warning.session() == session -> world.warning(warning.text().isEmpty()
                    ? "warning " + warning.reason() : warning.text());
            case Packet.Leave leave when leave.session() == session -> end(new Ending.Dropped(leave.reason()));
            default -> {
                // A repeated handshake answer, or another session's: nothing for this player.
            }
        }
    }

    private void end(Ending end) {
        if (ending.complete(end)) {
            ticker.shutdown();
        }
    }

    /** The handshake's packets over the client's socket: sent through the link, received with a deadline. */
    private record HandshakeWire(ArenaSocket socket, ImpairedLink link) implements Handshake.Wire {
        @Override
        public void send(Packet packet) {
            link.send(PacketCodec.encode(packet), socket::write);
        }

        @Override
        public Optional<Packet> receive(long deadlineNanos) throws IOException {
            while (true) {
                long left = deadlineNanos - System.nanoTime();
                ByteBuffer bytes = left > 0 ? socket.read(left) : null;
                if (bytes == null) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(PacketCodec.decode(bytes));
                } catch (MalformedPacketException e) {
                    // Not an arena packet: wait on for one.
                }
            }
        }
    }
}
