package dev.socklab.client;

import java.math.BigDecimal;
import java.time.Duration;

/** Durations as error messages and trace lines show them: {@code 5s}, {@code 1.5s}, {@code 250ms}. */
final class Durations {
    private Durations() {
    }

    /** The shortest exact form in seconds, or in milliseconds below one second. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
    }
}
