package dev.socklab.services.arena;

/** Why the arena dropped a packet without acting on it: each is counted ({@link ArenaCounters#dropped}). */
public enum DropReason {
    /** Not an arena packet, cut short, past a bound (255 inputs, 65,535 entities), or a server's packet from a client. */
    MALFORMED("malformed"),
    /** A JOIN whose cookie this server did not make for that address, or made over 10 seconds ago. */
    BAD_COOKIE("bad cookie"),
    /** A session id no player has. */
    UNKNOWN_SESSION("unknown session"),
    /** A player's session id from another address than the player's. */
    WRONG_ADDRESS("wrong address"),
    /** An INPUT whose packet number was seen already, or is too old to tell (64 behind the newest). */
    REPLAYED("replayed"),
    /** Inputs faster than the tick rate allows, past a burst of a second's inputs. */
    TOO_FAST("too fast"),
    /** An input with a bit no key sets. */
    IMPOSSIBLE("impossible input"),
    /** Inputs arriving while the player's queue already holds 8 not yet applied. */
    QUEUE_FULL("queue full");

    private final String text;

    DropReason(String text) {
        this.text = text;
    }

    /** The reason as log lines write it. */
    @Override
    public String toString() {
        return text;
    }
}
