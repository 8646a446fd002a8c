package dev.socklab.arena;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An INPUT read where it lies in its buffer, for a server that takes one from every player every
 * tick: {@link PacketCodec#decode} makes a {@link Packet.Input} and its buttons' array for each,
 * this makes nothing. Its fields are at fixed offsets from the packet's start (the buffer's
 * position), as {@link PacketCodec} writes them; the buffer's position and limit are left as they
 * are. A buffer not in network byte order is never valid here: decoding reads it as if it were.
 */
public final class InputPacket {
    private static final int TYPE = 3;
    private static final int SESSION = PacketCodec.HEADER_SIZE;
    private static final int PACKET_SEQ = SESSION + 4;
    private static final int ACK_SNAPSHOT = PACKET_SEQ + 4;
    private static final int FIRST_INPUT = ACK_SNAPSHOT + 4;
    private static final int COUNT = FIRST_INPUT + 4;
    private static final int BUTTONS = COUNT + 1;

    private InputPacket() {
    }

    /**
     * Whether {@code in}, from its position to its limit, is an INPUT that {@link PacketCodec#decode}
     * accepts; when not, decoding it tells what it is, or what is wrong with it.
     */
    public static boolean isValid(ByteBuffer in) {
        int at = in.position();
        int size = in.remaining();
        if (in.order() != ByteOrder.BIG_ENDIAN || size < BUTTONS || size > PacketCodec.MAX_PACKET || (in.getShort(at) & 0xFFFF) != PacketCodec.MAGIC
                || (in.get(at + 2) & 0xFF) != PacketCodec.VERSION || (in.get(at + TYPE) & 0xFF) != PacketCodec.INPUT) {
            return false;
        }
        int count = count(in);
        return count >= 1 && count <= PacketCodec.MAX_INPUTS_PER_PACKET && size == BUTTONS + count;
    }

    public static int session(ByteBuffer in) {
        return in.getInt(in.position() + SESSION);
    }

    public static long packetSeq(ByteBuffer in) {
        return u32(in, PACKET_SEQ);
    }

    public static long ackSnapshot(ByteBuffer in) {
        return u32(in, ACK_SNAPSHOT);
    }

    public static long firstInput(ByteBuffer in) {
        return u32(in, FIRST_INPUT);
    }

    /** How many inputs it carries. */
    public static int count(ByteBuffer in) {
        return in.get(in.position() + COUNT) & 0xFF;
    }

    /** Input {@code i}'s {@link Buttons}, oldest first. */
    public static int buttons(ByteBuffer in, int i) {
        return in.get(in.position() + BUTTONS + i) & 0xFF;
    }

    private static long u32(ByteBuffer in, int offset) {
        return in.getInt(in.position() + offset) & 0xFFFF_FFFFL;
    }
}
