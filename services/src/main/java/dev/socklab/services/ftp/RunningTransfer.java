package dev.socklab.services.ftp;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.socklab.service.DataConnection;

/**
 * A transfer's work on a virtual thread of its own, so that the control connection's thread can
 * read ABOR meanwhile, even while a write to the data connection is blocked (a client that aborts
 * a download stops reading it). Only the work touches the data connection, and only the control
 * connection's thread the control connection; {@link #abort()} resets the data connection, which
 * any thread may do, and the work's blocked call fails at once. At most one per control connection.
 */
final class RunningTransfer {
    private final DataConnection data;
    private final FutureTask<Void> task;

    private RunningTransfer(DataConnection data, FutureTask<Void> task) {
        this.data = data;
        this.task = task;
    }

    /** Starts {@code work} on {@code data}: closed when the work completes, reset when it fails. */
    static RunningTransfer start(DataConnection data, Transfer.Work work) {
        FutureTask<Void> task = new FutureTask<>(() -> {
            try {
                work.run(data);
                data.close();
            } catch (IOException | RuntimeException | Error e) {
                data.abort();
                throw e;
            }
            return null;
        });
        Thread.ofVirtual().name(Thread.currentThread().getName() + " data").start(task);
        return new RunningTransfer(data, task);
    }

    /**
     * Waits at most {@code wait} for the work to end: whether it has.
     *
     * @throws InterruptedIOException if the thread is interrupted meanwhile
     */
    boolean awaitEnd(Duration wait) throws InterruptedIOException {
        try {
            task.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            // Ended all the same: outcome() tells how.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while a transfer ran");
        }
        return true;
    }

    /** Resets the data connection: the work, if it still runs, fails at once (ABOR). */
    void abort() {
        data.abort();
    }

    /** Resets the data connection and waits for the work to end, whatever its outcome: the control connection failed. */
    void stop() {
        abort();
        try {
            outcome();
        } catch (IOException | RuntimeException e) {
            // The control connection's failure is the one to report.
        }
    }

    /**
     * Waits for the work to end, bounded by the data connection's own timeouts, and throws its
     * failure, a {@link dev.socklab.services.storage.StorageException} among them.
     */
    void outcome() throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    task.get();
                    return;
                } catch (InterruptedException e) {
                    // The work holds the file and the upload its caller closes next: it must end first.
                    interrupted = true;
                    abort();
                } catch (ExecutionException e) {
                    switch (e.getCause()) {
                        case IOException io -> throw io;
                        case RuntimeException runtime -> throw runtime;
                        case Error error -> throw error;
                        default -> throw new IOException(e.getCause());
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
