package dev.socklab.arena;

import java.util.Arrays;
import java.util.Objects;

/**
 * A view in a reused array: what a server sending a snapshot to each of hundreds of players a tick
 * builds each view in, and keeps the views it sent as, where a {@link View} would be a record, a
 * list and an array each time, for the young collector to reclaim. At most
 * {@link PacketCodec#MAX_VIEW} entities, by increasing id. Not thread-safe.
 */
public final class ViewBuffer {
    private final EntityState[] entities = new EntityState[PacketCodec.MAX_VIEW];
    private int size;

    /** How many entities it holds. */
    public int size() {
        return size;
    }

    /** Its entity at {@code index}, by increasing id. */
    public EntityState get(int index) {
        return entities[Objects.checkIndex(index, size)];
    }

    /** Empties it, letting go of the entities it held. */
    public void clear() {
        Arrays.fill(entities, 0, size, null);
        size = 0;
    }

    /**
     * Adds {@code state} after the others.
     *
     * @throws IllegalArgumentException if it is full, or {@code state}'s id is not above the last one's
     */
    public void add(EntityState state) {
        if (size == entities.length) {
            throw new IllegalArgumentException("a view holds at most " + PacketCodec.MAX_VIEW + " entities");
        }
        if (size > 0 && entities[size - 1].id() >= state.id()) {
            throw new IllegalArgumentException("a view's entities go by increasing id");
        }
        entities[size++] = state;
    }

    /** Makes it hold what {@code other} holds. */
    public void copyFrom(ViewBuffer other) {
        System.arraycopy(other.entities, 0, entities, 0, other.size);
        Arrays.fill(entities, other.size, Math.max(size, other.size), null);
        size = other.size;
    }

    /** What it holds, as a view of its own. */
    public View toView() {
        return new View(Arrays.asList(entities).subList(0, size));
    }
}
