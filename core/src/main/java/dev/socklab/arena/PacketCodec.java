package dev.socklab.arena;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The arena's packets on the wire, in network byte order, as docs/services.md draws them: a 4-byte
 * header (magic {@code "SA"}, version 1, type) and the type's fields. Decoding accepts exactly that
 * and nothing more: a wrong magic or version, a short packet, bytes left over, a count past its
 * bound, a bad UTF-8 name all make a {@link MalformedPacketException}.
 */
public final class PacketCodec {
    /** The first two bytes of every packet: "SA", socklab arena. */
    public static final int MAGIC = 0x5341;
    public static final int VERSION = 1;

    public static final int CONNECT = 1;
    public static final int CHALLENGE = 2;
    public static final int JOIN = 3;
    public static final int WELCOME = 4;
    public static final int REFUSED = 5;
    public static final int INPUT = 6;
    public static final int SNAPSHOT = 7;
    public static final int WARNING = 8;
    public static final int LEAVE = 9;

    public static final int REFUSED_FULL = 1;
    public static final int REFUSED_BAD_COOKIE = 2;
    public static final int REFUSED_BAD_NAME = 3;
    public static final int REFUSED_STOPPING = 4;

    public static final int WARNING_TOO_FAST = 1;
    public static final int WARNING_IMPOSSIBLE_INPUT = 2;

    public static final int LEAVE_QUIT = 0;
    public static final int LEAVE_TIMEOUT = 1;
    public static final int LEAVE_KICKED = 2;
    public static final int LEAVE_STOPPING = 3;

    public static final int HEADER_SIZE = 4;
    /** A CONNECT's size with its padding: more than any reply it can earn. */
    public static final int CONNECT_SIZE = 64;
    public static final int CHALLENGE_SIZE = 32;
    public static final int COOKIE_SIZE = 16;
    /** The longest nickname, in UTF-8 bytes. */
    public static final int MAX_NAME_BYTES = 16;
    /** The most inputs one INPUT packet carries: over a quarter of a second at 30 Hz. */
    public static final int MAX_INPUTS_PER_PACKET = 8;
    /** The most entities one snapshot carries: the player and its 31 nearest. */
    public static final int MAX_VIEW = 32;
    /** The longest REFUSED or WARNING text, in UTF-8 bytes. */
    public static final int MAX_TEXT_BYTES = 120;
    /** The largest packet either side sends: a full snapshot of {@link #MAX_VIEW} entities fits. */
    public static final int MAX_PACKET = 1200;

    private PacketCodec() {
    }

    /** {@code packet} on the wire, in a new buffer ready to send. */
    public static ByteBuffer encode(Packet packet) {
        ByteBuffer out = ByteBuffer.allocate(MAX_PACKET);
        encode(packet, out);
        return out.flip();
    }

    /**
     * Writes {@code packet} into {@code out} from its position.
     *
     * @throws IllegalArgumentException if a field is out of its range (a name too long, too many inputs or entities)
     */
    public static void encode(Packet packet, ByteBuffer out) {
        putHeader(out, packet.type());
        switch (packet) {
            case Packet.Connect c -> {
                out.putLong(c.nonce());
                out.put(new byte[CONNECT_SIZE - HEADER_SIZE - Long.BYTES]);
            }
            case Packet.Challenge c -> {
                out.putLong(c.nonce()).putInt((int) c.timestamp());
                putCookie(out, c.cookie());
            }
            case Packet.Join j -> {
                out.putLong(j.nonce()).putInt((int) j.timestamp());
                putCookie(out, j.cookie());
                putText(out, j.nickname(), 1, MAX_NAME_BYTES);
            }
            case Packet.Welcome w -> out.putInt(w.session()).putShort((short) w.player()).put((byte) w.tickRate())
                    .put((byte) w.snapshotRate()).putShort((short) w.width()).putShort((short) w.height());
            case Packet.Refused r -> {
                out.put((byte) r.reason());
                putText(out, r.text(), 0, MAX_TEXT_BYTES);
            }
            case Packet.Input i -> {
                if (i.buttons().length < 1 || i.buttons().length > MAX_INPUTS_PER_PACKET) {
                    throw new IllegalArgumentException("an INPUT carries 1 to " + MAX_INPUTS_PER_PACKET + " inputs");
                }
                out.putInt(i.session()).putInt((int) i.packetSeq()).putInt((int) i.ackSnapshot())
                        .putInt((int) i.firstInput()).put((byte) i.buttons().length).put(i.buttons());
            }
            case Packet.Snapshot s -> {
                if (s.entities().size() > MAX_VIEW) {
                    throw new IllegalArgumentException("a SNAPSHOT carries at most " + MAX_VIEW + " entities");
                }
                putSnapshotFields(out, s.session(), s.seq(), s.baseline(), s.tick(), s.ackInput(), s.holdMillis(),
                        s.tickMicros(), s.players());
                out.putShort((short) s.entities().size());
                for (EntityDelta e : s.entities()) {
                    putEntityFields(out, e.id(), e.mask(), e.x(), e.y(), e.flags(), e.health(), e.score());
                    if ((e.mask() & EntityDelta.NAME) != 0) {
                        putText(out, e.name(), 1, MAX_NAME_BYTES);
                    }
                }
            }
            case Packet.Warning w -> {
                out.putInt(w.session()).put((byte) w.reason());
                putText(out, w.text(), 0, MAX_TEXT_BYTES);
            }
            case Packet.Leave l -> out.putInt(l.session()).put((byte) l.reason());
        }
    }

    /** The header every packet starts with: magic, version, {@code type}. */
    static void putHeader(ByteBuffer out, int type) {
        out.putShort((short) MAGIC).put((byte) VERSION).put((byte) type);
    }

    /** A SNAPSHOT's fields after its header and before its entity count. */
    static void putSnapshotFields(ByteBuffer out, int session, long seq, long baseline, long tick,
                                  long ackInput, int holdMillis, long tickMicros, int players) {
        out.putInt(session).putInt((int) seq).putInt((int) baseline).putInt((int) tick).putInt((int) ackInput)
                .putShort((short) Math.min(holdMillis, 0xFFFF)).putInt((int) Math.min(tickMicros, 0xFFFF_FFFFL))
                .putShort((short) Math.min(players, 0xFFFF));
    }

    /**
     * The packet in {@code in}, from its position to its limit.
     *
     * @throws MalformedPacketException if those bytes are not exactly one valid packet
     */
    public static Packet decode(ByteBuffer in) throws MalformedPacketException {
        ByteBuffer b = in.duplicate();
        if (b.remaining() > MAX_PACKET) {
            throw new MalformedPacketException("a packet has at most " + MAX_PACKET + " bytes, not " + b.remaining());
        }
        try {
            if (b.remaining() < HEADER_SIZE) {
                throw new MalformedPacketException("a packet has a 4-byte header, and this has " + b.remaining() + " bytes");
            }
            int magic = b.getShort() & 0xFFFF;
            int version = b.get() & 0xFF;
            int type = b.get() & 0xFF;
            if (magic != MAGIC) {
                throw new MalformedPacketException("not an arena packet (magic 0x" + Integer.toHexString(magic) + ")");
            }
            if (version != VERSION) {
                throw new MalformedPacketException("protocol version " + version + ", not " + VERSION);
            }
            Packet packet = switch (type) {
                case CONNECT -> connect(b, in.remaining());
                case CHALLENGE -> new Packet.Challenge(b.getLong(), u32(b), cookie(b));
                case JOIN -> new Packet.Join(b.getLong(), u32(b), cookie(b), text(b, 1, MAX_NAME_BYTES));
                case WELCOME -> new Packet.Welcome(b.getInt(), u16(b), b.get() & 0xFF, b.get() & 0xFF, u16(b), u16(b));
                case REFUSED -> new Packet.Refused(b.get() & 0xFF, text(b, 0, MAX_TEXT_BYTES));
                case INPUT -> input(b);
                case SNAPSHOT -> snapshot(b);
                case WARNING -> new Packet.Warning(b.getInt(), b.get() & 0xFF, text(b, 0, MAX_TEXT_BYTES));
                case LEAVE -> new Packet.Leave(b.getInt(), b.get() & 0xFF);
                default -> throw new MalformedPacketException("no packet type " + type);
            };
            if (b.hasRemaining()) {
                throw new MalformedPacketException(b.remaining() + " bytes after the packet's end");
            }
            return packet;
        } catch (BufferUnderflowException e) {
            throw new MalformedPacketException("the packet ends in the middle of a field");
        }
    }

    private static Packet connect(ByteBuffer b, int size) throws MalformedPacketException {
        if (size != CONNECT_SIZE) {
            throw new MalformedPacketException("a CONNECT is padded to " + CONNECT_SIZE + " bytes, and this has " + size);
        }
        long nonce = b.getLong();
        b.position(b.limit());
        return new Packet.Connect(nonce);
    }

    private static Packet input(ByteBuffer b) throws MalformedPacketException {
        int session = b.getInt();
        long packetSeq = u32(b);
        long ack = u32(b);
        long first = u32(b);
        int count = b.get() & 0xFF;
        if (count < 1 || count > MAX_INPUTS_PER_PACKET) {
            throw new MalformedPacketException("an INPUT carries 1 to " + MAX_INPUTS_PER_PACKET + " inputs, not " + count);
        }
        byte[] buttons = new byte[count];
        b.get(buttons);
        return new Packet.Input(session, packetSeq, ack, first, buttons);
    }

    private static Packet snapshot(ByteBuffer b) throws MalformedPacketException {
        int session = b.getInt();
        long seq = u32(b);
        long baseline = u32(b);
        long tick = u32(b);
        long ackInput = u32(b);
        int hold = u16(b);
        long tickMicros = u32(b);
        int players = u16(b);
        int count = u16(b);
        if (count > MAX_VIEW) {
            throw new MalformedPacketException("a SNAPSHOT carries at most " + MAX_VIEW + " entities, not " + count);
        }
        List<EntityDelta> entities = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entities.add(entity(b));
        }
        return new Packet.Snapshot(session, seq, baseline, tick, ackInput, hold, tickMicros, players, entities);
    }

    /**
     * One entity's entry up to its name: its id, its mask, and the fields the mask names (none for
     * {@link EntityDelta#REMOVED}). The name, if the mask names it, follows as a text of 1 to
     * {@link #MAX_NAME_BYTES}.
     */
    static void putEntityFields(ByteBuffer out, int id, int mask, int x, int y, int flags, int health, int score) {
        out.putShort((short) id).put((byte) mask);
        if (mask == EntityDelta.REMOVED) {
            return;
        }
        if ((mask & EntityDelta.X) != 0) {
            out.putShort((short) x);
        }
        if ((mask & EntityDelta.Y) != 0) {
            out.putShort((short) y);
        }
        if ((mask & EntityDelta.FLAGS) != 0) {
            out.put((byte) flags);
        }
        if ((mask & EntityDelta.HEALTH) != 0) {
            out.put((byte) health);
        }
        if ((mask & EntityDelta.SCORE) != 0) {
            out.putShort((short) score);
        }
    }

    private static EntityDelta entity(ByteBuffer b) throws MalformedPacketException {
        int id = u16(b);
        int mask = b.get() & 0xFF;
        if (id == 0) {
            throw new MalformedPacketException("entity id 0 is no entity");
        }
        if (mask == EntityDelta.REMOVED) {
            return EntityDelta.removed(id);
        }
        if (mask == 0 || (mask & ~EntityDelta.FULL) != 0) {
            throw new MalformedPacketException("entity " + id + " has field mask 0x" + Integer.toHexString(mask));
        }
        int x = (mask & EntityDelta.X) != 0 ? u16(b) : 0;
        int y = (mask & EntityDelta.Y) != 0 ? u16(b) : 0;
        int flags = (mask & EntityDelta.FLAGS) != 0 ? b.get() & 0xFF : 0;
        if ((flags & ~0x0F) != 0) {
            throw new MalformedPacketException("entity " + id + " has flags 0x" + Integer.toHexString(flags));
        }
        int health = (mask & EntityDelta.HEALTH) != 0 ? b.get() & 0xFF : 0;
        int score = (mask & EntityDelta.SCORE) != 0 ? u16(b) : 0;
        String name = (mask & EntityDelta.NAME) != 0 ? text(b, 1, MAX_NAME_BYTES) : null;
        return new EntityDelta(id, mask, x, y, flags, health, score, name);
    }

    private static void putCookie(ByteBuffer out, byte[] cookie) {
        if (cookie.length != COOKIE_SIZE) {
            throw new IllegalArgumentException("a cookie has " + COOKIE_SIZE + " bytes");
        }
        out.put(cookie);
    }

    private static byte[] cookie(ByteBuffer b) {
        byte[] cookie = new byte[COOKIE_SIZE];
        b.get(cookie);
        return cookie;
    }

    private static void putText(ByteBuffer out, String text, int min, int max) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < min || bytes.length > max) {
            throw new IllegalArgumentException("a text of " + min + " to " + max + " UTF-8 bytes, not " + bytes.length);
        }
        out.put((byte) bytes.length).put(bytes);
    }

    private static String text(ByteBuffer b, int min, int max) throws MalformedPacketException {
        int length = b.get() & 0xFF;
        if (length < min || length > max) {
            throw new MalformedPacketException("a text of " + min + " to " + max + " bytes, not " + length);
        }
        ByteBuffer bytes = b.slice(b.position(), Math.min(length, b.remaining()));
        if (bytes.remaining() < length) {
            throw new MalformedPacketException("the packet ends in the middle of a text");
        }
        b.position(b.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedPacketException("a text that is not UTF-8");
        }
    }

    private static int u16(ByteBuffer b) {
        return b.getShort() & 0xFFFF;
    }

    private static long u32(ByteBuffer b) {
        return b.getInt() & 0xFFFF_FFFFL;
    }
}
