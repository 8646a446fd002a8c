package dev.socklab.client.arena;

import java.time.Duration;
import java.util.Optional;

/**
 * How the game's traffic goes, as a client's status line shows it.
 *
 * @param roundTrip the time from sending an input to the snapshot that names it as the last
 *     applied, less the time the server held it: the mean over the last seconds; empty before the
 *     first
 * @param loss the fraction of snapshots missing from the numbers received over the last seconds,
 *     0 to 1: gaps in the numbering, and snapshots that came too late to be used
 * @param snapshotsPerSecond the snapshots used in the last second
 * @param corrections how many snapshots reconciliation moved the own player by: 0 while the
 *     prediction agrees with the server, as it does with no loss, since both run the same rules
 */
public record ArenaStats(Optional<Duration> roundTrip, double loss, int snapshotsPerSecond, long corrections) {
}
