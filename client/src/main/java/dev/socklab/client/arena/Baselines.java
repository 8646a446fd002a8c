package dev.socklab.client.arena;

import java.util.Optional;
import java.util.TreeMap;

import dev.socklab.arena.View;

/**
 * The views a client rebuilt from its newest snapshots, by number: what the next snapshot may be
 * the difference from. The server encodes against the one the client acknowledged, which may be a
 * few behind the newest while INPUTs are on their way, so several are kept.
 */
final class Baselines {
    /** As many as the server keeps to encode against (docs/services.md). */
    static final int KEPT = 32;

    private final TreeMap<Long, View> views = new TreeMap<>();

    /** View number {@code seq}: {@link View#EMPTY} for 0, the baseline of a full snapshot; empty if not kept. */
    Optional<View> find(long seq) {
        return seq == 0 ? Optional.of(View.EMPTY) : Optional.ofNullable(views.get(seq));
    }

    /** Keeps {@code view} as number {@code seq}, forgetting the oldest past {@link #KEPT}. */
    void keep(long seq, View view) {
        views.put(seq, view);
        if (views.size() > KEPT) {
            views.pollFirstEntry();
        }
    }
}
