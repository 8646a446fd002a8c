package dev.socklab.cli;

import java.util.ArrayList;
import java.util.List;

import dev.socklab.arena.EntityState;
import dev.socklab.arena.Physics;
import dev.socklab.client.arena.ArenaFrame;

/**
 * The arena in characters, as {@code socklab play} draws it: a cell of 16 by 16 units is one
 * character; the arena's edge is a frame of {@code #}, its floor blank with a dot every few cells
 * (so that moving shows when the view follows the player); {@code @} is the own player, the others
 * the first letter of their nicknames; a shot is a line of {@code - | / \} along its direction for
 * as long as snapshots show it. When the arena is larger than the space given, the view follows
 * the own player, held inside the arena.
 */
final class ArenaPicture {
    private static final int CELL = Physics.UNITS_PER_CELL;
    /** The floor's dots, every so many cells: a sparse grid the eye can follow. */
    private static final int DOT_COLUMNS = 8;
    private static final int DOT_ROWS = 4;
    /** A shot's character by facing, 0 east to 7 south-east, counter-clockwise. */
    private static final char[] SHOT = {'-', '/', '|', '\\', '-', '/', '|', '\\'};

    private ArenaPicture() {
    }

    /** {@code frame} drawn in {@code columns} by {@code rows} characters, one string a row. */
    static List<String> draw(ArenaFrame frame, int columns, int rows) {
        // Cells with the frame around them: -1 and the count are the edge.
        int cellsX = Math.ceilDiv(frame.width(), CELL);
        int cellsY = Math.ceilDiv(frame.height(), CELL);
        int centreX = frame.self().map(s -> s.x() / CELL).orElse(cellsX / 2);
        int centreY = frame.self().map(s -> s.y() / CELL).orElse(cellsY / 2);
        int left = origin(centreX, columns, cellsX);
        int top = origin(centreY, rows, cellsY);

        char[][] grid = new char[rows][columns];
        for (int row = 0; row < rows; row++) {
            for (int column = 0; column < columns; column++) {
                grid[row][column] = floor(left + column, top + row, cellsX, cellsY);
            }
        }
        List<EntityState> everyone = new ArrayList<>(frame.others());
        frame.self().ifPresent(everyone::add);
        for (EntityState player : everyone) {
            if (player.fired()) {
                shot(grid, player, left, top, cellsX, cellsY);
            }
        }
        for (EntityState other : frame.others()) {
            put(grid, other.x() / CELL - left, other.y() / CELL - top, letter(other.name()));
        }
        frame.self().ifPresent(self -> put(grid, self.x() / CELL - left, self.y() / CELL - top, '@'));

        List<String> lines = new ArrayList<>(rows);
        for (char[] row : grid) {
            lines.add(new String(row));
        }
        return lines;
    }

    /**
     * The first cell shown along one axis: the whole arena with its edge from the start when it
     * fits, else {@code centre} in the middle, held so that the view ends at the edge.
     */
    private static int origin(int centre, int shown, int cells) {
        int first = -1;
        int last = cells - shown + 1; // the view ends at the far edge
        if (last <= first) {
            return first;
        }
        return Math.clamp(centre - shown / 2, first, last);
    }

    private static char floor(int x, int y, int cellsX, int cellsY) {
        if (x < -1 || y < -1 || x > cellsX || y > cellsY) {
            return ' ';
        }
        if (x == -1 || y == -1 || x == cellsX || y == cellsY) {
            return '#';
        }
        return x % DOT_COLUMNS == 0 && y % DOT_ROWS == 0 ? '.' : ' ';
    }

    /** A shot from {@code shooter} along its facing, as far as a shot reaches or to the edge. */
    private static void shot(char[][] grid, EntityState shooter, int left, int top, int cellsX, int cellsY) {
        int dx = Physics.dx(shooter.facing());
        int dy = Physics.dy(shooter.facing());
        double stepUnits = CELL * Math.hypot(dx, dy);
        int steps = (int) (Physics.RANGE / stepUnits);
        int x = shooter.x() / CELL;
        int y = shooter.y() / CELL;
        for (int i = 1; i <= steps; i++) {
            x += dx;
            y += dy;
            if (x < 0 || y < 0 || x >= cellsX || y >= cellsY) {
                return;
            }
            put(grid, x - left, y - top, SHOT[shooter.facing()]);
        }
    }

    private static void put(char[][] grid, int column, int row, char c) {
        if (row >= 0 && row < grid.length && column >= 0 && column < grid[row].length) {
            grid[row][column] = c;
        }
    }

    /**
     * A player's mark: the nickname's first character when it is a letter or digit one column wide
     * (Latin, Greek, Cyrillic and the like), else {@code *}; never {@code @}, the own player's.
     */
    static char letter(String name) {
        int first = name.isEmpty() ? '*' : name.codePointAt(0);
        return Character.isLetterOrDigit(first) && first < 0x0530 ? (char) first : '*';
    }
}
