package dev.socklab.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the members of a chat run share: the room, named for this run alone ({@code bench-3fa29c1d})
 * so that no history of an earlier run gets in; how many members are in it, and how many the server
 * refused; whether the senders may start; and the first warning the server sent. Thread-safe.
 *
 * <p>The lines it writes are plain room lines, which the server sends to every member as
 * {@code [09:30:01] <guest-8> TEXT}; each starts with the room's name, the run's tag:
 * <pre>
 * /join bench-3fa29c1d                                  a member joins the room
 * bench-3fa29c1d ready 7                                member 7's marker, right after its join
 * bench-3fa29c1d 7 1207 812341234123 ...............    a message: sender, sequence number, send time, padding
 * </pre>
 * The send time is {@link System#nanoTime()}: the bench is one process, so each receiver times
 * the delivery on the same clock.
 */
final class ChatRoom {
    /** Longest kept text of a warning, for the report. */
    private static final int MAX_WARNING = 200;

    final String name;
    private final byte[] tag;
    private final byte[] join;
    private final AtomicInteger inRoom = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicReference<String> firstWarning = new AtomicReference<>();
    private volatile boolean started;

    ChatRoom(String name) {
        this.name = name;
        this.tag = (name + " ").getBytes(StandardCharsets.US_ASCII);
        this.join = ("/join " + name + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A room whose name no earlier run has used, as far as 32 random bits go. */
    static ChatRoom unique() {
        return new ChatRoom("bench-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
    }

    /** A reader of this run's lines. */
    ChatLine reader() {
        return new ChatLine(name);
    }

    /** {@code /join ROOM}, with its LF. */
    byte[] joinLine() {
        return join.clone();
    }

    /** Member {@code index}'s marker, with its LF: back before the member saw its join, it says the join was refused. */
    byte[] markerLine(int index) {
        return (name + " ready " + index + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes a message of {@code size} bytes and its LF into {@code out}, which must have room for them. */
    void writeMessage(ByteBuffer out, int sender, long sequence, long sentAt, int size) {
        int start = out.position();
        out.put(tag);
        out.put((sender + " " + sequence + " " + sentAt + " ").getBytes(StandardCharsets.US_ASCII));
        // Bounded by size: MIN_TEXT leaves room for the longest numbers.
        while (out.position() - start < size) {
            out.put((byte) '.');
        }
        out.put((byte) '\n');
    }

    /** A member saw a join to the room: it is in. */
    void entered() {
        inRoom.incrementAndGet();
    }

    /** Members in the room. */
    int members() {
        return inRoom.get();
    }

    /** A member's marker came back before it was in: the server refused its join (a full room, too many rooms). */
    void refused() {
        refused.incrementAndGet();
    }

    /** Members whose join the server refused. */
    int refusedMembers() {
        return refused.get();
    }

    /** Every member is in the room: the senders may start. */
    void start() {
        started = true;
    }

    boolean started() {
        return started;
    }

    /** The server warned a member ({@code !! ...}); the first warning is kept for the report. */
    void warned(String text) {
        firstWarning.compareAndSet(null, text.length() <= MAX_WARNING ? text : text.substring(0, MAX_WARNING) + "...");
    }

    /** The first warning a member got, or null. */
    String firstWarning() {
        return firstWarning.get();
    }
}
