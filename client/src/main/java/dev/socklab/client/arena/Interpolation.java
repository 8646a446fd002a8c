package dev.socklab.client.arena;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import dev.socklab.arena.EntityState;
import dev.socklab.arena.Physics;
import dev.socklab.arena.View;

/**
 * Where the other players are drawn: at the newest snapshot, or, interpolated, a fixed delay in the
 * past (two snapshot intervals), between the two snapshots received around that time, moving in a
 * straight line from one to the next. The delay trades a little lateness for smooth movement: at
 * any time there is usually a snapshot on either side, even when one is lost.
 *
 * <p>Snapshots are placed in time by when they arrived, as in Gambetta's demo, so that jitter on
 * the way shows as uneven movement. A player who moved further between two snapshots than the rules
 * allow in their ticks was put there (a respawn after a hit) and is not slid across the arena.
 */
final class Interpolation {
    /** Snapshots kept: far more than two intervals' worth at any rate the protocol allows. */
    private static final int KEPT = 32;

    private record Received(long nanos, long tick, View view) {
    }

    private final long delayNanos;
    private final ArrayDeque<Received> received = new ArrayDeque<>();

    /** Others drawn {@code delayNanos} in the past when interpolating. */
    Interpolation(long delayNanos) {
        this.delayNanos = delayNanos;
    }

    /** A snapshot of server tick {@code tick}, rebuilt as {@code view}, received at {@code nowNanos}. */
    void add(long nowNanos, long tick, View view) {
        if (received.size() == KEPT) {
            received.removeFirst();
        }
        received.addLast(new Received(nowNanos, tick, view));
    }

    /**
     * The players other than {@code self} as drawn at {@code nowNanos}: interpolated when
     * {@code interpolate}, else as the newest snapshot has them.
     */
    List<EntityState> others(long nowNanos, int self, boolean interpolate) {
        if (received.isEmpty()) {
            return List.of();
        }
        List<EntityState> drawn = interpolate ? at(nowNanos - delayNanos) : received.getLast().view().entities();
        return drawn.stream().filter(e -> e.id() != self).toList();
    }

    /** The entities at {@code renderNanos}: between the snapshots either side, or the nearest one at the ends. */
    private List<EntityState> at(long renderNanos) {
        Received before = null;
        Received after = null;
        Iterator<Received> newestFirst = received.descendingIterator();
        while (newestFirst.hasNext()) {
            Received r = newestFirst.next();
            if (r.nanos() <= renderNanos) {
                before = r;
                break;
            }
            after = r;
        }
        if (before == null) {
            return received.getFirst().view().entities(); // not that far back yet: the oldest there is
        }
        if (after == null) {
            return before.view().entities(); // nothing newer (lost, or late): stay, never guess ahead
        }
        double fraction = (double) (renderNanos - before.nanos()) / (after.nanos() - before.nanos());
        long maxStep = Physics.SPEED * Math.max(1, after.tick() - before.tick());
        List<EntityState> drawn = new ArrayList<>(before.view().entities().size());
        for (EntityState from : before.view().entities()) {
            Optional<EntityState> to = after.view().find(from.id());
            if (to.isEmpty() || Math.abs(to.get().x() - from.x()) > maxStep
                    || Math.abs(to.get().y() - from.y()) > maxStep) {
                drawn.add(from);
            } else {
                drawn.add(from.at(lerp(from.x(), to.get().x(), fraction), lerp(from.y(), to.get().y(), fraction)));
            }
        }
        return drawn;
    }

    private static int lerp(int from, int to, double fraction) {
        return (int) Math.round(from + (to - from) * fraction);
    }
}
