package dev.socklab.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

import dev.socklab.text.Durations;

/**
 * Runs a {@link BenchPlan}: at most one platform thread a core, each a {@link Worker} with its own
 * selector and a share of the connections, never a thread per connection, so that thousands of
 * connections cost the generator little and the server is what is measured.
 *
 * <pre>{@code
 * BenchResult result = LoadGenerator.run(BenchPlan.builder(Workload.PINGPONG, target).connections(10).build());
 * }</pre>
 *
 * Errors (refused, reset, timed out) are counted by kind and never end a run; every run ends by
 * itself after its warm-up and duration, or once its request cap is reached. Idle and chat first
 * open their connections (chat: and get its members into one room) for at most the duration.
 */
public final class LoadGenerator {
    /** How long past its end a thread may take to close its sockets before the run is declared broken. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private LoadGenerator() {
    }

    /**
     * Runs the plan and reports what it measured.
     *
     * @throws IOException if a selector cannot be opened or fails; errors of single connections are counted instead
     * @throws InterruptedException if the calling thread is interrupted; the run's threads then stop at the window's end
     */
    public static BenchResult run(BenchPlan plan) throws IOException, InterruptedException {
        if (plan.workload() == Workload.IDLE) {
            return IdleRun.run(plan);
        }
        if (plan.workload() == Workload.CHAT) {
            return ChatRun.run(plan);
        }
        Window window = new Window(System.nanoTime(), plan.warmup(), plan.duration());
        Shared shared = new Shared(plan, window);
        List<Worker> workers = start(shared);
        join(workers, shared);
        return counted(shared, workers);
    }

    /** The result of a run whose workers have stopped: its counts over the time counted. */
    static BenchResult counted(Shared shared, List<Worker> workers) throws IOException {
        Window window = shared.window;
        long stop = shared.budget.exhausted() ? shared.budget.exhaustedAt() : window.end();
        Tally total = merge(workers, shared);
        double seconds = Math.max(stop - window.measureStart(), 1) / 1e9;
        return result(shared, workers, total, seconds, total.operations / seconds, OptionalDouble.empty());
    }

    /** Makes the workers, deals the connections to them in turn, and starts their threads. */
    static List<Worker> start(Shared shared) throws IOException {
        BenchPlan plan = shared.plan;
        List<Worker> workers = new ArrayList<>();
        try {
            for (int i = 0; i < plan.activeThreads(); i++) {
                workers.add(new Worker(shared));
            }
        } catch (IOException e) {
            for (Worker w : workers) {
                w.selector.close();
            }
            throw e;
        }
        for (int i = 0; i < plan.connections(); i++) {
            Worker worker = workers.get(i % workers.size());
            worker.add(slot(plan.workload(), worker, i));
        }
        for (int i = 0; i < workers.size(); i++) {
            workers.get(i).startThread("socklab-bench-" + (i + 1));
        }
        return workers;
    }

    private static Slot slot(Workload workload, Worker worker, int index) {
        return switch (workload) {
            case PINGPONG -> new PingPongSlot(worker);
            case STREAM -> new StreamSlot(worker);
            case CONNECT -> new ConnectSlot(worker);
            case UDP -> new UdpSlot(worker);
            case IDLE -> new IdleSlot(worker);
            case CHAT -> new ChatSlot(worker, index);
            case HTTP -> new HttpSlot(worker);
            case RPC -> RpcSlot.of(worker);
        };
    }

    /** Waits for every worker to stop, which each does by the window's end. */
    static void join(List<Worker> workers, Shared shared) throws InterruptedException {
        try {
            for (Worker worker : workers) {
                long left = TimeUnit.NANOSECONDS.toMillis(shared.window.end() - System.nanoTime()) + STOP_GRACE.toMillis();
                worker.thread().join(Math.max(left, 1));
                if (worker.thread().isAlive()) {
                    throw new IllegalStateException(worker.thread().getName() + " did not stop " + Durations.format(STOP_GRACE)
                            + " after the end of the run: a bug in socklab bench");
                }
            }
        } catch (InterruptedException e) {
            shared.window.endAt(System.nanoTime()); // the caller gave up: its threads stop at their next tick
            throw e;
        }
    }

    static Tally merge(List<Worker> workers, Shared shared) throws IOException {
        Tally total = new Tally(shared.window, shared.budget);
        for (Worker worker : workers) {
            if (worker.failure() instanceof IOException e) {
                throw e;
            }
            if (worker.failure() instanceof RuntimeException e) {
                throw new IllegalStateException("a bench thread failed: a bug in socklab bench", e);
            }
            total.add(worker.tally);
        }
        return total;
    }

    static BenchResult result(Shared shared, List<Worker> workers, Tally total, double seconds, double opsPerSecond,
            OptionalDouble serverBytesPerConnection) {
        BenchPlan plan = shared.plan;
        long cpu = workers.stream().mapToLong(Worker::cpuNanos).sum();
        long wall = workers.stream().mapToLong(Worker::wallNanos).sum();
        return new BenchResult(plan.workload(), plan.target(), plan.connections(), plan.senders(), plan.size(),
                workers.size(), seconds, total.operations, opsPerSecond, total.bytes / seconds, total.latency.summary(),
                ErrorCounts.of(total.errors), total.lost, wall == 0 ? 0 : Math.min(1.0, (double) cpu / wall),
                serverBytesPerConnection, Optional.ofNullable(shared.room).map(ChatRoom::firstWarning));
    }
}
