package dev.socklab.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * How many clock ticks make a second of {@code /proc}'s CPU times, as {@code getconf CLK_TCK} says.
 *
 * @param perSecond ticks a second
 * @param note      empty when getconf said it; otherwise why 100, Linux's usual value, is assumed
 */
record ClockTicks(long perSecond, String note) {
    /** Linux's {@code USER_HZ} on every common architecture. */
    static final long USUAL = 100;
    private static final long GETCONF_SECONDS = 10;

    /** Asks {@code getconf CLK_TCK}, its output in {@code file}; 100, saying so, when it cannot answer. */
    static ClockTicks detect(Children children, Path file) {
        String problem;
        try {
            Process p = children.start(new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true)
                    .redirectOutput(file.toFile()));
            boolean done = p.waitFor(GETCONF_SECONDS, TimeUnit.SECONDS);
            children.stop(p);
            problem = done ? "getconf CLK_TCK printed '" + Logs.text(file).strip() + "'" : "getconf CLK_TCK did not answer";
            if (done && p.exitValue() == 0) {
                return new ClockTicks(Long.parseLong(Logs.text(file).strip()), "");
            }
        } catch (IOException e) {
            problem = "getconf is missing (" + e.getMessage() + ")";
        } catch (NumberFormatException e) {
            problem = "getconf CLK_TCK printed no number";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted while asking getconf CLK_TCK";
        }
        return new ClockTicks(USUAL, problem + ": CPU times assume " + USUAL + " clock ticks a second");
    }

    /** {@code ticks} in seconds. */
    double seconds(long ticks) {
        return (double) ticks / perSecond;
    }
}
