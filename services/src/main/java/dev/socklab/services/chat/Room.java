package dev.socklab.services.chat;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A room: its members, and its last messages. Everything said in it is queued to every member
 * under one lock, so all members see one order; queueing never waits for a member (each has an
 * outbox), so the lock is held for microseconds however slow a member is.
 */
final class Room {
    /** How a member's attempt to enter went. */
    enum Entry { ENTERED, FULL, GONE }

    private static final java.util.concurrent.atomic.AtomicLong IDS = new java.util.concurrent.atomic.AtomicLong();

    /** Orders the locks of two rooms, so that two members moving in opposite directions cannot deadlock. */
    private final long id = IDS.incrementAndGet();
    private final String name;
    private final boolean permanent;
    /** The chat's settings as they are now: a reload changes the limits of the rooms already open too. */
    private final Supplier<ChatSettings> settings;
    private final Delivery delivery;
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<Member> members = new LinkedHashSet<>();
    private final ArrayDeque<ByteBuffer> history;
    /** Set when the last member leaves a room that is not permanent: it is then being removed. */
    private boolean gone;

    Room(String name, boolean permanent, Supplier<ChatSettings> settings, Delivery delivery) {
        this.name = name;
        this.permanent = permanent;
        this.settings = settings;
        this.delivery = delivery;
        this.history = new ArrayDeque<>(Math.min(settings.get().history(), 64));
    }

    String name() {
        return name;
    }

    int maxMembers() {
        return settings.get().maxMembers();
    }

    /** Adds {@code member}, replays the history to it, then announces it to everyone, itself included. */
    Entry enter(Member member, ByteBuffer announcement) {
        lock.lock();
        try {
            return admit(member, announcement);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves {@code member} from {@code from} to {@code to} in one step, under both rooms' locks: if {@code to}
     * cannot take it, it stays where it was and neither room hears a thing.
     *
     * @param gone set to whether {@code from} is now gone: it was not permanent and is empty
     */
    static Entry move(Member member, Room from, Room to, ByteBuffer left, ByteBuffer joined, boolean[] gone) {
        Room first = from.id < to.id ? from : to;
        Room second = first == from ? to : from;
        first.lock.lock();
        second.lock.lock();
        try {
            if (to.gone) {
                return Entry.GONE;
            }
            if (to.members.size() >= to.maxMembers()) {
                return Entry.FULL;
            }
            gone[0] = from.remove(member, left);
            return to.admit(member, joined);
        } finally {
            second.lock.unlock();
            first.lock.unlock();
        }
    }

    /** Holding the lock. */
    private Entry admit(Member member, ByteBuffer announcement) {
        if (gone) {
            return Entry.GONE;
        }
        if (members.size() >= maxMembers()) {
            return Entry.FULL;
        }
        members.add(member);
        delivery.send(member, history);
        broadcast(announcement);
        return Entry.ENTERED;
    }

    /**
     * Removes {@code member} and announces it to those left (if the server is not stopping: everyone is
     * leaving then, and the rooms hear no departures).
     *
     * @return true if the room is now gone: it was not permanent and is empty
     */
    boolean leave(Member member, ByteBuffer announcement) {
        lock.lock();
        try {
            return remove(member, announcement);
        } finally {
            lock.unlock();
        }
    }

    /** Holding the lock. */
    private boolean remove(Member member, ByteBuffer announcement) {
        members.remove(member);
        broadcast(announcement);
        gone = members.isEmpty() && !permanent;
        if (gone) {
            history.clear();
        }
        return gone;
    }

    /** A message or an action: to every member, and kept in the history. */
    void say(ByteBuffer line) {
        lock.lock();
        try {
            int historySize = settings.get().history();
            // A reload may have made the history shorter: the oldest lines go first.
            while (!history.isEmpty() && history.size() >= historySize) {
                history.poll();
            }
            if (historySize > 0) {
                history.add(line);
            }
            broadcast(line);
        } finally {
            lock.unlock();
        }
    }

    /** News (a new nickname), to every member, not kept. */
    void announce(ByteBuffer line) {
        lock.lock();
        try {
            broadcast(line);
        } finally {
            lock.unlock();
        }
    }

    /** The members' nicknames, in the order they came. */
    List<String> nicks() {
        lock.lock();
        try {
            List<String> nicks = new ArrayList<>(members.size());
            members.forEach(m -> nicks.add(m.nick()));
            return nicks;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return members.size();
        } finally {
            lock.unlock();
        }
    }

    private void broadcast(ByteBuffer line) {
        delivery.send(members, line);
    }
}
