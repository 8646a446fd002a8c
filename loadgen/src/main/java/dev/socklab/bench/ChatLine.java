package dev.socklab.bench;

import java.nio.charset.StandardCharsets;

/**
 * A line from the chat server, as a bench member reads it, in place in its buffer. The reader
 * knows as little of the protocol as it can: a line that starts {@code [time] !! } is a
 * {@link Kind#WARNING}; {@code [time] -- NICK joined ROOM}, for the run's room, is
 * {@link Kind#JOINED}; one that starts {@code [time] <nick> } followed by the run's tag is a
 * member's marker or one of the run's messages ({@link ChatRoom} writes them); every other line
 * (the welcome, leaves, history of other rooms) is {@link Kind#OTHER}. A line arrives without its
 * LF; a CR before it is dropped.
 *
 * <p>One per connection, reused: {@link #read} overwrites the fields. Reading allocates nothing.
 */
final class ChatLine {
    /** The shortest message a run sends: its tag, sender, sequence number and send time take up to 60 bytes. */
    static final int MIN_TEXT = 64;
    /** The longest message a run sends: the chat server's default line limit, 512 bytes not counting the line end. */
    static final int MAX_TEXT = 512;
    /** Digits a number may have: 18 always fit a long, and the run's numbers never need more. */
    private static final int MAX_DIGITS = 18;
    /** How far the closing bracket of the time may be: {@code [09:30:01]}, with room for another format. */
    private static final int MAX_TIME = 32;
    private static final byte[] WARNING = "!! ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEWS = "-- ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] READY = "ready ".getBytes(StandardCharsets.US_ASCII);

    /** What a line is to the bench. */
    enum Kind {
        /** Anything the bench ignores. */
        OTHER,
        /** A member joined the run's room: only its members are told, the joiner first. */
        JOINED,
        /** A member's marker, {@link #sender} says whose. */
        MARKER,
        /** One of the run's messages: {@link #sender}, {@link #sequence} and {@link #sentAt} say which. */
        MESSAGE,
        /** An error or a warning from the server, for this member alone: {@link #text} says it. */
        WARNING
    }

    private final byte[] tag;
    private final byte[] joined;
    private byte[] bytes;
    private int textStart;
    private int textEnd;
    private long number;
    /** The member that sent the message or the marker. */
    int sender;
    /** The sender's count of its messages, from 0. */
    long sequence;
    /** When the message was sent, on this process's {@link System#nanoTime()} clock. */
    long sentAt;

    /** A reader of the lines of the run in {@code room}, whose messages start with the room's name and a space. */
    ChatLine(String room) {
        this.tag = (room + " ").getBytes(StandardCharsets.US_ASCII);
        this.joined = (" joined " + room).getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads the line in {@code from} (inclusive) to {@code to} (exclusive, at the LF) of {@code line}. */
    Kind read(byte[] line, int from, int to) {
        bytes = line;
        int end = to > from && line[to - 1] == '\r' ? to - 1 : to;
        if (end - from < 3 || line[from] != '[') {
            return Kind.OTHER;
        }
        int close = indexOf(line, from + 1, Math.min(end, from + MAX_TIME), (byte) ']');
        if (close < 0 || close + 1 >= end || line[close + 1] != ' ') {
            return Kind.OTHER;
        }
        int p = close + 2;
        if (startsWith(line, p, end, WARNING)) {
            textStart = p;
            textEnd = end;
            return Kind.WARNING;
        }
        if (startsWith(line, p, end, NEWS)) {
            return end - p > NEWS.length + joined.length && startsWith(line, end - joined.length, end, joined)
                    ? Kind.JOINED : Kind.OTHER;
        }
        if (p >= end || line[p] != '<') {
            return Kind.OTHER;
        }
        int nickEnd = indexOfNickEnd(line, p + 1, end);
        if (nickEnd < 0) {
            return Kind.OTHER;
        }
        int t = nickEnd + 2;
        if (!startsWith(line, t, end, tag)) {
            return Kind.OTHER;
        }
        t += tag.length;
        if (startsWith(line, t, end, READY)) {
            int digitsEnd = number(line, t + READY.length, end, false);
            if (digitsEnd != end || number > Integer.MAX_VALUE) {
                return Kind.OTHER;
            }
            sender = (int) number;
            return Kind.MARKER;
        }
        return message(line, t, end) ? Kind.MESSAGE : Kind.OTHER;
    }

    /** The text of a warning read last, from {@code !!} on. */
    String text() {
        return new String(bytes, textStart, textEnd - textStart, StandardCharsets.UTF_8);
    }

    /** {@code SENDER SEQUENCE SENTAT}, then a space or the end; the padding after it is not read. */
    private boolean message(byte[] line, int from, int end) {
        int p = number(line, from, end, false);
        if (p < 0 || p >= end || line[p] != ' ' || number > Integer.MAX_VALUE) {
            return false;
        }
        sender = (int) number;
        p = number(line, p + 1, end, false);
        if (p < 0 || p >= end || line[p] != ' ') {
            return false;
        }
        sequence = number;
        p = number(line, p + 1, end, true);
        if (p < 0 || (p < end && line[p] != ' ')) {
            return false;
        }
        sentAt = number;
        return true;
    }

    /** Reads a decimal number at {@code from} into {@link #number}; returns where it ends, or -1 if there is none. */
    private int number(byte[] line, int from, int end, boolean signed) {
        int p = from;
        boolean negative = signed && p < end && line[p] == '-';
        if (negative) {
            p++;
        }
        int digitsStart = p;
        long value = 0;
        while (p < end && line[p] >= '0' && line[p] <= '9' && p - digitsStart < MAX_DIGITS) {
            value = value * 10 + (line[p] - '0');
            p++;
        }
        if (p == digitsStart || (p < end && line[p] >= '0' && line[p] <= '9')) {
            return -1; // no digits, or more than a long surely holds
        }
        number = negative ? -value : value;
        return p;
    }

    /** The {@code >} of {@code <nick> }: a nickname has no spaces, so the first {@code "> "} ends it. */
    private static int indexOfNickEnd(byte[] line, int from, int end) {
        for (int i = from; i + 1 < end; i++) {
            if (line[i] == '>' && line[i + 1] == ' ') {
                return i;
            }
            if (line[i] == ' ') {
                return -1;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] line, int from, int end, byte b) {
        for (int i = from; i < end; i++) {
            if (line[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] line, int from, int end, byte[] prefix) {
        if (end - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (line[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
