package dev.socklab.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The chat workload's phases, driven from the calling thread while the workers keep the members:
 * every member connects, joins the run's room and sends its marker, until each is in the room or
 * refused (for at most {@code --duration} or {@code --timeout}, whichever is longer: a short run
 * of many members must not fail for the time they take to join); then the senders start, the
 * warm-up runs, and the counted part. Until the start, errors count and operations cannot (no message is sent), so a
 * run whose members cannot all get into the room fails: a member refused counts as
 * {@link ErrorKind#WARNED}, with the server's words, and one that neither got in nor was refused
 * in time as {@link ErrorKind#TIMEOUT}.
 */
final class ChatRun {
    /** How often the coordinator looks at the count of members in the room while they join. */
    private static final long POLL_MILLIS = 10;
    /** The workers' window outlasts the set-up by this, so that none stops while the coordinator starts the run. */
    private static final Duration SETUP_SLACK = Duration.ofSeconds(1);

    private ChatRun() {
    }

    static BenchResult run(BenchPlan plan) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Duration setup = plan.duration().compareTo(plan.connectTimeout()) >= 0 ? plan.duration() : plan.connectTimeout();
        long limit = setup.toNanos();
        Window window = Window.afterSetup(start, setup.plus(SETUP_SLACK));
        Shared shared = new Shared(plan, window);
        ChatRoom room = shared.room;
        List<Worker> workers = LoadGenerator.start(shared);
        try {
            // Members that are not in the room by then are not waited for.
            while (room.members() + room.refusedMembers() < plan.connections()
                    && System.nanoTime() - (start + limit) < 0
                    && workers.stream().allMatch(w -> w.thread().isAlive())) {
                Thread.sleep(POLL_MILLIS);
            }
            int members = room.members();
            if (members < plan.connections()) {
                window.endAt(System.nanoTime());
                LoadGenerator.join(workers, shared);
                Tally total = LoadGenerator.merge(workers, shared);
                total.errors[ErrorKind.TIMEOUT.ordinal()] += plan.connections() - members - room.refusedMembers();
                return LoadGenerator.result(shared, workers, total, 0, 0, OptionalDouble.empty());
            }
            window.begin(System.nanoTime(), plan.warmup(), plan.duration());
            room.start();
            LoadGenerator.join(workers, shared);
            return LoadGenerator.counted(shared, workers);
        } finally {
            window.endAt(System.nanoTime());
        }
    }
}
