package dev.socklab.services.arena;

/**
 * The players by session id, which the receiving threads look up for every packet without a lock
 * and without boxing the id (a map keyed by {@code Integer} makes one for each random id): an
 * open-addressed table, copied on every join and leave (rare beside the packets) and published
 * through one volatile field. Written under the arena's world lock; read from any thread.
 */
final class Sessions {
    private static final int SMALLEST = 16;

    private volatile Player[] table = new Player[SMALLEST];
    private int count;

    /** The player of {@code session}, or null. */
    Player get(int session) {
        Player[] t = table;
        for (int i = slot(session, t.length); ; i = (i + 1) & (t.length - 1)) {
            Player p = t[i];
            if (p == null || p.session == session) {
                return p;
            }
        }
    }

    boolean contains(int session) {
        return get(session) != null;
    }

    /** Adds {@code player}, whose session is not here yet. */
    void add(Player player) {
        count++;
        table = copy(table, null, player);
    }

    /** Removes {@code player}, if here. */
    void remove(Player player) {
        if (get(player.session) == player) {
            count--;
            table = copy(table, player, null);
        }
    }

    /** A table at most half full holding {@code from}'s players but {@code without}, and {@code with}. */
    private Player[] copy(Player[] from, Player without, Player with) {
        int length = SMALLEST;
        while (length < 2 * count) {
            length *= 2;
        }
        Player[] t = new Player[length];
        for (Player p : from) {
            if (p != null && p != without) {
                put(t, p);
            }
        }
        if (with != null) {
            put(t, with);
        }
        return t;
    }

    private static void put(Player[] t, Player p) {
        int i = slot(p.session, t.length);
        while (t[i] != null) {
            i = (i + 1) & (t.length - 1);
        }
        t[i] = p;
    }

    private static int slot(int session, int length) {
        return (session * 0x9E3779B9 >>> 16) & (length - 1);
    }
}
