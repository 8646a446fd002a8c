package dev.socklab.services.arena;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;

/**
 * The arena's dropped packets in the log: one line at most a minute, with the counts by reason since
 * the last line, so that a flood of bad packets cannot flood the log. Thread-safe.
 */
final class DropLog {
    static final long INTERVAL = TimeUnit.MINUTES.toNanos(1);

    private final Logger log;
    private final long[] logged = new long[DropReason.values().length];
    private volatile long next;
    private volatile boolean started;

    DropLog(Logger log) {
        this.log = log;
    }

    /** Logs the drops since the last line, if there are any and a minute has passed since it. */
    void maybeLog(ArenaCounters counters, long now) {
        if (started && now - next < 0) {
            return;
        }
        String line;
        synchronized (this) {
            if (started && now - next < 0) {
                return;
            }
            List<String> parts = new ArrayList<>();
            long total = 0;
            for (DropReason reason : DropReason.values()) {
                long count = counters.dropped(reason);
                long since = count - logged[reason.ordinal()];
                if (since > 0) {
                    parts.add(since + " " + reason);
                    total += since;
                    logged[reason.ordinal()] = count;
                }
            }
            if (total == 0) {
                return;
            }
            started = true;
            next = now + INTERVAL;
            line = "arena: dropped " + total + (total == 1 ? " packet" : " packets") + " (" + String.join(", ", parts)
                    + "); at most a line a minute";
        }
        log.info(line);
    }
}
