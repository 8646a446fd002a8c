package dev.socklab.services.chat;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.concurrent.locks.StampedLock;

/**
 * The one way chat lines reach members' outboxes, closed when the server begins to stop: the
 * runtime queues its shutdown notice to each member after {@link #close} returns, so the notice is
 * every member's last line, however busy the rooms are. Lines are queued under a shared lock, and
 * queueing never waits (outboxes do not block), so closing, which takes the lock alone, waits for
 * microseconds and no line starts after it.
 */
public final class Delivery {
    private final StampedLock lock = new StampedLock();
    /** Guarded by {@link #lock}. */
    private boolean closed;

    /** Queues {@code line} to {@code member}, unless the server is stopping. */
    void send(Member member, ByteBuffer line) {
        long stamp = lock.readLock();
        try {
            if (!closed) {
                member.queue(line);
            }
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Queues {@code lines}, in order, to {@code member}, unless the server is stopping. */
    void send(Member member, Collection<ByteBuffer> lines) {
        long stamp = lock.readLock();
        try {
            if (!closed) {
                lines.forEach(member::queue);
            }
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Queues {@code line} to each of {@code members}, unless the server is stopping. */
    void send(Collection<Member> members, ByteBuffer line) {
        long stamp = lock.readLock();
        try {
            if (!closed) {
                for (Member m : members) {
                    m.queue(line);
                }
            }
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Ends delivery for good; returns once no line is being queued. */
    public void close() {
        long stamp = lock.writeLock();
        closed = true;
        lock.unlockWrite(stamp);
    }
}
