package dev.socklab.services.arena;

import java.time.Duration;
import java.util.Objects;

import dev.socklab.netem.NetworkConditions;

/**
 * An arena's rates and bounds.
 *
 * @param tickRate the simulation's ticks a second, 1 to {@value #MAX_TICK_RATE}
 * @param snapshotRate snapshots a second to each player, 1 to {@code tickRate}
 * @param maxPlayers players at once, 1 to {@value #MAX_PLAYERS}; a JOIN past it is refused
 * @param timeout how long a player may send nothing before it is dropped
 * @param conditions what the network does to what the arena sends (lag, loss, ...), for teaching
 */
public record ArenaSettings(int tickRate, int snapshotRate, int maxPlayers, Duration timeout,
                            NetworkConditions conditions) {
    /** A tick rate's most: the WELCOME carries it in a byte, and faster than 120 Hz teaches nothing more. */
    public static final int MAX_TICK_RATE = 120;
    /** The most players an arena holds: player ids are 16-bit. */
    public static final int MAX_PLAYERS = 65_535;
    /** 30 Hz, 20 snapshots a second, 512 players, 10 s of silence, a perfect network. */
    public static final ArenaSettings DEFAULTS = new ArenaSettings(30, 20, 512, Duration.ofSeconds(10),
            NetworkConditions.NONE);

    /** Checks each value; {@link IllegalArgumentException} in one sentence for any out of range. */
    public ArenaSettings {
        if (tickRate < 1 || tickRate > MAX_TICK_RATE) {
            throw new IllegalArgumentException("the tick rate is 1 to " + MAX_TICK_RATE + " Hz, not " + tickRate);
        }
        if (snapshotRate < 1 || snapshotRate > tickRate) {
            throw new IllegalArgumentException("the snapshot rate is 1 to the tick rate (" + tickRate + " Hz), not "
                    + snapshotRate);
        }
        if (maxPlayers < 1 || maxPlayers > MAX_PLAYERS) {
            throw new IllegalArgumentException("an arena holds 1 to " + MAX_PLAYERS + " players, not " + maxPlayers);
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, not " + timeout);
        }
        Objects.requireNonNull(conditions, "conditions");
    }
}
