package dev.socklab.arena;

/**
 * The arena's rules of motion and fire, in integers so that the server, the Java client and the
 * browser's JavaScript compute exactly the same positions: a client that predicts its own move with
 * {@link #move} lands where the server will put it, and reconciliation then corrects nothing.
 */
public final class Physics {
    /** Arena units to a cell: what the terminal draws as one character. */
    public static final int UNITS_PER_CELL = 16;
    /** How far one input moves a player along each axis it presses (diagonals go further, as in many games). */
    public static final int SPEED = 4;
    /** A shot hits a player whose centre passes within this distance of its line. */
    public static final int HIT_RADIUS = 12;
    /** How far a shot reaches. */
    public static final int RANGE = 320;
    /** Ticks between two shots of one player. */
    public static final int COOLDOWN_TICKS = 10;
    /** Health a hit takes: three hits end a player. */
    public static final int DAMAGE = 34;
    public static final int MAX_HEALTH = 100;
    /** Ticks a shot stays visible in snapshots, longer than the gap between two snapshots. */
    public static final int FIRED_TICKS = 3;

    /** Direction d's step along x: 0 east, 1 north-east, 2 north, ... 7 south-east; y grows downwards, as on a screen. */
    private static final int[] DX = {1, 1, 0, -1, -1, -1, 0, 1};
    private static final int[] DY = {0, -1, -1, -1, 0, 1, 1, 1};

    private Physics() {
    }

    /** Direction {@code facing}'s step along x: -1, 0 or 1. */
    public static int dx(int facing) {
        return DX[facing];
    }

    /** Direction {@code facing}'s step along y: -1, 0 or 1 (down is positive). */
    public static int dy(int facing) {
        return DY[facing];
    }

    /**
     * Where one input takes a player: {@link #SPEED} along each axis pressed (opposite keys cancel),
     * held inside the arena, facing the way it moved (or as before, when it did not move).
     */
    public static EntityState move(EntityState player, int buttons, int width, int height) {
        int sx = ((buttons & Buttons.RIGHT) != 0 ? 1 : 0) - ((buttons & Buttons.LEFT) != 0 ? 1 : 0);
        int sy = ((buttons & Buttons.DOWN) != 0 ? 1 : 0) - ((buttons & Buttons.UP) != 0 ? 1 : 0);
        if (sx == 0 && sy == 0) {
            return player;
        }
        int x = Math.clamp(player.x() + sx * SPEED, 0, width - 1);
        int y = Math.clamp(player.y() + sy * SPEED, 0, height - 1);
        return new EntityState(player.id(), x, y, facing(sx, sy), player.fired(), player.health(), player.score(),
                player.name());
    }

    /** The direction of the step (sx, sy), each -1, 0 or 1 and not both 0. */
    static int facing(int sx, int sy) {
        for (int d = 0; d < DX.length; d++) {
            if (DX[d] == sx && DY[d] == sy) {
                return d;
            }
        }
        throw new IllegalArgumentException("no direction for a step of (" + sx + ", " + sy + ")");
    }

    /**
     * How far along a shot from {@code shooter} the point (x, y) lies, as the dot product with the
     * facing's step, if the shot hits a player there; -1 if it misses. A smaller value is nearer.
     */
    static long hitDistance(EntityState shooter, int x, int y) {
        int dx = DX[shooter.facing()];
        int dy = DY[shooter.facing()];
        long rx = x - shooter.x();
        long ry = y - shooter.y();
        long along = rx * dx + ry * dy;
        long norm = (long) dx * dx + (long) dy * dy;
        if (along <= 0 || along * along > (long) RANGE * RANGE * norm) {
            return -1;
        }
        // The squared distance from the line, times norm, kept in integers.
        long off = norm * (rx * rx + ry * ry) - along * along;
        return off <= (long) HIT_RADIUS * HIT_RADIUS * norm ? along : -1;
    }
}
