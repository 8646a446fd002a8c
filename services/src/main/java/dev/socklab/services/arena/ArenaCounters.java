package dev.socklab.services.arena;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What an arena has done since it was made: players, ticks and their times, and the packets it
 * dropped, by reason. Live: each method reads the count as it is now. Safe to read from any thread.
 */
public final class ArenaCounters {
    private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);
    private final AtomicInteger players = new AtomicInteger();
    private final LongAdder joined = new LongAdder();
    private final LongAdder left = new LongAdder();
    private final LongAdder ticks = new LongAdder();
    private final LongAdder skippedTicks = new LongAdder();
    private final LongAdder snapshots = new LongAdder();
    private final LongAdder warnings = new LongAdder();
    private final LongAdder inputsApplied = new LongAdder();
    private final LongAdder inputsSkipped = new LongAdder();
    private final TickTimes tickTimes = new TickTimes();

    ArenaCounters() {
        for (DropReason reason : DropReason.values()) {
            dropped.put(reason, new LongAdder());
        }
    }

    /** Packets dropped for {@code reason}. */
    public long dropped(DropReason reason) {
        return dropped.get(reason).sum();
    }

    /** Packets dropped, for any reason. */
    public long dropped() {
        return dropped.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Players in the arena now. */
    public int players() {
        return players.get();
    }

    /** Players who joined, in all. */
    public long joined() {
        return joined.sum();
    }

    /** Players who left, for any reason, in all. */
    public long left() {
        return left.sum();
    }

    /** Ticks run. */
    public long ticks() {
        return ticks.sum();
    }

    /** Ticks not run because the tick thread was over a tick late: what an overloaded server gives up, rather than a burst. */
    public long skippedTicks() {
        return skippedTicks.sum();
    }

    /** Snapshots sent, to all players. */
    public long snapshots() {
        return snapshots.sum();
    }

    /** WARNINGs sent, to all players. */
    public long warnings() {
        return warnings.sum();
    }

    /** Inputs applied to the simulation. */
    public long inputsApplied() {
        return inputsApplied.sum();
    }

    /** Inputs never applied because their client gave them up (a gap in the input numbers). */
    public long inputsSkipped() {
        return inputsSkipped.sum();
    }

    /** The tick time under which {@code fraction} of the ticks ran (0.5, 0.99), in microseconds, to within 25%. */
    public long tickMicros(double fraction) {
        return tickTimes.percentileMicros(fraction);
    }

    /** The longest tick, in microseconds. */
    public long maxTickMicros() {
        return tickTimes.maxMicros();
    }

    void dropped(DropReason reason, long n) {
        dropped.get(reason).add(n);
    }

    void joined(int now) {
        joined.increment();
        players.set(now);
    }

    void left(int now) {
        left.increment();
        players.set(now);
    }

    void ticked(long nanos) {
        ticks.increment();
        tickTimes.record(nanos);
    }

    void skipped(long n) {
        skippedTicks.add(n);
    }

    void snapshotSent() {
        snapshots.increment();
    }

    void warned() {
        warnings.increment();
    }

    void applied(long n) {
        inputsApplied.add(n);
    }

    void skippedInputs(long n) {
        inputsSkipped.add(n);
    }
}
