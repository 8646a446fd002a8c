package dev.socklab.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.socklab.netem.ImpairedLink;
import dev.socklab.text.Durations;

/**
 * Runs an {@link ArenaPlan}: the bots, dealt in turn to at most one platform thread a core
 * ({@link ArenaWorker}), start a couple of milliseconds apart (within the first second at most),
 * so that their handshakes and then their ticks spread over time as real players' do; they play
 * through the warm-up and the counted part, then leave.
 *
 * <pre>{@code
 * ArenaResult result = ArenaRun.run(ArenaPlan.of(target, 50, Duration.ofSeconds(20)));
 * }</pre>
 */
public final class ArenaRun {
    /** How far apart the bots start, at most: the spread of a run's starts is at most a second. */
    private static final long START_SPACING_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long MAX_START_SPREAD_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long past its end a thread may take to close its sockets before the run is declared broken. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private ArenaRun() {
    }

    /**
     * Runs the plan and reports what it measured.
     *
     * @throws IOException if a selector cannot be opened or fails; a bot's failures are counted instead
     * @throws InterruptedException if the calling thread is interrupted; the run's threads then stop at once
     */
    public static ArenaResult run(ArenaPlan plan) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Window window = new Window(start, plan.warmup(), plan.duration());
        AtomicLong newestTick = new AtomicLong();
        SplittableRandom seeds = new SplittableRandom(plan.seed());
        ImpairedLink link = plan.conditions().isNone() ? null
                : new ImpairedLink(plan.conditions(), seeds.split(), "bench arena");
        List<ArenaWorker> workers = new ArrayList<>();
        try {
            for (int i = 0; i < plan.activeThreads(); i++) {
                workers.add(new ArenaWorker(new ArenaTally(window, newestTick), plan.target()));
            }
            long spacing = Math.min(START_SPACING_NANOS, MAX_START_SPREAD_NANOS / plan.bots());
            long joinTimeout = plan.joinTimeout().toNanos();
            for (int i = 0; i < plan.bots(); i++) {
                ArenaWorker worker = workers.get(i % workers.size());
                BotSocket socket = new BotSocket(link);
                worker.add(new ArenaBot(i, seeds.split(), start + i * spacing, joinTimeout, worker.tally, socket,
                        worker.sendBuffer), socket);
            }
            for (int i = 0; i < workers.size(); i++) {
                workers.get(i).startThread("socklab-bench-arena-" + (i + 1));
            }
            Optional<ServerCpu> server = plan.serverPid().isPresent()
                    ? ServerCpu.from(plan.serverPid().getAsLong(), window) : Optional.empty();
            join(workers, window);
            return result(plan, window, workers, server.map(ServerCpu::cores).orElse(OptionalDouble.empty()));
        } finally {
            window.endAt(System.nanoTime());
            if (link != null) {
                link.close();
            }
        }
    }

    private static void join(List<ArenaWorker> workers, Window window) throws InterruptedException {
        for (ArenaWorker worker : workers) {
            if (worker.thread() == null) {
                continue;
            }
            long left = TimeUnit.NANOSECONDS.toMillis(window.end() - System.nanoTime()) + STOP_GRACE.toMillis();
            worker.thread().join(Math.max(left, 1));
            if (worker.thread().isAlive()) {
                throw new IllegalStateException(worker.thread().getName() + " did not stop " + Durations.format(STOP_GRACE)
                        + " after the end of the run: a bug in socklab bench");
            }
        }
    }

    private static ArenaResult result(ArenaPlan plan, Window window, List<ArenaWorker> workers, OptionalDouble serverCpu)
            throws IOException {
        ArenaTally total = new ArenaTally(window, new AtomicLong());
        long cpu = 0;
        long wall = 0;
        for (ArenaWorker worker : workers) {
            if (worker.failure() instanceof IOException e) {
                throw e;
            }
            if (worker.failure() instanceof RuntimeException e) {
                throw new IllegalStateException("a bench thread failed: a bug in socklab bench", e);
            }
            total.add(worker.tally);
            cpu += worker.cpuNanos();
            wall += worker.wallNanos();
        }
        double seconds = Math.max(window.end() - window.measureStart(), 1) / 1e9;
        double played = total.playingNanos / 1e9;
        Map<JoinFailure, Long> failures = new EnumMap<>(JoinFailure.class);
        for (JoinFailure why : JoinFailure.values()) {
            if (total.joinFailures[why.ordinal()] > 0) {
                failures.put(why, total.joinFailures[why.ordinal()]);
            }
        }
        return new ArenaResult(plan.target(), plan.bots(), total.joined, seconds, total.tickRate, total.snapshotRate,
                total.players, total.tickTime.summary(), perSecond(total.snapshots, played), total.snapshots,
                total.snapshotsLost, perSecond(total.bytesIn, played), perSecond(total.bytesOut, played),
                total.roundTrip.summary(), failures, total.undecodable, total.warnings, total.dropped, workers.size(),
                wall == 0 ? 0 : Math.min(1.0, (double) cpu / wall), plan.conditions(), serverCpu);
    }

    private static double perSecond(long count, double seconds) {
        return seconds > 0 ? count / seconds : 0;
    }
}
