package dev.socklab.runtime;

import java.time.Duration;

/** Durations as people read them in logs: {@code 850 us}, {@code 12 ms}, {@code 1.5 s}, {@code 60s}. */
final class Durations {
    private Durations() {
    }

    static String format(long nanos) {
        if (nanos < 1_000_000) {
            return nanos / 1000 + " us";
        }
        if (nanos < 10_000_000_000L) {
            long tenths = nanos / 100_000;
            return tenths < 10_000 ? nanos / 1_000_000 + " ms" : tenths / 10_000 + "." + tenths / 1000 % 10 + " s";
        }
        return nanos / 1_000_000_000 + " s";
    }

    static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
