package dev.socklab.services.chat;

import java.nio.ByteBuffer;
import java.time.Duration;

import dev.socklab.service.Outbox;

/**
 * One connected member: its nickname, its room, and its outbox. The nickname and room change
 * only in the member's own thread; other threads read them to address it.
 */
public final class Member {
    private final Outbox outbox;
    private final Delivery delivery;
    private volatile String nick;
    private volatile Room room;

    public Member(Outbox outbox, Delivery delivery, String nick) {
        this.outbox = outbox;
        this.delivery = delivery;
        this.nick = nick;
    }

    public String nick() {
        return nick;
    }

    public void nick(String value) {
        nick = value;
    }

    /** The room the member is in, or null when in none (the lobby was full when it came). */
    Room room() {
        return room;
    }

    void room(Room value) {
        room = value;
    }

    /**
     * Queues a line for this member, never waiting, unless the server is stopping; a member too far behind is
     * being disconnected, and gets nothing.
     */
    public void send(ByteBuffer line) {
        delivery.send(this, line);
    }

    /** Holds the member to new bounds of its outbox from its next line ({@link Outbox#bounds}). */
    void bounds(int maxBytes, Duration maxLag) {
        outbox.bounds(maxBytes, maxLag);
    }

    /** Queues a line with no regard to the server stopping: for {@link Delivery} alone, which asks that first. */
    void queue(ByteBuffer line) {
        outbox.offer(line);
    }
}
