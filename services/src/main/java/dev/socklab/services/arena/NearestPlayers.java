package dev.socklab.services.arena;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.socklab.arena.EntityState;
import dev.socklab.arena.PacketCodec;
import dev.socklab.arena.View;

/**
 * What one player sees: itself and the {@code PacketCodec.MAX_VIEW - 1} players nearest to it (the
 * lower id first at equal distance), so that a snapshot stays small however many play. One pass over
 * the players, keeping the nearest so far in a small sorted array: about n steps a player, not
 * n log n. The tick thread alone uses it; it reuses its arrays from one view to the next.
 */
final class NearestPlayers {
    private static final int OTHERS = PacketCodec.MAX_VIEW - 1;

    /** The nearest so far, each as its squared distance above the index in {@code players}, ascending. */
    private final long[] nearest = new long[OTHERS];

    /**
     * The view of the player at {@code self} in {@code players}, which go by increasing id (as the
     * simulation lists them).
     */
    View of(List<EntityState> players, int self) {
        EntityState me = players.get(self);
        int kept = 0;
        for (int i = 0; i < players.size(); i++) {
            if (i == self) {
                continue;
            }
            EntityState other = players.get(i);
            long dx = other.x() - me.x();
            long dy = other.y() - me.y();
            // Distances are below 2^33 (65,535 units each way), the index below 2^16: one long orders both.
            long key = (dx * dx + dy * dy) << 16 | i;
            if (kept < OTHERS) {
                insert(key, kept++);
            } else if (key < nearest[OTHERS - 1]) {
                insert(key, OTHERS - 1);
            }
        }
        int[] chosen = new int[kept + 1];
        for (int k = 0; k < kept; k++) {
            chosen[k] = (int) (nearest[k] & 0xFFFF);
        }
        chosen[kept] = self;
        Arrays.sort(chosen);
        List<EntityState> seen = new ArrayList<>(chosen.length);
        for (int i : chosen) {
            seen.add(players.get(i));
        }
        return new View(seen);
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
