package dev.socklab.services.arena;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.socklab.arena.Buttons;
import dev.socklab.arena.MalformedPacketException;
import dev.socklab.arena.Packet;
import dev.socklab.arena.PacketCodec;

/**
 * What a tick allocates with 500 players moving, firing and acknowledging every snapshot, on a fake
 * clock with the ticks driven on the test's thread: the bytes that thread allocates, which the
 * young collector must reclaim (and whose pauses land in ticks). No timing, so no noise.
 */
@Tag("no-engine")
class ArenaAllocationTest {
    private static final Logger LOG = LoggerFactory.getLogger("socklab.service.arena");
    private static final long TICK = TimeUnit.SECONDS.toNanos(1) / 30;
    private static final int PLAYERS = 500;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final AtomicLong now = new AtomicLong(TimeUnit.DAYS.toNanos(3));
    private final Arena arena = new Arena(ArenaSettings.DEFAULTS, now::get, new SplittableRandom(7));

    /**
     * Before views and differences went into reused buffers, a tick allocated 1.16 MB here; now what
     * it allocates is the simulation's new states (about 24 kB; 32 kB with C1 alone). The bound leaves
     * room for code the JIT has not fully compiled yet, and none for a view or a list a snapshot.
     */
    @Test
    void aTickOfFiveHundredPlayersAllocatesUnder64KiB() throws MalformedPacketException {
        List<Bot> bots = new ArrayList<>();
        for (int i = 0; i < PLAYERS; i++) {
            bots.add(Bot.join(arena, 40000 + i));
        }
        SplittableRandom keys = new SplittableRandom(11);
        // Long enough for the tick's code to be compiled as it runs in production.
        for (int tick = 0; tick < 600; tick++) {
            tick(bots, keys);
        }
        int ticks = 90;
        long allocated = 0;
        for (int tick = 0; tick < ticks; tick++) {
            allocated += tick(bots, keys);
        }

        assertThat(bots).allSatisfy(bot -> assertThat(bot.snapshots).isGreaterThan(400));
        assertThat(allocated / ticks).as("bytes allocated a tick").isLessThan(64 * 1024);
    }

    /**
     * Receiving an INPUT, the hot path at 15,000 a second from 500 players: before, 176 bytes each (the
     * decoded packet, its buttons, the queued input, the session id's box); now nothing, so the bound
     * is below the smallest object, 16 bytes.
     */
    @Test
    void receivingAnInputAllocatesNothing() throws MalformedPacketException {
        List<Bot> bots = new ArrayList<>();
        for (int i = 0; i < PLAYERS; i++) {
            bots.add(Bot.join(arena, 40000 + i));
        }
        SplittableRandom keys = new SplittableRandom(13);
        for (int tick = 0; tick < 600; tick++) {
            tick(bots, keys);
        }
        int ticks = 90;
        long allocated = 0;
        long queued = arena.counters().inputsApplied();
        for (int tick = 0; tick < ticks; tick++) {
            // Each packet is made before the count starts: what is counted is the arena's alone.
            bots.forEach(bot -> bot.prepare(keys));
            long before = THREADS.getCurrentThreadAllocatedBytes();
            // By index: an iterator would be the test's own allocation, counted.
            for (int i = 0; i < bots.size(); i++) {
                bots.get(i).deliver(arena);
            }
            allocated += THREADS.getCurrentThreadAllocatedBytes() - before;
            now.addAndGet(TICK);
            arena.tick();
        }

        assertThat(arena.counters().inputsApplied() - queued).as("inputs applied")
                .isEqualTo((long) ticks * PLAYERS);
        assertThat(allocated / (ticks * PLAYERS)).as("bytes allocated an INPUT").isLessThan(16);
    }

    /** Each bot's input, then a tick 1/30 s on: returns the bytes the tick allocated. */
    private long tick(List<Bot> bots, SplittableRandom keys) {
        bots.forEach(bot -> bot.input(arena, keys));
        now.addAndGet(TICK);
        long before = THREADS.getCurrentThreadAllocatedBytes();
        arena.tick();
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }

    /**
     * A player: its link keeps the handshake's last reply and the newest snapshot number it was
     * sent, and allocates nothing as the tick sends to it.
     */
    private static final class Bot implements ArenaLink {
        private final SocketAddress address;
        private final ByteBuffer packet = ByteBuffer.allocate(PacketCodec.MAX_PACKET);
        private Packet reply;
        private int session;
        private long inputs;
        private long newest;
        private long snapshots;

        private Bot(int port) {
            this.address = new InetSocketAddress("127.0.0.1", port);
        }

        static Bot join(Arena arena, int port) throws MalformedPacketException {
            Bot bot = new Bot(port);
            arena.receive(PacketCodec.encode(new Packet.Connect(port)), bot, LOG);
            Packet.Challenge challenge = (Packet.Challenge) bot.reply;
            arena.receive(PacketCodec.encode(new Packet.Join(port, challenge.timestamp(), challenge.cookie(),
                    "p" + port)), bot, LOG);
            bot.session = ((Packet.Welcome) bot.reply).session();
            return bot;
        }

        /** Sends this tick's input: a random walk with some fire, acknowledging the newest snapshot. */
        void input(Arena arena, SplittableRandom keys) {
            prepare(keys);
            deliver(arena);
        }

        /** Writes this tick's input into the bot's one packet buffer. */
        void prepare(SplittableRandom keys) {
            int buttons = keys.nextInt(Buttons.VALID + 1) & ~(keys.nextInt(4) == 0 ? 0 : Buttons.FIRE);
            inputs++;
            packet.clear();
            PacketCodec.encode(new Packet.Input(session, inputs, newest, inputs, new byte[] {(byte) buttons}), packet);
            packet.flip();
        }

        /** Hands the arena the packet {@link #prepare} wrote, as the receiving thread would. */
        void deliver(Arena arena) {
            arena.receive(packet, this, LOG);
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
        public void reply(ByteBuffer packet) {
            try {
                reply = PacketCodec.decode(packet);
            } catch (MalformedPacketException e) {
                throw new AssertionError("the arena replied a malformed packet: " + e.getMessage());
            }
        }

        @Override
        public void send(ByteBuffer packet) {
            if (packet.get(packet.position() + 3) == PacketCodec.SNAPSHOT) {
                newest = packet.getInt(packet.position() + 8) & 0xFFFF_FFFFL;
                snapshots++;
            }
            packet.position(packet.limit());
        }
    }
}
