package dev.socklab.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the bots of one {@link ArenaWorker} counted, touched by its thread alone and merged after the
 * run. Rates count only inside the run's counted window; join failures, undecodable snapshots,
 * warnings and drops count from the start, since any of them says the run is not what it claims.
 */
final class ArenaTally {
    final Window window;
    /** The newest tick whose time is recorded, shared by every worker, so that each tick counts once. */
    private final AtomicLong newestTick;
    final long[] joinFailures = new long[JoinFailure.values().length];
    long joined;
    /** Snapshots applied to their baseline while counting. */
    long snapshots;
    /** Snapshot numbers skipped while counting: never arrived, or arrived after a later one. */
    long snapshotsLost;
    /** Snapshots that could not be read, or applied to their baseline, or whose baseline the bot did not have. */
    long undecodable;
    long warnings;
    /** Bots the server sent LEAVE, or whose socket failed, while playing. */
    long dropped;
    long bytesIn;
    long bytesOut;
    /** Time the bots played while counting, in nanoseconds: what the per-player rates are over. */
    long playingNanos;
    /** The most players in the arena a snapshot reported. */
    int players;
    int tickRate;
    int snapshotRate;
    final LatencyHistogram tickTime = new LatencyHistogram();
    final LatencyHistogram roundTrip = new LatencyHistogram();

    ArenaTally(Window window, AtomicLong newestTick) {
        this.window = window;
        this.newestTick = newestTick;
    }

    /** Records the server's last tick time, in microseconds, the first time a snapshot of {@code tick} arrives. */
    void tickTime(long tick, long micros, long now) {
        long newest = newestTick.get();
        if (tick > newest && newestTick.compareAndSet(newest, tick) && window.counting(now)) {
            tickTime.record(micros * 1_000);
        }
    }

    /** Adds another worker's counts. */
    void add(ArenaTally other) {
        for (int i = 0; i < joinFailures.length; i++) {
            joinFailures[i] += other.joinFailures[i];
        }
        joined += other.joined;
        snapshots += other.snapshots;
        snapshotsLost += other.snapshotsLost;
        undecodable += other.undecodable;
        warnings += other.warnings;
        dropped += other.dropped;
        bytesIn += other.bytesIn;
        bytesOut += other.bytesOut;
        playingNanos += other.playingNanos;
        players = Math.max(players, other.players);
        tickRate = Math.max(tickRate, other.tickRate);
        snapshotRate = Math.max(snapshotRate, other.snapshotRate);
        tickTime.add(other.tickTime);
        roundTrip.add(other.roundTrip);
    }
}
