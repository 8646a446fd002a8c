package dev.socklab.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

import dev.socklab.text.Durations;

/**
 * A download's progress on one line of a terminal, redrawn in place with a carriage return: the
 * bytes so far, the total and the share done when the server said how long the body is, the
 * rate, and for a file transfer the time left. Redrawn at most every {@link #REDRAW_EVERY_NANOS},
 * so that a fast download spends its time on the body, not the terminal; once more at the end,
 * then the line is ended.
 *
 * <pre>
 *  42% [==========>              ] 4.2 MiB of 10.0 MiB  1.3 MiB/s
 * </pre>
 */
final class ProgressBar implements LongConsumer {
    /** Five redraws a second: smooth to the eye, nothing to the download. */
    static final long REDRAW_EVERY_NANOS = 200_000_000L;
    private static final int BAR_WIDTH = 24;

    private final PrintStream err;
    private final long start;
    private final OptionalLong total;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private boolean timeLeft;
    private long lastDrawn = Long.MIN_VALUE;
    private long done;
    private int drawnLength;

    /**
     * @param err where the line is drawn: standard error, a terminal
     * @param start bytes the file held already (a resumed download), counted as done but not in the rate
     * @param total the whole resource's length, start included, when the server said it
     * @param nanoTime the clock, {@code System::nanoTime} but in tests
     */
    ProgressBar(PrintStream err, long start, OptionalLong total, LongSupplier nanoTime) {
        this.err = err;
        this.start = start;
        this.total = total;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
        this.done = start;
    }

    /** The same bar with the time left at the end of its line, once the total and a rate are known: {@code  3s left}. */
    ProgressBar showingTimeLeft() {
        timeLeft = true;
        return this;
    }

    /** The body's bytes copied so far, not counting {@code start}. */
    @Override
    public void accept(long copied) {
        done = start + copied;
        long now = nanoTime.getAsLong();
        if (lastDrawn == Long.MIN_VALUE || now - lastDrawn >= REDRAW_EVERY_NANOS) {
            draw(now);
        }
    }

    /** Draws the last state and ends the line, so that whatever is printed next starts on a line of its own. */
    void finish() {
        draw(nanoTime.getAsLong());
        err.println();
        err.flush();
    }

    private void draw(long now) {
        lastDrawn = now;
        String line = line(now);
        // Spaces over what is left of a longer line drawn before.
        err.print("\r" + line + " ".repeat(Math.max(0, drawnLength - line.length())));
        err.flush();
        drawnLength = line.length();
    }

    /** The line as drawn at {@code now}. */
    String line(long now) {
        double seconds = (now - startNanos) / 1e9;
        String rate = seconds > 0 ? "  " + size((long) ((done - start) / seconds)) + "/s" : "";
        if (total.isEmpty() || total.getAsLong() <= 0) {
            return size(done) + rate;
        }
        long whole = total.getAsLong();
        int percent = (int) Math.min(100, done * 100 / whole);
        int filled = (int) Math.min(BAR_WIDTH, done * BAR_WIDTH / whole);
        String bar = "=".repeat(filled) + (filled < BAR_WIDTH ? ">" + " ".repeat(BAR_WIDTH - filled - 1) : "");
        String line = String.format(Locale.ROOT, "%3d%% [%s] %s of %s%s", percent, bar, size(done), size(whole), rate);
        return timeLeft ? line + left(whole, seconds) : line;
    }

    /** {@code  12s left}, at the rate so far; nothing before the first bytes or after the last. */
    private String left(long whole, double seconds) {
        long moved = done - start;
        if (seconds <= 0 || moved <= 0 || done >= whole) {
            return "";
        }
        long secondsLeft = (long) Math.ceil((whole - done) / (moved / seconds));
        return "  " + Durations.format(Duration.ofSeconds(secondsLeft)) + " left";
    }

    /** {@code 512 B}, {@code 4.2 KiB}, {@code 10.0 MiB}, {@code 1.5 GiB}. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes / 1024.0;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
