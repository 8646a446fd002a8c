package dev.socklab.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The idle workload's phases, driven from the calling thread while the workers keep the
 * connections: open them all (for at most {@code --duration}), hold them for {@code --duration},
 * count the ones still open and read the server's memory, then close them. The server's resident
 * memory is read before anything opens and at the end of the hold; the growth over the held
 * connections is its cost per connection.
 */
final class IdleRun {
    /** How often the coordinator looks at the count of open connections while they open. */
    private static final long POLL_MILLIS = 10;

    private IdleRun() {
    }

    static BenchResult run(BenchPlan plan) throws IOException, InterruptedException {
        OptionalLong before = rss(plan);
        long start = System.nanoTime();
        long limit = plan.duration().toNanos();
        // The window's end is the latest the run may last: opening at most --duration, then holding --duration.
        Window window = new Window(start, Duration.ZERO, Duration.ofNanos(2 * limit));
        Shared shared = new Shared(plan, window);
        List<Worker> workers = LoadGenerator.start(shared);
        try {
            // Bounded by --duration: connections that are not open by then are not waited for.
            while (shared.open.get() < plan.connections() && System.nanoTime() - (start + limit) < 0
                    && workers.stream().allMatch(w -> w.thread().isAlive())) {
                Thread.sleep(POLL_MILLIS);
            }
            long opened = System.nanoTime();
            int openedCount = shared.open.get();
            TimeUnit.NANOSECONDS.sleep(limit);
            int held = shared.open.get();
            OptionalLong during = rss(plan);
            long holdEnd = System.nanoTime();
            window.endAt(holdEnd);
            LoadGenerator.join(workers, shared);
            Tally total = LoadGenerator.merge(workers, shared);
            total.operations = held; // idle's operations are the connections it holds, not the connects it made
            double openingSeconds = Math.max(opened - start, 1) / 1e9;
            OptionalDouble perConnection = before.isPresent() && during.isPresent() && held > 0
                    ? OptionalDouble.of((double) (during.getAsLong() - before.getAsLong()) / held)
                    : OptionalDouble.empty();
            return LoadGenerator.result(shared, workers, total, (holdEnd - opened) / 1e9, openedCount / openingSeconds,
                    perConnection);
        } finally {
            window.endAt(System.nanoTime());
        }
    }

    /** The server's resident memory; none without a PID, or once the server has gone (the result then has no figure). */
    private static OptionalLong rss(BenchPlan plan) {
        if (plan.serverPid().isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(ServerVitals.read(plan.serverPid().getAsLong()).rssBytes());
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }
}
