package dev.socklab.client.arena;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * Gathers what {@link ArenaStats} reports, each figure over a recent window, from events a client
 * notes at the times of its own clock: the snapshots used (and how many numbers were missing before
 * each), and the round trips measured.
 */
final class StatsMeter {
    /** Loss and round trip are averaged over this long: long enough to be steady, short enough to follow a change. */
    static final long WINDOW_NANOS = Duration.ofSeconds(3).toNanos();
    private static final long SECOND_NANOS = Duration.ofSeconds(1).toNanos();

    private record Used(long nanos, long missedBefore) {
    }

    private record RoundTrip(long nanos, long roundTripNanos) {
    }

    private final ArrayDeque<Used> used = new ArrayDeque<>();
    private final ArrayDeque<RoundTrip> roundTrips = new ArrayDeque<>();

    /** A snapshot used at {@code nowNanos}, after {@code missedBefore} numbers that never came (or came too late). */
    void snapshot(long nowNanos, long missedBefore) {
        used.addLast(new Used(nowNanos, missedBefore));
        forget(nowNanos);
    }

    /** A round trip measured at {@code nowNanos}. */
    void roundTrip(long nowNanos, long roundTripNanos) {
        roundTrips.addLast(new RoundTrip(nowNanos, roundTripNanos));
        forget(nowNanos);
    }

    /** The figures as of {@code nowNanos}, with {@code corrections} as counted elsewhere. */
    ArenaStats stats(long nowNanos, long corrections) {
        forget(nowNanos);
        long missed = 0;
        int lastSecond = 0;
        for (Used u : used) {
            missed += u.missedBefore();
            if (nowNanos - u.nanos() < SECOND_NANOS) {
                lastSecond++;
            }
        }
        double loss = used.isEmpty() ? 0 : (double) missed / (missed + used.size());
        Optional<Duration> roundTrip = roundTrips.isEmpty() ? Optional.empty()
                : Optional.of(Duration.ofNanos(Math.round(roundTrips.stream()
                        .mapToLong(RoundTrip::roundTripNanos).average().orElseThrow())));
        return new ArenaStats(roundTrip, loss, lastSecond, corrections);
    }

    private void forget(long nowNanos) {
        while (!used.isEmpty() && nowNanos - used.peekFirst().nanos() >= WINDOW_NANOS) {
            used.removeFirst();
        }
        while (!roundTrips.isEmpty() && nowNanos - roundTrips.peekFirst().nanos() >= WINDOW_NANOS) {
            roundTrips.removeFirst();
        }
    }
}
