package dev.socklab.arena;

/**
 * One entity's entry in a snapshot: the fields that changed since the baseline the snapshot is
 * encoded against, named by {@code mask}. An entity new to the view carries them all ({@link #FULL});
 * one that left it carries {@link #REMOVED} alone. Fields the mask leaves out are 0 (or null) here
 * and mean "as in the baseline".
 */
public record EntityDelta(int id, int mask, int x, int y, int flags, int health, int score, String name) {
    public static final int X = 1;
    public static final int Y = 2;
    public static final int FLAGS = 4;
    public static final int HEALTH = 8;
    public static final int SCORE = 16;
    public static final int NAME = 32;
    /** Every field: what an entity new to the view is sent with. */
    public static final int FULL = X | Y | FLAGS | HEALTH | SCORE | NAME;
    /** The entity left the view (or the arena). */
    public static final int REMOVED = 128;

    /** The entry for {@code state} new to the view: every field. */
    public static EntityDelta full(EntityState state) {
        return new EntityDelta(state.id(), FULL, state.x(), state.y(), state.flags(), state.health(), state.score(),
                state.name());
    }

    /** The entry for entity {@code id}, gone from the view. */
    public static EntityDelta removed(int id) {
        return new EntityDelta(id, REMOVED, 0, 0, 0, 0, 0, null);
    }

    /** The entry that takes {@code before} to {@code after} (the same entity), or null if nothing changed. */
    public static EntityDelta between(EntityState before, EntityState after) {
        int mask = changes(before, after);
        return mask == 0 ? null : new EntityDelta(after.id(), mask, after.x(), after.y(), after.flags(), after.health(),
                after.score(), after.name());
    }

    /** The mask of the fields that differ from {@code before} to {@code after} (the same entity): 0 if none. */
    public static int changes(EntityState before, EntityState after) {
        return (before.x() != after.x() ? X : 0) | (before.y() != after.y() ? Y : 0)
                | (before.flags() != after.flags() ? FLAGS : 0) | (before.health() != after.health() ? HEALTH : 0)
                | (before.score() != after.score() ? SCORE : 0) | (!before.name().equals(after.name()) ? NAME : 0);
    }

    /** {@code before} with this entry's fields applied. */
    public EntityState applyTo(EntityState before) {
        int f = (mask & FLAGS) != 0 ? flags : before.flags();
        return new EntityState(id, (mask & X) != 0 ? x : before.x(), (mask & Y) != 0 ? y : before.y(), f & 7,
                (f & 8) != 0, (mask & HEALTH) != 0 ? health : before.health(), (mask & SCORE) != 0 ? score : before.score(),
                (mask & NAME) != 0 ? name : before.name());
    }

    /** This entry as an entity new to the view (it must be {@link #FULL}). */
    public EntityState toState() {
        return new EntityState(id, x, y, flags & 7, (flags & 8) != 0, health, score, name);
    }
}
