package dev.socklab.netem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.socklab.testing.Await;
import dev.socklab.testing.LogCapture;

/**
 * What a link does to datagrams under each condition alone, exactly: a seeded random source and a
 * clock the test moves, so that the same seed gives the same fates; one test on a real thread.
 */
@Timeout(10)
class ImpairedLinkTest {
    private static final long SEED = 18;
    private static final int MANY = 10_000;
    private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);

    /** The clock the test moves, in nanoseconds; starts far from 0, as {@link System#nanoTime} may. */
    private long now = 1_000_000_000_000L;
    /** What reached the sink, in order: each datagram's number, and when. */
    private final List<Arrival> arrivals = new ArrayList<>();

    private record Arrival(int number, long at) {
    }

    private final PacketSink recorder = packet -> arrivals.add(new Arrival(packet.getInt(), now));

    @Test
    void noneSendsAtOnceOnTheCallersThreadAndHoldsNothing() {
        Thread caller = Thread.currentThread();
        List<Thread> senders = new ArrayList<>();
        try (ImpairedLink link = new ImpairedLink(NetworkConditions.NONE, new SplittableRandom(SEED), "test")) {
            ByteBuffer src = numbered(7);
            link.send(src, packet -> {
                senders.add(Thread.currentThread());
                recorder.send(packet);
            });

            assertThat(senders).containsExactly(caller);
            assertThat(arrivals).containsExactly(new Arrival(7, now));
            assertThat(src.hasRemaining()).as("consumed, as a socket's send consumes it").isFalse();
            assertThat(link.sent()).isEqualTo(1);
        }
    }

    @Test
    void lossAloneLosesAboutItsFractionAndTheSameOnesForTheSameSeed() {
        NetworkConditions fivePercent = conditions(0, 0, 0.05, 0, 0);
        ImpairedLink link = manual(fivePercent);
        sendMany(link, 0);
        link.deliverDue();

        assertThat(link.lost()).isBetween(MANY * 4L / 100, MANY * 6L / 100);
        assertThat(link.sent()).isEqualTo(MANY - link.lost());
        assertThat(arrivals).allMatch(arrival -> arrival.at() == now).isSortedAccordingTo(byNumber());

        List<Arrival> first = List.copyOf(arrivals);
        arrivals.clear();
        ImpairedLink again = manual(fivePercent);
        sendMany(again, 0);
        again.deliverDue();
        assertThat(arrivals).isEqualTo(first);
    }

    @Test
    void duplicateAloneSendsSecondCopiesUpToTenMillisecondsLater() {
        ImpairedLink link = manual(conditions(0, 0, 0, 0.02, 0));
        long start = now;
        sendMany(link, 0);
        advance(link, Duration.ofMillis(20), MILLI / 10);

        assertThat(link.duplicated()).isBetween(MANY * 1L / 100, MANY * 3L / 100);
        assertThat(link.sent()).isEqualTo(MANY + link.duplicated());
        Map<Integer, List<Long>> byNumber = arrivals.stream().collect(Collectors.groupingBy(Arrival::number,
                Collectors.mapping(Arrival::at, Collectors.toList())));
        assertThat(byNumber).hasSize(MANY).allSatisfy((number, times) -> {
            assertThat(times).hasSizeBetween(1, 2);
            assertThat(times.getFirst()).isEqualTo(start);
            assertThat(times.getLast() - start).isBetween(0L, 10 * MILLI + MILLI / 10);
        });
        assertThat(byNumber.values().stream().filter(times -> times.size() == 2)).hasSize((int) link.duplicated());
    }

    @Test
    void reorderAloneHoldsSomeBackSoThatLaterOnesOvertakeThem() {
        ImpairedLink link = manual(conditions(0, 0, 0, 0, 0.05));
        long[] sentAt = sendMany(link, MILLI);
        advance(link, Duration.ofMillis(60), MILLI / 10);

        assertThat(link.reordered()).isBetween(MANY * 4L / 100, MANY * 6L / 100);
        assertThat(arrivals).hasSize(MANY);
        long heldBack = arrivals.stream().map(arrival -> arrival.at() - sentAt[arrival.number()])
                .peek(delay -> assertThat(delay).satisfiesAnyOf(
                        d -> assertThat(d).isEqualTo(0),
                        d -> assertThat(d).isBetween(10 * MILLI, 51 * MILLI)))
                .filter(delay -> delay > 0).count();
        assertThat(heldBack).isEqualTo(link.reordered());
        assertThat(overtaken()).isEqualTo(link.reordered());
    }

    @Test
    void lagAloneDelaysEveryDatagramByItAndKeepsTheirOrder() {
        ImpairedLink link = manual(conditions(100, 0, 0, 0, 0));
        long micro = MILLI / 1000;
        long[] sentAt = sendMany(link, micro);
        assertThat(arrivals).as("none within the lag").isEmpty();
        advance(link, Duration.ofMillis(100), micro);

        assertThat(arrivals).hasSize(MANY).isSortedAccordingTo(byNumber())
                .allMatch(arrival -> arrival.at() - sentAt[arrival.number()] == 100 * MILLI);
    }

    @Test
    void jitterStraysEitherSideOfTheLagWithinItsBound() {
        ImpairedLink link = manual(conditions(100, 20, 0, 0, 0));
        long[] sentAt = sendMany(link, 0);
        advance(link, Duration.ofMillis(130), MILLI / 100);

        List<Long> delays = arrivals.stream().map(arrival -> arrival.at() - sentAt[arrival.number()]).toList();
        assertThat(delays).hasSize(MANY).allMatch(delay -> delay >= 80 * MILLI && delay <= 120 * MILLI + MILLI / 100)
                .anyMatch(delay -> delay < 85 * MILLI).anyMatch(delay -> delay > 115 * MILLI);
    }

    @Test
    void jitterAloneNeverGoesBelowZeroAndReordersToo() {
        ImpairedLink link = manual(conditions(0, 20, 0, 0, 0));
        long[] sentAt = sendMany(link, MILLI);
        advance(link, Duration.ofMillis(30), MILLI / 100);

        assertThat(arrivals).hasSize(MANY)
                .allMatch(arrival -> arrival.at() >= sentAt[arrival.number()])
                .allMatch(arrival -> arrival.at() - sentAt[arrival.number()] <= 21 * MILLI);
        assertThat(overtaken()).isPositive();
    }

    @Test
    void linkHoldsAtMostTenThousandDatagrams() {
        ImpairedLink link = manual(conditions(100, 0, 0, 0, 0));
        for (int i = 0; i <= ImpairedLink.MAX_HELD_DATAGRAMS; i++) {
            link.send(numbered(i), recorder);
        }
        assertThat(link.overflowed()).isEqualTo(1);

        now += 100 * MILLI;
        link.deliverDue();
        link.send(numbered(-1), recorder);
        assertThat(arrivals).hasSize(ImpairedLink.MAX_HELD_DATAGRAMS);
        assertThat(link.overflowed()).as("room again once they went").isEqualTo(1);
    }

    @Test
    void linkHoldsAtMostSixteenMebibytes() {
        ImpairedLink link = manual(conditions(100, 0, 0, 0, 0));
        int size = 64 * 1024;
        for (int i = 0; i < 300; i++) {
            link.send(ByteBuffer.allocate(size).putInt(0, i), recorder);
        }
        assertThat(link.overflowed()).isEqualTo(300 - ImpairedLink.MAX_HELD_BYTES / size);
    }

    @Test
    void closeDropsWhatIsHeldAndWhatComesAfter() {
        ImpairedLink link = manual(conditions(100, 0, 0, 0, 0));
        sendMany(link, 0);
        link.close();
        link.send(numbered(-1), recorder);
        now += 200 * MILLI;
        link.deliverDue();

        assertThat(arrivals).isEmpty();
        assertThat(link.sent()).isZero();
    }

    @Test
    void sinkThatFailsIsCountedAndLoggedOnceASecondAtMost() {
        ImpairedLink link = manual(conditions(10, 0, 0, 0, 0));
        for (int i = 0; i < 5; i++) {
            link.send(numbered(i), packet -> {
                throw new IOException("Network is unreachable");
            });
        }
        try (LogCapture log = LogCapture.socklab()) {
            now += 10 * MILLI;
            link.deliverDue();

            assertThat(link.failed()).isEqualTo(5);
            assertThat(link.sent()).isZero();
            assertThat(log.warnings()).containsExactly("test: a datagram could not be sent (Network is unreachable)");
        }
    }

    @Test
    void datagramsWithALagArriveOnTheLinksOwnThreadNoSoonerThanTheLag() throws InterruptedException {
        Duration lag = Duration.ofMillis(50);
        ReentrantLock lock = new ReentrantLock();
        Condition arrived = lock.newCondition();
        List<Long> arrivedAt = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        PacketSink sink = packet -> {
            lock.lock();
            try {
                arrivedAt.add(System.nanoTime());
                threads.add(Thread.currentThread().getName());
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
        };
        try (ImpairedLink link = new ImpairedLink(new NetworkConditions(lag, Duration.ZERO, 0, 0, 0),
                new SplittableRandom(SEED), "lagged")) {
            long sentAt = System.nanoTime();
            link.send(numbered(1), sink);
            link.send(numbered(2), sink);

            lock.lock();
            try {
                long left = TimeUnit.SECONDS.toNanos(5);
                while (arrivedAt.size() < 2 && left > 0) {
                    left = arrived.awaitNanos(left);
                }
                assertThat(arrivedAt).hasSize(2).allMatch(at -> at - sentAt >= lag.toNanos());
                assertThat(threads).containsOnly("lagged netem");
            } finally {
                lock.unlock();
            }
        }
    }

    @Test
    void closeStopsTheLinksThread() {
        ImpairedLink link = new ImpairedLink(conditions(10, 0, 0, 0, 0), new SplittableRandom(SEED), "closing");
        assertThat(threadNamed("closing netem")).isTrue();

        link.close();

        Await.until(() -> !threadNamed("closing netem"), Duration.ofSeconds(5), "the link's thread ends");
    }

    private static boolean threadNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(thread -> thread.getName().equals(name));
    }

    private ImpairedLink manual(NetworkConditions conditions) {
        return new ImpairedLink(conditions, new SplittableRandom(SEED), "test", () -> now);
    }

    private static NetworkConditions conditions(long lagMillis, long jitterMillis, double loss, double duplicate,
                                                double reorder) {
        return new NetworkConditions(Duration.ofMillis(lagMillis), Duration.ofMillis(jitterMillis), loss, duplicate, reorder);
    }

    /**
     * Sends datagrams numbered 0 to {@link #MANY} - 1, {@code apart} nanoseconds apart, delivering
     * what is due after each (so at that granularity); returns when each was sent. The clock ends
     * {@code apart} after the last.
     */
    private long[] sendMany(ImpairedLink link, long apart) {
        long[] sentAt = new long[MANY];
        for (int i = 0; i < MANY; i++) {
            sentAt[i] = now;
            link.send(numbered(i), recorder);
            link.deliverDue();
            now += apart;
        }
        return sentAt;
    }

    /** Moves the clock on by {@code total} in steps of {@code step}, delivering what is due at each. */
    private void advance(ImpairedLink link, Duration total, long step) {
        for (long end = now + total.toNanos(); now - end < 0; now += step) {
            link.deliverDue();
        }
        link.deliverDue();
    }

    /** How many datagrams arrived after one sent later than them. */
    private long overtaken() {
        long count = 0;
        int highest = -1;
        for (Arrival arrival : arrivals) {
            if (arrival.number() < highest) {
                count++;
            }
            highest = Math.max(highest, arrival.number());
        }
        return count;
    }

    private static Comparator<Arrival> byNumber() {
        return Comparator.comparingInt(Arrival::number);
    }

    private static ByteBuffer numbered(int number) {
        return ByteBuffer.allocate(4).putInt(0, number);
    }
}
