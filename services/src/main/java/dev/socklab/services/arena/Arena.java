package dev.socklab.services.arena;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.ObjLongConsumer;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.socklab.arena.EntityState;
import dev.socklab.arena.InputPacket;
import dev.socklab.arena.MalformedPacketException;
import dev.socklab.arena.Packet;
import dev.socklab.arena.PacketCodec;
import dev.socklab.arena.Simulation;
import dev.socklab.arena.SnapshotWriter;
import dev.socklab.arena.ViewBuffer;
import dev.socklab.netem.ImpairedLink;
import dev.socklab.services.Reloadable;
import dev.socklab.services.ServiceReload;
import dev.socklab.services.ServiceSettings;

/**
 * The authoritative arena server, apart from any socket: it takes each packet a client sends, with
 * the {@link ArenaLink} it came over, and sends snapshots from a tick thread of its own. One arena
 * serves UDP and WebSocket players alike.
 *
 * <p>A player's life, and what bounds each step:
 * <ul>
 *   <li><b>handshake</b>: a CONNECT earns a CHALLENGE with a {@link Cookies cookie} and leaves no
 *       state; a JOIN that brings a genuine cookie back within 10 s gets a WELCOME (the same one if
 *       repeated) or a REFUSED (full, a bad nickname, stopping). A forged cookie is dropped without
 *       a word; a genuine but stale one is REFUSED. Nothing is ever sent to an address that did not
 *       prove it receives there, beyond one reply smaller than what it sent.</li>
 *   <li><b>playing</b>: a session id names the player only together with its address. Its INPUTs
 *       pass a replay window and an {@link InputQueue} (8 waiting at most, at the tick rate with a
 *       burst of a second's inputs); each tick applies at most 2 of each player's inputs, players
 *       by id, then advances the {@link Simulation}; every snapshot tick sends each player its view
 *       (itself and its 31 nearest), as the difference from the view it acknowledged.</li>
 *   <li><b>leaving</b>: a LEAVE from the player, silence for the timeout (LEAVE 1), breaking the
 *       rules once too often ({@link Strikes}, LEAVE 2), the arena stopping (LEAVE 3), or its
 *       WebSocket closing.</li>
 * </ul>
 * A packet that breaks the protocol is dropped, counted by {@link DropReason}, and never answered.
 *
 * <p>Threads: {@link #receive} runs on the receiving thread (UDP) or a WebSocket's virtual thread,
 * and only queues; the simulation is driven by the tick thread alone, a platform thread started
 * when the first player joins and ended when the last leaves. The {@code world} lock guards the
 * simulation and the players; it is held briefly, never while sending.
 */
public final class Arena implements Reloadable {
    /** The arena's size, in units: 128 by 64 cells of 16. */
    static final int WIDTH = 2048;
    static final int HEIGHT = 1024;
    /** The most of one player's inputs a tick applies: a client a little ahead catches up, one far ahead waits. */
    static final int INPUTS_PER_TICK = 2;
    private static final Logger LOG = LoggerFactory.getLogger("socklab.service.arena");

    /** Its most players and its timeout change on a reload ({@link #reload}); its rates and conditions never do. */
    private volatile ArenaSettings settings;
    private final LongSupplier clock;
    private final boolean threaded;
    private final Cookies cookies = new Cookies();
    private final ImpairedLink outbound;
    private final ArenaCounters counters = new ArenaCounters();
    private final DropLog drops = new DropLog(LOG);
    private final AtomicLong sessions = new AtomicLong();

    private final Object world = new Object();
    /** Guarded by {@link #world}, as everything below up to the tick thread's fields. */
    private final Simulation simulation;
    private final RandomGenerator random;
    private final TreeMap<Integer, Player> byId = new TreeMap<>();
    private final Map<JoinKey, Player> byJoin = new HashMap<>();
    private Thread tickThread;
    /** Read without the lock by the tick loop and {@link #receive}; written under it. */
    private volatile boolean stopping;
    /** Written under {@link #world}; read without it by {@link #receive}. */
    private final Sessions bySession = new Sessions();

    /** The tick thread's own, reused from one tick (and one player) to the next. */
    private final NearestPlayers nearest = new NearestPlayers();
    private final ViewBuffer view = new ViewBuffer();
    private final SnapshotWriter snapshots = new SnapshotWriter();
    private final List<Player> present = new ArrayList<>();
    private final InputQueue.Taken taken = new InputQueue.Taken();
    private final ByteBuffer out = ByteBuffer.allocate(PacketCodec.MAX_PACKET);
    private long lastTickMicros;
    private volatile ObjLongConsumer<List<EntityState>> tickObserver = (states, tick) -> { };

    /** What names a JOIN: a repeat of one from the same address with the same nonce gets the same WELCOME. */
    private record JoinKey(SocketAddress address, long nonce) {
    }

    /** An arena on the real clock, with a random seed and its own tick thread. */
    public Arena(ArenaSettings settings) {
        this(settings, System::nanoTime, new SplittableRandom(), true);
    }

    /**
     * An arena for tests: on {@code nanoClock}, drawing spawn points, session ids and network fates
     * from {@code random}, with no thread: the test calls {@link #tick()} itself.
     */
    Arena(ArenaSettings settings, LongSupplier nanoClock, RandomGenerator random) {
        this(settings, nanoClock, random, false);
    }

    private Arena(ArenaSettings settings, LongSupplier clock, RandomGenerator random, boolean threaded) {
        this.settings = settings;
        this.clock = clock;
        this.threaded = threaded;
        this.random = random;
        this.simulation = new Simulation(WIDTH, HEIGHT, random);
        RandomGenerator fates = new SplittableRandom(random.nextLong());
        this.outbound = threaded ? new ImpairedLink(settings.conditions(), fates, "arena")
                : new ImpairedLink(settings.conditions(), fates, "arena", clock);
    }

    /** Its settings. */
    public ArenaSettings settings() {
        return settings;
    }

    /**
     * Takes the most players and the timeout anew: the next JOIN is held to the first (players already
     * in stay), the next tick drops whoever has been silent past the second. The tick and snapshot
     * rates and the network conditions stay as they were made: each player was told the rates in its
     * WELCOME and predicts by them, and the tick thread runs at its rate from its start.
     */
    @Override
    public ServiceReload reload(ServiceSettings fresh) {
        ArenaSettings before = settings;
        ArenaSettings asked = fresh.arenaSettings();
        ArenaSettings next = new ArenaSettings(before.tickRate(), before.snapshotRate(), asked.maxPlayers(),
                asked.timeout(), before.conditions());
        return new ServiceReload(ServiceReload.changes("arena", before, next,
                new ServiceReload.Setting<>("--arena-max-players", ArenaSettings::maxPlayers),
                new ServiceReload.Setting<>("--arena-timeout", ArenaSettings::timeout)),
                () -> settings = next);
    }

    /** Handles one packet from {@code from}: handshake, inputs, LEAVE. Never blocks for long; drops bad packets, counted. */
    public void receive(ByteBuffer packet, ArenaLink from, Logger log) {
        long now = clock.getAsLong();
        int size = packet.remaining();
        // The one packet every player sends every tick, read where it lies; any other, or a bad one, is decoded.
        if (InputPacket.isValid(packet)) {
            input(packet, from, size, now);
            return;
        }
        Packet decoded;
        try {
            decoded = PacketCodec.decode(packet);
        } catch (MalformedPacketException e) {
            drop(DropReason.MALFORMED, now);
            return;
        }
        try {
            switch (decoded) {
                case Packet.Connect connect -> challenge(connect, from, now);
                case Packet.Join join -> join(join, from, log, size, now);
                case Packet.Leave leave -> leave(leave, from, size, now);
                // A server's packet from a client: nothing the server acts on. (An INPUT gets here only in a buffer
                // not in network byte order, which no transport hands over.)
                default -> drop(DropReason.MALFORMED, now);
            }
        } catch (IOException e) {
            // The client went (a WebSocket closed) or the socket did: the handshake starts again, or nobody waits.
            log.debug("arena: a reply to {} failed: {}", from.address(), e.getMessage());
        }
    }

    private void challenge(Packet.Connect connect, ArenaLink from, long now) throws IOException {
        long timestamp = seconds(now);
        byte[] cookie = cookies.make(from.address(), connect.nonce(), timestamp);
        from.reply(PacketCodec.encode(new Packet.Challenge(connect.nonce(), timestamp, cookie)));
    }

    private void join(Packet.Join join, ArenaLink from, Logger log, int size, long now) throws IOException {
        if (!cookies.isGenuine(join.cookie(), from.address(), join.nonce(), join.timestamp())) {
            drop(DropReason.BAD_COOKIE, now);
            return;
        }
        if (!Cookies.isFresh(join.timestamp(), seconds(now))) {
            // Genuine, so this address did receive it: an answer of half the JOIN's size amplifies nothing.
            drop(DropReason.BAD_COOKIE, now);
            from.reply(PacketCodec.encode(new Packet.Refused(PacketCodec.REFUSED_BAD_COOKIE, "old cookie")));
            return;
        }
        Player player;
        Player again;
        int players;
        Packet.Refused refusal;
        synchronized (world) {
            // A repeated JOIN: its WELCOME was lost, and it gets the same one again.
            again = byJoin.get(new JoinKey(from.address(), join.nonce()));
            refusal = again == null ? refusal(join) : null;
            player = again == null && refusal == null ? admit(join, from, log, now) : null;
            players = byId.size();
        }
        if (refusal != null) {
            from.reply(PacketCodec.encode(refusal));
            return;
        }
        Player welcomed = again != null ? again : player;
        welcomed.received(size, now);
        from.reply(ByteBuffer.wrap(welcomed.welcome));
        welcomed.sent(welcomed.welcome.length);
        if (player != null) {
            player.log.info("{} joined as {} (player {}, {})", player.who(), player.name, player.id,
                    players == 1 ? "1 player" : players + " players");
        }
    }

    /** Why {@code join} gets no place, or null if it gets one. Called with the world lock held. */
    private Packet.Refused refusal(Packet.Join join) {
        if (stopping) {
            return new Packet.Refused(PacketCodec.REFUSED_STOPPING, "stopping");
        }
        if (!ArenaNames.isAcceptable(join.nickname())) {
            return new Packet.Refused(PacketCodec.REFUSED_BAD_NAME, "bad name");
        }
        if (byId.size() >= settings.maxPlayers()) {
            return new Packet.Refused(PacketCodec.REFUSED_FULL, "arena full");
        }
        return null;
    }

    /** Starts the tick thread, unless it runs (or the tests drive the ticks). Called with the world lock held. */
    private void startTicking() {
        if (threaded && tickThread == null) {
            tickThread = Thread.ofPlatform().name("arena tick").daemon().start(new TickLoop(
                    TimeUnit.SECONDS.toNanos(1) / settings.tickRate(), clock, this::tickWhilePlaying, () -> stopping,
                    counters));
        }
    }

    /** Makes the player of {@code join} and registers it. Called with the world lock held. */
    private Player admit(Packet.Join join, ArenaLink from, Logger log, long now) {
        int session;
        do {
            session = random.nextInt();
        } while (session == 0 || bySession.contains(session));
        EntityState state = simulation.join(join.nickname());
        byte[] welcome = bytes(new Packet.Welcome(session, state.id(), settings.tickRate(), settings.snapshotRate(),
                WIDTH, HEIGHT));
        Player player = new Player(session, state.id(), join.nickname(), from, join.nonce(), welcome,
                "arena#" + sessions.incrementAndGet(), log, now, settings.tickRate());
        byId.put(player.id, player);
        bySession.add(player);
        byJoin.put(new JoinKey(from.address(), join.nonce()), player);
        counters.joined(byId.size());
        startTicking();
        return player;
    }

    private void input(ByteBuffer input, ArenaLink from, int size, long now) {
        Player player = sender(InputPacket.session(input), from, now);
        if (player == null) {
            return;
        }
        switch (player.inputs.offer(input, now)) {
            case QUEUED -> heard(player, input, size, now);
            case REPLAYED -> drop(DropReason.REPLAYED, now);
            case IMPOSSIBLE -> {
                drop(DropReason.IMPOSSIBLE, now);
                player.strikes.offence(PacketCodec.WARNING_IMPOSSIBLE_INPUT, now);
            }
            case TOO_FAST -> {
                drop(DropReason.TOO_FAST, now);
                player.strikes.offence(PacketCodec.WARNING_TOO_FAST, now);
                heard(player, input, size, now);
            }
            case FULL -> {
                drop(DropReason.QUEUE_FULL, now);
                heard(player, input, size, now);
            }
        }
    }

    private static void heard(Player player, ByteBuffer input, int size, long now) {
        player.received(size, now);
        player.acknowledge(InputPacket.ackSnapshot(input));
    }

    private void leave(Packet.Leave leave, ArenaLink from, int size, long now) {
        Player player = sender(leave.session(), from, now);
        if (player == null) {
            return;
        }
        player.received(size, now);
        if (remove(player)) {
            logLeft(player, "quit", now);
        }
    }

    /** The player whose session {@code session} is, if the packet comes from its address; otherwise null, dropped. */
    private Player sender(int session, ArenaLink from, long now) {
        Player player = bySession.get(session);
        if (player == null) {
            drop(DropReason.UNKNOWN_SESSION, now);
            return null;
        }
        if (!player.link.address().equals(from.address())) {
            drop(DropReason.WRONG_ADDRESS, now);
            return null;
        }
        return player;
    }

    /** The link's session ended from its side without a LEAVE (a WebSocket closed): the player leaves at once. */
    public void closed(ArenaLink from) {
        Player gone = null;
        synchronized (world) {
            for (Player player : byId.values()) {
                if (player.link == from) {
                    gone = player;
                    break;
                }
            }
            if (gone != null) {
                unregister(gone);
            }
        }
        if (gone != null) {
            logLeft(gone, "closed its connection", clock.getAsLong());
        }
    }

    /** LEAVE(3) to every player, at once whatever the network conditions; the tick thread ends. */
    public void stopping() {
        List<Player> gone;
        Thread thread;
        synchronized (world) {
            stopping = true;
            gone = new ArrayList<>(byId.values());
            gone.forEach(this::unregister);
            thread = tickThread;
        }
        long now = clock.getAsLong();
        for (Player player : gone) {
            // Not through the conditions: a lagged LEAVE would leave after the socket closed.
            byte[] leave = bytes(new Packet.Leave(player.session, PacketCodec.LEAVE_STOPPING));
            try {
                player.link.send(ByteBuffer.wrap(leave));
                player.sent(leave.length);
            } catch (IOException e) {
                player.log.debug("arena: the LEAVE to {} failed: {}", player.link.address(), e.getMessage());
            }
            logLeft(player, "the server is stopping", now);
        }
        if (thread != null) {
            LockSupport.unpark(thread);
        }
        outbound.close();
    }

    /** Drops, by reason, players, ticks and their times. */
    public ArenaCounters counters() {
        return counters;
    }

    /** Removes {@code player} unless it is gone already; true if this call removed it. */
    private boolean remove(Player player) {
        synchronized (world) {
            if (byId.get(player.id) != player) {
                return false;
            }
            unregister(player);
            return true;
        }
    }

    /** Takes {@code player} out of the arena. Called with the world lock held. */
    private void unregister(Player player) {
        byId.remove(player.id);
        bySession.remove(player);
        byJoin.remove(new JoinKey(player.link.address(), player.nonce));
        simulation.leave(player.id);
        counters.left(byId.size());
    }

    private static void logLeft(Player player, String why, long now) {
        player.log.info("{} {} (player {}) left: {} ({})", player.who(), player.name, player.id, why,
                player.traffic(now));
    }

    /** One tick, then whether the tick thread goes on: not once the last player left or the arena stops. */
    private boolean tickWhilePlaying() {
        try {
            tick();
        } catch (RuntimeException e) {
            // A bug: said loudly, and the arena goes on with the next tick rather than freeze.
            LOG.error("arena: a tick failed: a bug in the arena", e);
        }
        synchronized (world) {
            if (!byId.isEmpty() && !stopping) {
                return true;
            }
            tickThread = null;
        }
        LOG.info("arena: no players, ticks paused; {} ticks so far, p50 {} us, p99 {} us, max {} us, {} skipped",
                counters.ticks(), counters.tickMicros(0.5), counters.tickMicros(0.99), counters.maxTickMicros(),
                counters.skippedTicks());
        return false;
    }

    /**
     * One tick at the clock's now: players who broke the rules or fell silent leave, each player's
     * queued inputs are applied (2 at most, players by id), the simulation advances, and on a snapshot
     * tick each player gets its snapshot. The tick thread calls it; so do tests, on their own clock.
     */
    void tick() {
        long start = clock.getAsLong();
        long timeoutNanos = settings.timeout().toNanos();
        if (!threaded) {
            outbound.deliverDue();
        }
        List<Player> kicked = new ArrayList<>();
        List<Player> silent = new ArrayList<>();
        List<EntityState> states;
        long tick;
        synchronized (world) {
            for (Player player : byId.values()) {
                if (player.strikes.isDropped()) {
                    kicked.add(player);
                } else if (start - player.lastHeard() > timeoutNanos) {
                    silent.add(player);
                }
            }
            kicked.forEach(this::unregister);
            silent.forEach(this::unregister);
            present.clear();
            for (Player player : byId.values()) {
                applyInputs(player);
                present.add(player);
            }
            simulation.advance();
            states = simulation.players();
            tick = simulation.tick();
        }
        for (Player player : kicked) {
            send(player, new Packet.Leave(player.session, PacketCodec.LEAVE_KICKED));
            logLeft(player, "dropped for breaking the rules", start);
        }
        for (Player player : silent) {
            send(player, new Packet.Leave(player.session, PacketCodec.LEAVE_TIMEOUT));
            logLeft(player, "timed out", start);
        }
        for (Player player : present) {
            int warning = player.strikes.takeWarning();
            if (warning != 0) {
                send(player, new Packet.Warning(player.session, warning, warning == PacketCodec.WARNING_TOO_FAST
                        ? "inputs faster than " + settings.tickRate() + " a second" : "an impossible input"));
                counters.warned();
            }
        }
        if (isSnapshotTick(tick)) {
            sendSnapshots(states, tick);
        }
        tickObserver.accept(states, tick);
        long took = clock.getAsLong() - start;
        lastTickMicros = TimeUnit.NANOSECONDS.toMicros(took);
        counters.ticked(took);
        drops.maybeLog(counters, start);
    }

    /** Applies up to {@link #INPUTS_PER_TICK} of {@code player}'s queued inputs. Called with the world lock held. */
    private void applyInputs(Player player) {
        int applied = 0;
        while (player.inputs.poll(taken)) {
            simulation.input(player.id, taken.buttons);
            player.lastApplied = taken.number;
            player.lastAppliedArrived = taken.arrivedNanos;
            if (++applied == INPUTS_PER_TICK) {
                break;
            }
        }
        counters.applied(applied);
        counters.skippedInputs(player.inputs.takeSkipped());
    }

    /** Whether tick {@code tick} is one that snapshots go out after: {@code snapshotRate} of every {@code tickRate}, evenly. */
    private boolean isSnapshotTick(long tick) {
        return tick * settings.snapshotRate() / settings.tickRate()
                != (tick - 1) * settings.snapshotRate() / settings.tickRate();
    }

    /**
     * Sends each player present its snapshot: its view, written straight into the one buffer as the
     * difference from the view it acknowledged, with no list, record or entry made on the way.
     */
    private void sendSnapshots(List<EntityState> states, long tick) {
        long now = clock.getAsLong();
        NearestPlayers views = nearest.of(states);
        int at = 0;
        for (Player player : present) {
            while (states.get(at).id() != player.id) {
                at++; // both go by increasing id, and every player present is in the simulation
            }
            views.view(at, view);
            long baselineNumber = player.acknowledged();
            ViewBuffer baseline = player.views.find(baselineNumber);
            if (baseline == null) {
                baselineNumber = 0;
            }
            long number = player.views.newest() + 1;
            int hold = player.lastApplied == 0 ? 0
                    : (int) Math.min(0xFFFF, TimeUnit.NANOSECONDS.toMillis(now - player.lastAppliedArrived));
            out.clear();
            snapshots.write(player.session, number, tick, player.lastApplied, hold, lastTickMicros,
                    states.size(), view, baselineNumber, baseline, out);
            player.views.add(view);
            transmit(player);
            player.snapshotSent(number);
            counters.snapshotSent();
        }
    }

    /** Sends {@code packet} to {@code player} through the network conditions. The tick thread's. */
    private void send(Player player, Packet packet) {
        out.clear();
        PacketCodec.encode(packet, out);
        transmit(player);
    }

    /** Sends what was written into {@link #out} to {@code player} through the network conditions. */
    private void transmit(Player player) {
        out.flip();
        player.sent(out.remaining());
        outbound.send(out, player.link);
    }

    /** Has {@code observer} see every tick's states, by tick number, as the tick thread makes them: for tests. */
    void observeTicks(ObjLongConsumer<List<EntityState>> observer) {
        tickObserver = observer;
    }

    private void drop(DropReason reason, long now) {
        counters.dropped(reason, 1);
        drops.maybeLog(counters, now);
    }

    /** The clock's now in 32-bit seconds, as a cookie's timestamp: it only has to tell 10 seconds apart. */
    private static long seconds(long nanos) {
        return Math.floorDiv(nanos, TimeUnit.SECONDS.toNanos(1)) & 0xFFFF_FFFFL;
    }

    private static byte[] bytes(Packet packet) {
        ByteBuffer encoded = PacketCodec.encode(packet);
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return bytes;
    }
}
