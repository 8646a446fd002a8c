package dev.socklab.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

import dev.socklab.client.TransferProgress;
import dev.socklab.text.Durations;

/**
 * A file transfer's progress for a person: a {@link ProgressBar} with the time left, on standard
 * error when it is a terminal and no trace is printed there; otherwise one summary line at the end,
 * {@code socklab: received 5.0 MiB in 1.20 s (4.2 MiB/s)}.
 */
final class TransferMeter implements TransferProgress {
    private final PrintStream terminal;
    private final PrintWriter err;
    private final boolean drawn;
    private final String verb;
    private final long start;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private ProgressBar bar;
    private long moved;

    /**
     * @param terminal where the bar is drawn: standard error, when it is a terminal
     * @param err where the summary goes: the command's standard error
     * @param drawn whether to draw a bar, rather than print a summary at the end
     * @param verb {@code received} or {@code sent}
     * @param start the bytes a resumed transfer had already, counted in the bar but not the rate
     */
    TransferMeter(PrintStream terminal, PrintWriter err, boolean drawn, String verb, long start,
            LongSupplier nanoTime) {
        this.terminal = terminal;
        this.err = err;
        this.drawn = drawn;
        this.verb = verb;
        this.start = start;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
    }

    /** A meter on standard error: drawn when it is a terminal and {@code --trace} is off, else summed up on {@code err}. */
    static TransferMeter forStandardError(PrintWriter err, boolean trace, String verb, long start) {
        return new TransferMeter(System.err, err, !trace && ServerText.standardErrorIsTerminal(), verb, start,
                System::nanoTime);
    }

    @Override
    public void started(OptionalLong total) {
        if (drawn) {
            OptionalLong whole = total.isPresent() ? OptionalLong.of(start + total.getAsLong()) : total;
            bar = new ProgressBar(terminal, start, whole, nanoTime).showingTimeLeft();
            bar.accept(0);
        }
    }

    @Override
    public void moved(long bytes) {
        moved = bytes;
        if (bar != null) {
            bar.accept(bytes);
        }
    }

    /** Ends the bar's line, or prints the summary of a transfer that was {@code done}; a failed one gets none. */
    void finish(boolean done) {
        if (bar != null) {
            bar.finish();
            return;
        }
        if (!drawn && done) {
            long nanos = nanoTime.getAsLong() - startNanos;
            String rate = nanos > 0 ? " (" + ProgressBar.size((long) (moved / (nanos / 1e9))) + "/s)" : "";
            err.println("socklab: " + verb + " " + ProgressBar.size(moved) + " in " + Durations.elapsed(nanos) + rate);
            err.flush();
        }
    }
}
