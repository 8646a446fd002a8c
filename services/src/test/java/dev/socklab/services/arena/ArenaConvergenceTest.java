package dev.socklab.services.arena;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.socklab.arena.EntityState;
import dev.socklab.netem.NetworkConditions;
import dev.socklab.runtime.Endpoint;
import dev.socklab.testing.ServerUnderTest;

/**
 * Four bots on loopback, with 5% loss, 2% duplication and 2% reordering both ways: no bot ever sees
 * a state the server did not make, and once the inputs stop every bot sees what the server has.
 */
@Tag("no-engine")
@Timeout(60)
class ArenaConvergenceTest {
    private static final NetworkConditions BAD = new NetworkConditions(Duration.ZERO, Duration.ZERO, 0.05, 0.02, 0.02);
    private static final int BOTS = 4;

    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void botsOnABadNetworkSeeOnlyStatesTheServerMadeAndConvergeToItsView() throws Exception {
        Arena arena = new Arena(new ArenaSettings(30, 20, 16, Duration.ofSeconds(10), BAD));
        Map<Long, List<EntityState>> made = new ConcurrentHashMap<>();
        arena.observeTicks((states, tick) -> made.put(tick, states));
        InetSocketAddress address = (InetSocketAddress) servers.datagram("arena", new ArenaService(arena),
                Endpoint.udp(new InetSocketAddress("127.0.0.1", 0))).address();
        List<Bot> bots = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < BOTS; i++) {
                bots.add(new Bot(address, BAD, i + 1));
            }
            all(threads, bots, bot -> bot.join("bot" + bots.indexOf(bot), Duration.ofSeconds(10)));
            all(threads, bots, bot -> bot.play(60, true));
            // Two rounds without new inputs, each all bots together: the last lost inputs arrive
            // in the first, and the world is still in the second.
            all(threads, bots, bot -> bot.play(20, false));
            all(threads, bots, bot -> bot.play(20, false));
        } finally {
            bots.forEach(Bot::close);
        }

        long newestTick = Collections.max(made.keySet());
        List<EntityState> now = made.get(newestTick);
        assertThat(now).hasSize(BOTS);
        for (Bot bot : bots) {
            // 100 ticks of play are 66 snapshots: at least half of them, on a loaded machine too.
            assertThat(bot.seen()).as("snapshots rebuilt").hasSizeGreaterThan(33);
            assertThat(bot.deltas()).as("snapshots rebuilt from a baseline").isGreaterThan(16);
            for (Bot.Seen seen : bot.seen()) {
                assertThat(made.get(seen.tick())).as("the server's states at tick %d", seen.tick())
                        .containsAll(seen.view().entities());
            }
            Bot.Seen newest = bot.newest();
            assertThat(newest.tick()).as("the bot's newest snapshot, within a second of the server's newest tick")
                    .isGreaterThan(newestTick - 30);
            assertThat(newest.view().entities()).isEqualTo(now);
        }
        assertThat(bots.stream().mapToLong(bot -> bot.link().lost()).sum()).as("inputs lost").isPositive();
        assertThat(arena.counters().dropped(DropReason.REPLAYED)).as("duplicates dropped").isPositive();
        assertThat(arena.counters().dropped() - arena.counters().dropped(DropReason.REPLAYED)).isZero();
    }

    /** A step a bot takes, which may fail. */
    private interface Step {
        void take(Bot bot) throws Exception;
    }

    /** Runs {@code step} for every bot at once, and waits for them all. */
    private static void all(ExecutorService threads, List<Bot> bots, Step step) throws Exception {
        List<Future<Void>> done = new ArrayList<>();
        for (Bot bot : bots) {
            Callable<Void> task = () -> {
                step.take(bot);
                return null;
            };
            done.add(threads.submit(task));
        }
        for (Future<Void> future : done) {
            future.get(30, TimeUnit.SECONDS);
        }
    }
}
