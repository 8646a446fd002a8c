package dev.socklab.bench;

import java.nio.channels.SelectionKey;
import java.util.concurrent.TimeUnit;

/**
 * One of a run's connections (or UDP sockets), owned by one {@link Worker} and touched by its
 * thread alone. A slot opens, exchanges until the run ends, and when something fails counts the
 * error, closes, and opens again after a back-off (10 ms, doubling to 1 s, reset by a success),
 * so that a server that refuses is not hammered and the run never stops on an error.
 *
 * <p>A slot waits for one thing at a time (a connect, an echo, a greeting) with a deadline that the
 * worker checks every tick; past it, {@link #expired} runs.
 */
abstract class Slot {
    private static final long FIRST_BACKOFF = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAX_BACKOFF = TimeUnit.SECONDS.toNanos(1);

    final Worker worker;
    final Shared shared;
    final Tally tally;
    private boolean waiting;
    private long deadline;
    private boolean retrying;
    private long retryAt;
    private long backoff;

    Slot(Worker worker) {
        this.worker = worker;
        this.shared = worker.shared;
        this.tally = worker.tally;
    }

    /** Opens the connection or socket, or starts the next exchange on one still open. */
    abstract void open(long now);

    /** The selector found the slot's channel ready as {@code key} says. */
    abstract void ready(SelectionKey key, long now);

    /** Closes the channel, if open; the slot may open again. */
    abstract void close();

    /** The deadline set by {@link #waitUntil} has passed: by default a timeout error, then a retry. */
    void expired(long now) {
        failed(ErrorKind.TIMEOUT, now);
    }

    /** Counts {@code kind}, closes, and opens again after the back-off. */
    final void failed(ErrorKind kind, long now) {
        tally.error(kind, now);
        close();
        waiting = false;
        backoff = backoff == 0 ? FIRST_BACKOFF : Math.min(2 * backoff, MAX_BACKOFF);
        retryAfter(now, backoff);
    }

    /** The last exchange worked: the next failure backs off from the start again. */
    final void succeeded() {
        backoff = 0;
    }

    final void waitUntil(long when) {
        waiting = true;
        deadline = when;
    }

    final void stopWaiting() {
        waiting = false;
    }

    /** Opens again at the first tick from {@code now + delay}. */
    final void retryAfter(long now, long delay) {
        retrying = true;
        retryAt = now + delay;
    }

    /** The worker's periodic check of the deadline and the retry time, then the slot's own {@link #poll}. */
    final void tick(long now) {
        if (waiting && now - deadline >= 0) {
            waiting = false;
            expired(now);
        }
        if (retrying && now - retryAt >= 0) {
            retrying = false;
            worker.schedule(this);
        }
        poll(now);
    }

    /** Every tick: for what a slot does on its own time rather than on its socket's, such as chat's marker. */
    void poll(long now) {
    }
}
