package dev.socklab.bench;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Runs a {@link SoakPlan}: its clients, every part at once, for the duration, every reply checked;
 * then, with a server PID, whether the server's file descriptors, threads and memory came back.
 *
 * <p>With a server PID the run has three phases, all driven from the calling thread: a warm-up load,
 * after which the server's vitals are read once its file descriptors stop falling (the warm-up's
 * connections closing); the load; then the vitals polled until they are back within the bounds of
 * {@link ServerCheck}, or the settle deadline passes. The calling thread also interrupts any client
 * whose exchange is past its timeout.
 */
public final class SoakRun {
    /** How often the coordinator checks the clients' deadlines and the server's vitals. */
    private static final long POLL_MILLIS = 50;
    /** How long past the end of the load a client may take to stop before the run is declared broken. */
    private static final long STOP_GRACE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private SoakRun() {
    }

    /**
     * Runs the plan and reports what it found.
     *
     * @throws IOException if the server's vitals cannot be read once the run started (the server went away)
     * @throws InterruptedException if the calling thread is interrupted; the clients then stop
     */
    public static SoakResult run(SoakPlan plan) throws IOException, InterruptedException {
        SoakTally tally = new SoakTally();
        AtomicReference<byte[]> greeting = new AtomicReference<>();
        long start = System.nanoTime();
        Optional<ServerVitals> before = Optional.empty();
        if (plan.serverPid().isPresent()) {
            load(plan, tally, greeting, plan.warmup().toNanos());
            long pid = plan.serverPid().getAsLong();
            ServerVitals[] last = {ServerVitals.read(pid)};
            // The warm-up's connections close on the server's side a little after ours: wait for the count to stop falling.
            before = Optional.of(settle(pid, plan, v -> {
                boolean steady = v.fds() >= last[0].fds();
                last[0] = v;
                return steady;
            }));
        }
        load(plan, tally, greeting, plan.duration().toNanos());
        double seconds = (System.nanoTime() - start) / 1e9;
        Optional<ServerCheck> check = Optional.empty();
        if (before.isPresent()) {
            ServerVitals b = before.get();
            ServerVitals after = settle(plan.serverPid().getAsLong(), plan,
                    v -> new ServerCheck(b, v, plan.maxRssGrowthBytes()).passed());
            check = Optional.of(new ServerCheck(b, after, plan.maxRssGrowthBytes()));
        }
        return new SoakResult(tally.operations(), tally.errors(), tally.lostCount(), seconds, check);
    }

    /** Runs every part's clients for {@code nanos}, and returns once they have all stopped. */
    private static void load(SoakPlan plan, SoakTally tally, AtomicReference<byte[]> greeting, long nanos)
            throws InterruptedException {
        if (nanos == 0) {
            return;
        }
        long end = System.nanoTime() + nanos;
        List<SoakClient> clients = new ArrayList<>();
        long seed = System.nanoTime();
        for (Map.Entry<SoakPart, SocketAddress> target : plan.targets().entrySet()) {
            for (int i = 0; i < plan.clients(); i++) {
                SoakClient client = new SoakClient(target.getKey(), target.getValue(), tally,
                        plan.timeout().toNanos(), end, greeting, seed++);
                client.start("socklab-soak-" + target.getKey().label().replace(' ', '-') + "-" + (i + 1));
                clients.add(client);
            }
        }
        long giveUp = end + plan.timeout().toNanos() + STOP_GRACE_NANOS;
        try {
            // Bounded by giveUp: every client stops by the end plus one timeout.
            while (clients.stream().anyMatch(c -> c.thread().isAlive())) {
                long now = System.nanoTime();
                if (now - giveUp > 0) {
                    throw new IllegalStateException("a soak client did not stop after the end of the run: a bug in "
                            + "socklab bench");
                }
                for (SoakClient client : clients) {
                    client.interruptIfOverdue(now);
                }
                Thread.sleep(POLL_MILLIS); // the deadlines' polling interval, not a synchronisation
            }
        } finally {
            clients.forEach(c -> c.thread().interrupt()); // a no-op for those that stopped
        }
    }

    /** Reads the server's vitals until {@code settled} holds or the settle deadline passes; returns the last reading. */
    private static ServerVitals settle(long pid, SoakPlan plan, Predicate<ServerVitals> settled)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + plan.settle().toNanos();
        ServerVitals vitals = ServerVitals.read(pid);
        // Bounded by the settle deadline.
        while (!settled.test(vitals) && System.nanoTime() - deadline < 0) {
            Thread.sleep(POLL_MILLIS); // the vitals' polling interval
            vitals = ServerVitals.read(pid);
        }
        return vitals;
    }
}
