package dev.socklab.arena;

/**
 * One player as a snapshot carries it. Positions are in arena units (16 to a cell), the centre of
 * the player; {@code facing} is a {@link Physics} direction, 0 (east) to 7, counter-clockwise;
 * {@code fired} is set for {@link Physics#FIRED_TICKS} ticks after a shot, so that a client at 20
 * snapshots a second still sees it.
 */
public record EntityState(int id, int x, int y, int facing, boolean fired, int health, int score, String name) {
    /** The flags byte on the wire: the facing in bits 0 to 2, fired in bit 3. */
    public int flags() {
        return facing | (fired ? 8 : 0);
    }

    /** This state with {@code x} and {@code y}. */
    public EntityState at(int newX, int newY) {
        return new EntityState(id, newX, newY, facing, fired, health, score, name);
    }
}
