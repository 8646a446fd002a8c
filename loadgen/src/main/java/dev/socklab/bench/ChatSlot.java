package dev.socklab.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;

/**
 * A member of a chat run's room; the first {@code --senders} members also send. A member
 * connects, joins the room and reads lines. Each of the run's messages it receives is an
 * operation, timed from the send time the message carries; one sent before this member joined
 * is the room's history, replayed on join, and is not counted.
 *
 * <p>A member is in the room once it sees a member join it (its own join first): the server tells
 * only a room's members. It sends its marker right after its join, and the server answers in order,
 * so its own marker back before that means the join was refused (a full room, too many rooms) and
 * it spoke where it was. Once every member is in, a sender keeps {@code --in-flight} messages of
 * its own in flight: it sends the next when one of its own comes back, which the room sends to
 * everyone in one order, so a sender never outruns the room's delivery. None coming back within
 * {@code --timeout} is a timeout, then a reconnect. A {@code !!} line from the server counts as
 * {@link ErrorKind#WARNED}.
 */
final class ChatSlot extends TcpSlot {
    /** The line buffer: a run's message line is at most 560 bytes with the time and a 32-character nickname. */
    static final int LINE_BYTES = 1024;
    /** Reads per readiness event, so that one member cannot starve the rest. */
    private static final int READS_PER_EVENT = 16;

    private final ChatRoom room;
    private final ChatLine line;
    private final int index;
    private final boolean sender;
    private final int inFlight;
    private final int size;
    private final ByteBuffer in = ByteBuffer.allocate(LINE_BYTES);
    /** What is yet to be written, in fill mode: the join line, the marker, messages. */
    private final ByteBuffer out;
    private final byte[] marker;
    /** Where the search for the next LF goes on, in {@link #in}. */
    private int scanned;
    /** Dropping the rest of a line longer than the buffer: never one of the run's. */
    private boolean skipping;
    private boolean inRoom;
    private boolean refused;
    private boolean sending;
    private long joinedAt;
    /** The next message's sequence number; kept across reconnects, so that an old message is never taken for a new one. */
    private long nextSequence;
    /** The sequence number of the oldest own message not back yet. */
    private long backSequence;

    ChatSlot(Worker worker, int index) {
        super(worker);
        this.room = shared.room;
        this.line = room.reader();
        this.index = index;
        this.sender = index < shared.plan.senders();
        this.inFlight = shared.plan.inFlight();
        this.size = shared.plan.size();
        this.marker = room.markerLine(index);
        int joinBytes = room.joinLine().length;
        this.out = ByteBuffer.allocate(joinBytes + marker.length + (sender ? inFlight * (size + 1) : 0));
    }

    /** What a run's buffers take for a chat member, and for each sender beyond it. */
    static long bufferBytes(int members, int senders, int inFlight, int size) {
        return (long) members * LINE_BYTES + (long) senders * inFlight * (size + 1);
    }

    @Override
    void connected(long now) throws IOException {
        in.clear();
        scanned = 0;
        skipping = false;
        sending = false;
        out.clear();
        out.put(room.joinLine());
        if (!inRoom && !refused) {
            out.put(marker);
        }
        joinedAt = now;
        backSequence = nextSequence;
        flush();
    }

    @Override
    void poll(long now) {
        if (!isConnected()) {
            return;
        }
        try {
            if (sender && !sending && room.started()) {
                sending = true;
                send(now);
            }
        } catch (IOException e) {
            failed(ErrorKind.of(e), now);
        }
    }

    /** Sends messages until {@code --in-flight} of them are out, and waits for the oldest for {@code --timeout}. */
    private void send(long now) throws IOException {
        // Bounded by --in-flight.
        while (nextSequence - backSequence < inFlight) {
            room.writeMessage(out, index, nextSequence++, now, size);
        }
        waitUntil(now + shared.connectTimeoutNanos);
        flush();
    }

    /** Writes what {@link #out} holds; wants writability while some is left. */
    private void flush() throws IOException {
        out.flip();
        channel.write(out);
        out.compact();
        key.interestOps(out.position() > 0 ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    @Override
    void writable(long now) throws IOException {
        flush();
    }

    @Override
    void readable(long now) throws IOException {
        for (int i = 0; i < READS_PER_EVENT && isConnected(); i++) {
            int n = channel.read(in);
            if (n < 0) {
                failed(ErrorKind.CLOSED, now);
                return;
            }
            if (n == 0) {
                return;
            }
            lines(now);
        }
    }

    /** Handles every whole line in {@link #in} and keeps the partial one at its start. */
    private void lines(long now) throws IOException {
        byte[] bytes = in.array();
        int end = in.position();
        int start = 0;
        for (int i = scanned; i < end; i++) {
            if (bytes[i] == '\n') {
                if (skipping) {
                    skipping = false;
                } else {
                    handle(bytes, start, i, now);
                }
                start = i + 1;
            }
        }
        if (start == 0 && end == bytes.length) {
            skipping = true; // a line longer than the buffer: not one of the run's, so not worth keeping
            in.clear();
            scanned = 0;
            return;
        }
        System.arraycopy(bytes, start, bytes, 0, end - start);
        in.position(end - start);
        scanned = end - start;
    }

    private void handle(byte[] bytes, int from, int to, long now) throws IOException {
        switch (line.read(bytes, from, to)) {
            case JOINED -> {
                if (!inRoom && !refused) {
                    inRoom = true;
                    room.entered();
                }
            }
            case MARKER -> {
                if (line.sender == index && !inRoom && !refused) {
                    refused = true;
                    room.refused();
                }
            }
            case MESSAGE -> received(to + 1 - from, now);
            case WARNING -> {
                tally.error(ErrorKind.WARNED, now);
                room.warned(line.text());
            }
            case OTHER -> {
                // The welcome, joins, history of the lobby: not the bench's business.
            }
        }
    }

    private void received(int bytes, long now) throws IOException {
        if (line.sentAt - joinedAt < 0 || line.sender >= shared.plan.connections()) {
            return; // history from before this member joined, or not a member of this run
        }
        tally.operation(line.sentAt, now, bytes);
        if (line.sender == index && sending && line.sequence >= backSequence && line.sequence < nextSequence) {
            backSequence = line.sequence + 1;
            succeeded();
            stopWaiting();
            send(now);
        }
    }
}
