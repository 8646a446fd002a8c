package dev.socklab.services.connect4;

import java.util.HashMap;
import java.util.Map;

/**
 * The challenges that stand: each player has at most one out, to one other player, until it is
 * accepted, declined, replaced, or its time runs out. Times are {@link System#nanoTime()} values,
 * passed in. Guarded by the lobby's lock.
 */
final class Challenges {
    private record Challenge(Player to, long expires) {
    }

    /** Set again by a reload: challenges made from then on live this long. */
    private volatile long lifetimeNanos;
    private final Map<Player, Challenge> byChallenger = new HashMap<>();

    Challenges(long lifetimeNanos) {
        lifetime(lifetimeNanos);
    }

    /** How long challenges made from now on wait to be accepted. */
    void lifetime(long nanos) {
        this.lifetimeNanos = nanos;
    }

    /** {@code from} challenges {@code to} at {@code now}, in place of any challenge it had out. */
    void put(Player from, Player to, long now) {
        byChallenger.put(from, new Challenge(to, now + lifetimeNanos));
    }

    /** Takes back the challenge {@code from} made of {@code to}, if it stands at {@code now}; whether it did. */
    boolean take(Player from, Player to, long now) {
        Challenge c = byChallenger.get(from);
        if (c == null || c.to() != to) {
            return false;
        }
        byChallenger.remove(from);
        return now - c.expires() < 0;
    }

    /** Forgets every challenge {@code player} made or got: it has started a game, or gone. */
    void dropAll(Player player) {
        byChallenger.remove(player);
        byChallenger.values().removeIf(c -> c.to() == player);
    }
}
