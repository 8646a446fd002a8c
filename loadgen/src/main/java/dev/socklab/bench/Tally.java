package dev.socklab.bench;

/**
 * What one worker thread counted: operations, bytes, latencies, errors and losses, only inside
 * the window's counted part. One per thread, never shared, so the hot path takes no lock.
 */
final class Tally {
    private final Window window;
    private final RequestBudget budget;
    final LatencyHistogram latency = new LatencyHistogram();
    long operations;
    long bytes;
    long lost;
    long[] errors = new long[ErrorKind.values().length];

    Tally(Window window, RequestBudget budget) {
        this.window = window;
        this.budget = budget;
    }

    /** An operation that began at {@code startedAt} completed at {@code now}, having received {@code received} bytes. */
    void operation(long startedAt, long now, int received) {
        if (window.counting(now) && budget.take(now)) {
            operations++;
            bytes += received;
            latency.record(now - startedAt);
        }
    }

    /** An operation failed; in a chat run, from its start (see {@link Window#countsErrors}). */
    void error(ErrorKind kind, long now) {
        if (window.countsErrors(now)) {
            errors[kind.ordinal()]++;
        }
    }

    /** A datagram got no echo. */
    void lost(long now) {
        if (window.counting(now)) {
            lost++;
        }
    }

    /** Adds another thread's counts to these, once the threads have stopped. */
    void add(Tally other) {
        operations += other.operations;
        bytes += other.bytes;
        lost += other.lost;
        errors = ErrorCounts.sum(errors, other.errors);
        latency.add(other.latency);
    }
}
