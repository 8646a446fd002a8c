package dev.socklab.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the members of a chat run share: the room, named for this run alone ({@code bench-3fa29c1d})
 * so that no history of an earlier run gets in; how many members have seen the marker, and so are
 * in it; whether the senders may start; and the first warning the server sent. Thread-safe.
 *
 * <p>The lines it writes are plain room lines, which the server sends to every member as
 * {@code [09:30:01] <guest-8> TEXT}; each starts with the room's name, the run's tag:
 * <pre>
 * /join bench-3fa29c1d                                  a member joins the room
 * bench-3fa29c1d ready                                  the marker
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
    private final byte[] marker;
    private final AtomicInteger inRoom = new AtomicInteger();
    private final AtomicReference<String> firstWarning = new AtomicReference<>();
    private volatile boolean started;

    ChatRoom(String name) {
        this.name = name;
        this.tag = (name + " ").getBytes(StandardCharsets.US_ASCII);
        this.join = ("/join " + name + "\n").getBytes(StandardCharsets.US_ASCII);
        this.marker = (name + " ready\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A room whose name no earlier run has used, as far as 32 random bits go. */
    static ChatRoom unique() {
        return new ChatRoom("bench-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
    }

    /** A reader of this run's lines. */
    ChatLine reader() {
        return new ChatLine(tag);
    }

    /** {@code /join ROOM}, with its LF. */
    byte[] joinLine() {
        return join.clone();
    }

    /** The marker, with its LF. */
    byte[] markerLine() {
        return marker.clone();
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

    /** A member saw the marker for the first time. */
    void entered() {
        inRoom.incrementAndGet();
    }

    /** Members that have seen the marker. */
    int members() {
        return inRoom.get();
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
