package dev.socklab.arena;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one player sees of the arena at one snapshot: a few entities, by id, itself among them.
 * A snapshot is sent as the {@link #deltaFrom difference} from the last view the player acknowledged,
 * and the player rebuilds the view by {@link #apply applying} it to its copy of that baseline.
 */
public record View(List<EntityState> entities) {
    /** The view before any snapshot: what a full snapshot is the difference from. */
    public static final View EMPTY = new View(List.of());

    /**
     * @throws IllegalArgumentException if the entities are not in strictly increasing id order
     */
    public View {
        entities = List.copyOf(entities);
        for (int i = 1; i < entities.size(); i++) {
            if (entities.get(i - 1).id() >= entities.get(i).id()) {
                throw new IllegalArgumentException("a view's entities go by increasing id");
            }
        }
    }

    /** Entity {@code id}, if this view has it. */
    public Optional<EntityState> find(int id) {
        int low = 0;
        int high = entities.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int midId = entities.get(mid).id();
            if (midId < id) {
                low = mid + 1;
            } else if (midId > id) {
                high = mid - 1;
            } else {
                return Optional.of(entities.get(mid));
            }
        }
        return Optional.empty();
    }

    /** The entries that take {@code baseline} to this view, by increasing id: new, changed and removed entities. */
    public List<EntityDelta> deltaFrom(View baseline) {
        List<EntityState> before = baseline.entities;
        List<EntityDelta> deltas = new ArrayList<>(before.size() + entities.size());
        int i = 0;
        int j = 0;
        while (i < before.size() || j < entities.size()) {
            EntityState b = i < before.size() ? before.get(i) : null;
            EntityState a = j < entities.size() ? entities.get(j) : null;
            if (a == null || b != null && b.id() < a.id()) {
                deltas.add(EntityDelta.removed(b.id()));
                i++;
            } else if (b == null || a.id() < b.id()) {
                deltas.add(EntityDelta.full(a));
                j++;
            } else {
                EntityDelta changed = EntityDelta.between(b, a);
                if (changed != null) {
                    deltas.add(changed);
                }
                i++;
                j++;
            }
        }
        return deltas;
    }

    /**
     * This view (the baseline) with {@code deltas} applied: the view the sender encoded.
     *
     * @throws MalformedPacketException if the entries do not fit this baseline: out of order, a new
     *     entity without every field, a change or removal of an entity the baseline does not have
     */
    public View apply(List<EntityDelta> deltas) throws MalformedPacketException {
        List<EntityState> after = new ArrayList<>(entities.size() + deltas.size());
        int i = 0;
        int lastId = -1;
        for (EntityDelta delta : deltas) {
            if (delta.id() <= lastId) {
                throw new MalformedPacketException("a snapshot's entities go by increasing id");
            }
            lastId = delta.id();
            while (i < entities.size() && entities.get(i).id() < delta.id()) {
                after.add(entities.get(i++));
            }
            EntityState base = i < entities.size() && entities.get(i).id() == delta.id() ? entities.get(i++) : null;
            if (delta.mask() == EntityDelta.REMOVED) {
                if (base == null) {
                    throw new MalformedPacketException("a snapshot removes entity " + delta.id()
                            + ", which its baseline does not have");
                }
            } else if (base != null) {
                after.add(delta.applyTo(base));
            } else if (delta.mask() == EntityDelta.FULL) {
                after.add(delta.toState());
            } else {
                throw new MalformedPacketException("a snapshot changes entity " + delta.id()
                        + ", which its baseline does not have");
            }
        }
        while (i < entities.size()) {
            after.add(entities.get(i++));
        }
        return new View(after);
    }
}
