package dev.socklab.services.arena;

import java.util.Arrays;
import java.util.List;

import dev.socklab.arena.EntityState;
import dev.socklab.arena.PacketCodec;
import dev.socklab.arena.ViewBuffer;

/**
 * What each player sees: itself and the {@code PacketCodec.MAX_VIEW - 1} players nearest to it (the
 * lower id first at equal distance), so that a snapshot stays small however many play. A tick's
 * players ({@link #of(List)}) are sorted once into a grid of {@value #CELL}-unit cells; each view
 * then looks at the cells in rings around its player, nearest first, and stops once no farther
 * cell can hold a nearer player: a few dozen players looked at a view rather than all of them,
 * with the same answer. The tick thread alone uses it; it reuses its arrays from one tick to the next.
 */
final class NearestPlayers {
    /** A cell's side in units: with 500 players in the default arena, about four a cell. */
    static final int CELL = 128;
    private static final int OTHERS = PacketCodec.MAX_VIEW - 1;

    /** The nearest so far, each as its squared distance above the index in the players, ascending. */
    private final long[] nearest = new long[OTHERS];
    /** A view's players' indexes, to be put in order. */
    private final int[] chosen = new int[OTHERS + 1];
    private List<EntityState> players = List.of();
    private int[] xs = new int[0];
    private int[] ys = new int[0];
    /** The players' indexes, by cell (row by row); cell c's are from {@code cellStart[c]} to {@code cellStart[c + 1]}. */
    private int[] byCell = new int[0];
    private int[] cellStart = new int[0];
    /** Where the next player of each cell goes in {@link #byCell}, while they are sorted. */
    private int[] cellNext = new int[0];
    private int columns;
    private int rows;

    /** Takes {@code tickPlayers}, which go by increasing id (as the simulation lists them), for the views that follow. */
    NearestPlayers of(List<EntityState> tickPlayers) {
        players = tickPlayers;
        int n = tickPlayers.size();
        if (xs.length < n) {
            int size = Math.max(n, xs.length * 2);
            xs = new int[size];
            ys = new int[size];
            byCell = new int[size];
        }
        int maxX = 0;
        int maxY = 0;
        for (int i = 0; i < n; i++) {
            xs[i] = tickPlayers.get(i).x();
            ys[i] = tickPlayers.get(i).y();
            maxX = Math.max(maxX, xs[i]);
            maxY = Math.max(maxY, ys[i]);
        }
        columns = maxX / CELL + 1;
        rows = maxY / CELL + 1;
        int cells = columns * rows;
        if (cellStart.length < cells + 1) {
            cellStart = new int[cells + 1];
            cellNext = new int[cells];
        } else {
            Arrays.fill(cellStart, 0, cells + 1, 0);
        }
        for (int i = 0; i < n; i++) {
            cellStart[cell(i) + 1]++;
        }
        for (int c = 0; c < cells; c++) {
            cellStart[c + 1] += cellStart[c];
        }
        System.arraycopy(cellStart, 0, cellNext, 0, cells);
        for (int i = 0; i < n; i++) {
            byCell[cellNext[cell(i)]++] = i;
        }
        return this;
    }

    private int cell(int i) {
        return ys[i] / CELL * columns + xs[i] / CELL;
    }

    /** Puts in {@code into} the view of the player at {@code self} among the players taken last. */
    void view(int self, ViewBuffer into) {
        int cx = xs[self] / CELL;
        int cy = ys[self] / CELL;
        int kept = 0;
        int widest = Math.max(Math.max(cx, columns - 1 - cx), Math.max(cy, rows - 1 - cy));
        for (int ring = 0; ring <= widest; ring++) {
            // Every player in a cell of this ring or beyond is at least (ring - 1) cells away along one axis.
            long reach = (long) Math.max(0, ring - 1) * CELL;
            if (kept == OTHERS && nearest[OTHERS - 1] >>> 16 < reach * reach) {
                break;
            }
            for (int y = cy - ring; y <= cy + ring; y++) {
                if (y < 0 || y >= rows) {
                    continue;
                }
                boolean edge = y == cy - ring || y == cy + ring;
                for (int x = cx - ring; x <= cx + ring; x += edge || ring == 0 ? 1 : 2 * ring) {
                    if (x >= 0 && x < columns) {
                        kept = consider(self, y * columns + x, kept);
                    }
                }
            }
        }
        for (int k = 0; k < kept; k++) {
            chosen[k] = (int) (nearest[k] & 0xFFFF);
        }
        chosen[kept] = self;
        // The players go by increasing id, so their indexes do too.
        Arrays.sort(chosen, 0, kept + 1);
        into.clear();
        for (int k = 0; k <= kept; k++) {
            into.add(players.get(chosen[k]));
        }
    }

    /** Offers cell {@code cell}'s players to the nearest kept; returns how many are kept now. */
    private int consider(int self, int cell, int kept) {
        long mx = xs[self];
        long my = ys[self];
        for (int k = cellStart[cell]; k < cellStart[cell + 1]; k++) {
            int i = byCell[k];
            if (i == self) {
                continue;
            }
            long dx = xs[i] - mx;
            long dy = ys[i] - my;
            // Distances are below 2^33 (65,535 units each way), the index below 2^16: one long orders both.
            long key = (dx * dx + dy * dy) << 16 | i;
            if (kept < OTHERS) {
                insert(key, kept++);
            } else if (key < nearest[OTHERS - 1]) {
                insert(key, OTHERS - 1);
            }
        }
        return kept;
    }

    /** Puts {@code key} in order among the first {@code length} kept, over what slot {@code length} held. */
    private void insert(long key, int length) {
        int at = length;
        while (at > 0 && nearest[at - 1] > key) {
            nearest[at] = nearest[at - 1];
            at--;
        }
        nearest[at] = key;
    }
}
