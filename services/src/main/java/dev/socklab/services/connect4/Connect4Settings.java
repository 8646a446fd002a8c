package dev.socklab.services.connect4;

import java.time.Duration;

import dev.socklab.runtime.SettingException;
import dev.socklab.text.Durations;

/**
 * The connect4 service's limits, each a flag of {@code socklab serve}. docs/services.md gives the
 * reasons for the defaults.
 *
 * @param moveTimeout how long a player may take over a move before the game is lost
 * @param challengeTimeout how long a challenge stands before it can no longer be accepted
 * @param maxPlayers players connected at once, those still choosing a nickname included
 * @param maxGames games under way at once
 * @param maxSpectators spectators of one game
 * @param maxLineBytes the longest line a player may send, in bytes, not counting its end
 * @param rate lines a player may send per second, or 0 for no limit
 * @param burst lines a player may send at once before the rate applies
 * @param idleTimeout how long a player may send nothing (waiting in the lobby, watching) before its connection is closed
 */
public record Connect4Settings(Duration moveTimeout, Duration challengeTimeout, int maxPlayers, int maxGames,
                               int maxSpectators, int maxLineBytes, int rate, int burst, Duration idleTimeout) {
    /** 1 min a move, challenges standing 1 min, 1,000 players, 500 games, 50 spectators a game, 256-byte lines, 5 lines a second in bursts of 10, 30 min quiet. */
    public static final Connect4Settings DEFAULTS = new Connect4Settings(Duration.ofSeconds(60), Duration.ofSeconds(60),
            1000, 500, 50, 256, 5, 10, Duration.ofMinutes(30));

    /** The shortest line that holds the longest command: {@code /challenge} and a nickname of 32 four-byte characters. */
    static final int MIN_LINE = 160;
    /** The longest line allowed: a player's line is held in memory. */
    static final int MAX_LINE = 4096;

    /** Rejects settings that cannot work, naming the flag. */
    public Connect4Settings {
        positive("--connect4-move-timeout", moveTimeout);
        positive("--connect4-challenge-timeout", challengeTimeout);
        positive("--connect4-idle-timeout", idleTimeout);
        atLeast("--connect4-max-players", maxPlayers, 2);
        atLeast("--connect4-max-games", maxGames, 1);
        atLeast("--connect4-max-spectators", maxSpectators, 0);
        atLeast("--connect4-rate", rate, 0);
        atLeast("--connect4-burst", burst, 1);
        if (maxLineBytes < MIN_LINE || maxLineBytes > MAX_LINE) {
            throw new SettingException("--connect4-max-line must be from " + MIN_LINE + " to " + MAX_LINE
                    + " bytes, not " + maxLineBytes);
        }
    }

    private static void atLeast(String flag, int value, int min) {
        if (value < min) {
            throw new SettingException(flag + " must be at least " + min + ", not " + value);
        }
    }

    private static void positive(String flag, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new SettingException(flag + " must be positive, not " + Durations.format(value));
        }
    }
}
