package dev.socklab.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The comparison's plan and its estimates of how long it takes, which need no run. */
class PlanTest {
    private static final List<Side> ALL = List.of(Side.SOCKLAB, Side.SOCKLAB_JDK, Side.NETTY);

    @Test
    void estimatesReadToTheSecondThenToTheMinute() {
        assertThat(Plan.rough(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(Plan.rough(Duration.ofSeconds(768))).isEqualTo("13 min");
        assertThat(Plan.rough(Duration.ofMinutes(125))).isEqualTo("2 h 05 min");
    }

    @Test
    void everyWorkloadRunsOnEveryServerInEveryRound() {
        Plan plan = new Plan(Scenario.all(), ALL, 3, Duration.ofSeconds(10), 0);

        assertThat(plan.runs()).isEqualTo(72);
        assertThat(plan.estimate()).isEqualTo(Duration.ofMinutes(18));
        assertThat(plan.describe("4.1.137.Final")).startsWith("socklab, socklab-jdk, netty (Netty 4.1.137.Final):"
                + " 8 workloads x 3 rounds x 3 servers = 72 runs of 10s, about 18 min in all (every step has a time limit");
    }

    @Test
    void oneEngineHalvesTheTimeAndStraceRunsAddOnePerServer() {
        List<Scenario> pingpong = Scenario.only(Set.of("pingpong"));
        Plan epoll = new Plan(pingpong, List.of(Side.SOCKLAB, Side.NETTY), 1, Duration.ofSeconds(2), 0);
        Plan traced = new Plan(pingpong, List.of(Side.SOCKLAB, Side.NETTY), 1, Duration.ofSeconds(2), 2);

        assertThat(epoll.runs()).isEqualTo(6);
        assertThat(epoll.estimate()).isEqualTo(Duration.ofSeconds(42));
        assertThat(traced.estimate()).isEqualTo(Duration.ofSeconds(56));
        assertThat(traced.bound()).isGreaterThan(epoll.bound());
        assertThat(traced.describe("4.1")).contains("x 2 servers = 6 runs of 2s, then 2 under strace, about 56s in all");
    }
}
