package dev.socklab.arena;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Writes SNAPSHOTs straight from {@link ViewBuffer views in reused buffers}, for a server that sends
 * one to each of hundreds of players a tick: the bytes {@link PacketCodec#encode(Packet, ByteBuffer)}
 * writes for a {@link Packet.Snapshot} of the views' {@link View#deltaFrom difference}, with no
 * record, list or entry made for any of them, nor the bytes of a name. Not thread-safe: one a
 * thread, which keeps the encoder it writes names with.
 */
public final class SnapshotWriter {
    /** As {@link String#getBytes} encodes: what cannot be encoded becomes '?'. */
    private final CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    /** A name's chars: a name of at most {@link PacketCodec#MAX_NAME_BYTES} UTF-8 bytes has as many chars at most. */
    private final CharBuffer chars = CharBuffer.allocate(PacketCodec.MAX_NAME_BYTES);

    /**
     * Writes into {@code out}, from its position, the SNAPSHOT whose entities take {@code baseline}
     * (snapshot {@code baselineSeq}; null and 0 for none) to {@code view}. A difference of more than
     * {@link PacketCodec#MAX_VIEW} entries (most of the view changed hands) goes as the whole view
     * against no baseline instead: it is shorter, and fits.
     *
     * @throws IllegalArgumentException if a name it writes is not 1 to {@link PacketCodec#MAX_NAME_BYTES} UTF-8 bytes
     */
    public void write(int session, long seq, long tick, long ackInput, int holdMillis, long tickMicros, int players,
                      ViewBuffer view, long baselineSeq, ViewBuffer baseline, ByteBuffer out) {
        int start = out.position();
        // Even the longest difference, 32 entities new or changed and 32 removed, fits in MAX_PACKET bytes.
        if (put(session, seq, tick, ackInput, holdMillis, tickMicros, players, view, baselineSeq, baseline, out)
                > PacketCodec.MAX_VIEW) {
            out.position(start);
            put(session, seq, tick, ackInput, holdMillis, tickMicros, players, view, 0, null, out);
        }
    }

    /** Writes the snapshot {@link #write} describes, however many its entries; returns how many. */
    private int put(int session, long seq, long tick, long ackInput, int holdMillis, long tickMicros, int players,
                    ViewBuffer view, long baselineSeq, ViewBuffer baseline, ByteBuffer out) {
        PacketCodec.putHeader(out, PacketCodec.SNAPSHOT);
        PacketCodec.putSnapshotFields(out, session, seq, baselineSeq, tick, ackInput, holdMillis, tickMicros, players);
        int countAt = out.position();
        out.putShort((short) 0);
        int count = 0;
        int before = baseline == null ? 0 : baseline.size();
        int after = view.size();
        int i = 0;
        int j = 0;
        // View.deltaFrom's walk, both by increasing id: removed, new and changed entities.
        while (i < before || j < after) {
            EntityState b = i < before ? baseline.get(i) : null;
            EntityState a = j < after ? view.get(j) : null;
            if (a == null || b != null && b.id() < a.id()) {
                PacketCodec.putEntityFields(out, b.id(), EntityDelta.REMOVED, 0, 0, 0, 0, 0);
                count++;
                i++;
            } else if (b == null || a.id() < b.id()) {
                putEntity(out, a, EntityDelta.FULL);
                count++;
                j++;
            } else {
                int mask = EntityDelta.changes(b, a);
                if (mask != 0) {
                    putEntity(out, a, mask);
                    count++;
                }
                i++;
                j++;
            }
        }
        out.putShort(countAt, (short) count);
        return count;
    }

    /** {@code state}'s entry with the fields {@code mask} names, as one of an {@link EntityDelta} is written. */
    private void putEntity(ByteBuffer out, EntityState state, int mask) {
        PacketCodec.putEntityFields(out, state.id(), mask, state.x(), state.y(), state.flags(), state.health(),
                state.score());
        if ((mask & EntityDelta.NAME) != 0) {
            putName(out, state.name());
        }
    }

    /** {@code name} as a text of 1 to {@link PacketCodec#MAX_NAME_BYTES}: its length in a byte, then its UTF-8. */
    private void putName(ByteBuffer out, String name) {
        int lengthAt = out.position();
        out.put((byte) 0);
        if (name.isEmpty() || name.length() > chars.capacity()) {
            throw badName(name);
        }
        chars.clear();
        chars.put(name).flip();
        utf8.reset();
        // Straight into out, as ByteBuffer.put would fail if it lacked the room.
        if (utf8.encode(chars, out, true).isOverflow() || utf8.flush(out).isOverflow()) {
            throw new BufferOverflowException();
        }
        int length = out.position() - lengthAt - 1;
        if (length > PacketCodec.MAX_NAME_BYTES) {
            throw badName(name);
        }
        out.put(lengthAt, (byte) length);
    }

    private static IllegalArgumentException badName(String name) {
        return new IllegalArgumentException("a name of 1 to " + PacketCodec.MAX_NAME_BYTES + " UTF-8 bytes, not "
                + name.getBytes(StandardCharsets.UTF_8).length);
    }
}
