package dev.socklab.services.connect4;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Connect four's rules, with no player, socket or clock in them: seven columns of six rows; a disc
 * dropped into a column lands on the lowest free row; four discs of one kind in a line (across,
 * up, or on either diagonal) win; a full board with no four is a draw. Columns are numbered 1 to 7,
 * as players type them.
 */
final class Board {
    static final int COLUMNS = 7;
    static final int ROWS = 6;
    /** How many in a line win. */
    private static final int FOUR = 4;

    /** The four ways a line can run, each named as the end of a game tells it. */
    enum Direction {
        ACROSS(1, 0, "four in a row"),
        UP(0, 1, "four in a column"),
        RISING(1, 1, "four on a diagonal"),
        FALLING(1, -1, "four on a diagonal");

        private final int dx;
        private final int dy;
        private final String phrase;

        Direction(int dx, int dy, String phrase) {
            this.dx = dx;
            this.dy = dy;
            this.phrase = phrase;
        }

        /** {@code four in a row}, {@code four in a column}, {@code four on a diagonal}. */
        String phrase() {
            return phrase;
        }
    }

    /** {@code cells[row][column]}, row 0 at the bottom, column 0 the first; null where empty. */
    private final Disc[][] cells = new Disc[ROWS][COLUMNS];
    private final int[] heights = new int[COLUMNS];
    private int moves;

    /** Whether {@code column} (1 to 7) has no room for another disc. */
    boolean isFull(int column) {
        return heights[index(column)] == ROWS;
    }

    /** Whether every column is full: with no four, a draw. */
    boolean isFull() {
        return moves == ROWS * COLUMNS;
    }

    /** Discs dropped so far. */
    int moves() {
        return moves;
    }

    /**
     * Drops {@code disc} into {@code column} (1 to 7), which must have room.
     *
     * @return the line of four or more that this disc completes, if it does
     * @throws IllegalArgumentException if {@code column} is not 1 to 7, or is full
     */
    Optional<Direction> drop(int column, Disc disc) {
        int x = index(column);
        if (heights[x] == ROWS) {
            throw new IllegalArgumentException("column " + column + " is full");
        }
        int y = heights[x]++;
        cells[y][x] = disc;
        moves++;
        for (Direction d : Direction.values()) {
            if (1 + run(x, y, d.dx, d.dy, disc) + run(x, y, -d.dx, -d.dy, disc) >= FOUR) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /**
     * The board in plain text, top row first, then the column numbers:
     * <pre>
     * | | | | | | | |
     * | | |X|O| | | |
     *  1 2 3 4 5 6 7
     * </pre>
     */
    List<String> lines() {
        List<String> lines = new ArrayList<>(ROWS + 1);
        for (int y = ROWS - 1; y >= 0; y--) {
            StringBuilder row = new StringBuilder("|");
            for (int x = 0; x < COLUMNS; x++) {
                row.append(cells[y][x] == null ? " " : cells[y][x].name()).append('|');
            }
            lines.add(row.toString());
        }
        StringBuilder numbers = new StringBuilder();
        for (int column = 1; column <= COLUMNS; column++) {
            numbers.append(' ').append(column);
        }
        lines.add(numbers.toString());
        return lines;
    }

    /** Discs of {@code disc} next to (x, y) going (dx, dy), not counting (x, y) itself. */
    private int run(int x, int y, int dx, int dy, Disc disc) {
        int n = 0;
        for (int cx = x + dx, cy = y + dy; cx >= 0 && cx < COLUMNS && cy >= 0 && cy < ROWS && cells[cy][cx] == disc;
                cx += dx, cy += dy) {
            n++;
        }
        return n;
    }

    private static int index(int column) {
        if (column < 1 || column > COLUMNS) {
            throw new IllegalArgumentException("no column " + column + ": columns are 1 to " + COLUMNS);
        }
        return column - 1;
    }
}
