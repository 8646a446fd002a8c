package dev.socklab.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Medians, ratios, verdicts and notes, from results made up in the test: no sockets. */
class WorkloadRunsTest {
    private static final Scenario PINGPONG = Scenario.all().get(1);
    private static final Scenario IDLE = Scenario.all().getLast();
    private static final List<Side> ALL = List.of(Side.SOCKLAB, Side.SOCKLAB_JDK, Side.NETTY);
    private static final List<Side> EPOLL = List.of(Side.SOCKLAB, Side.NETTY);

    @Test
    void medianOfAnOddCountIsTheMiddleAndOfAnEvenCountTheMeanOfTheTwoMiddles() {
        assertThat(WorkloadRuns.median(List.of(ops(3), ops(1), ops(2)), Metric.OPS_PER_SECOND::of)).isEqualTo(2);
        assertThat(WorkloadRuns.median(List.of(ops(4), ops(1), ops(2), ops(10)), Metric.OPS_PER_SECOND::of)).isEqualTo(3);
        assertThat(WorkloadRuns.median(List.of(), Metric.OPS_PER_SECOND::of)).isNaN();
        assertThat(WorkloadRuns.median(List.of(ops(Double.NaN), ops(5)), Metric.OPS_PER_SECOND::of)).isEqualTo(5);
    }

    @Test
    void pingpongIsJudgedOnOpsAndOnP99() {
        WorkloadRuns t = new WorkloadRuns(PINGPONG, EPOLL);
        t.add(Side.SOCKLAB, run(110, 40));
        t.add(Side.NETTY, run(100, 50));
        t.add(Side.SOCKLAB, run(90, 60));
        t.add(Side.NETTY, run(100, 50));
        t.add(Side.SOCKLAB, run(105, 45));
        t.add(Side.NETTY, run(120, 30));

        List<Row> rows = t.rows();

        assertThat(rows).extracting(Row::metric).startsWith(Metric.OPS_PER_SECOND, Metric.P99_LATENCY);
        assertThat(rows.get(0).median(Side.SOCKLAB)).isEqualTo(105);
        assertThat(rows.get(0).median(Side.NETTY)).isEqualTo(100);
        assertThat(rows.get(0).ratio(Side.SOCKLAB)).isEqualTo(1.05);
        assertThat(rows.get(0).verdict()).isEqualTo(Verdict.PASS);
        assertThat(rows.get(1).ratio(Side.SOCKLAB)).isEqualTo(0.9);
        assertThat(rows.get(1).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void theVerdictIsTakenOnTheEpollEngineAndTheJdkEnginesRatioIsShownBesideIt() {
        WorkloadRuns t = new WorkloadRuns(PINGPONG, ALL);
        t.add(Side.SOCKLAB, run(110, 40));
        t.add(Side.SOCKLAB_JDK, run(60, 90));
        t.add(Side.NETTY, run(100, 50));

        Row ops = t.rows().getFirst();

        assertThat(ops.ratio(Side.SOCKLAB)).isEqualTo(1.1);
        assertThat(ops.ratio(Side.SOCKLAB_JDK)).isEqualTo(0.6);
        assertThat(ops.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void withTheJdkEngineAloneTheVerdictIsTakenOnIt() {
        WorkloadRuns t = new WorkloadRuns(PINGPONG, List.of(Side.SOCKLAB_JDK, Side.NETTY));
        t.add(Side.SOCKLAB_JDK, run(60, 90));
        t.add(Side.NETTY, run(100, 50));

        Row ops = t.rows().getFirst();

        assertThat(ops.verdict()).isEqualTo(Verdict.MISS);
        assertThat(ops.median(Side.SOCKLAB)).isNaN();
    }

    @Test
    void pingpongShowsTheServersCostPerRoundTripForReferenceWithoutAVerdict() {
        WorkloadRuns t = new WorkloadRuns(PINGPONG, EPOLL);
        t.add(Side.SOCKLAB, costly(1000, new ServerCost(500, 0.5)));
        t.add(Side.SOCKLAB, costly(1000, new ServerCost(700, 0.4)));
        t.add(Side.SOCKLAB, costly(1000, new ServerCost(3000, 2.0)));
        t.add(Side.NETTY, costly(1000, new ServerCost(1000, 1.0)));

        List<Row> rows = t.rows();
        Row perCpu = row(rows, Metric.ROUND_TRIPS_PER_CPU_SECOND);
        Row switches = row(rows, Metric.VOLUNTARY_SWITCHES_PER_ROUND_TRIP);

        assertThat(perCpu.median(Side.SOCKLAB)).isEqualTo(2000);
        assertThat(perCpu.ratio(Side.SOCKLAB)).isEqualTo(2);
        assertThat(row(rows, Metric.SERVER_CPU_SECONDS).median(Side.SOCKLAB)).isEqualTo(0.5);
        assertThat(switches.median(Side.SOCKLAB)).isEqualTo(0.7);
        assertThat(switches.median(Side.NETTY)).isEqualTo(1);
        assertThat(List.of(perCpu, switches)).extracting(Row::verdict).containsOnly(Verdict.REFERENCE);
        assertThat(perCpu.metric().target()).isEqualTo("-");
    }

    @Test
    void aCostThatWasNotMeasuredHasNoMedianAndFailsNothing() {
        WorkloadRuns t = new WorkloadRuns(PINGPONG, EPOLL);
        t.add(Side.SOCKLAB, run(100, 50));
        t.add(Side.NETTY, run(100, 50));

        Row switches = row(t.rows(), Metric.VOLUNTARY_SWITCHES_PER_ROUND_TRIP);

        assertThat(switches.median(Side.SOCKLAB)).isNaN();
        assertThat(switches.verdict().fails()).isFalse();
    }

    @Test
    void evenIsAPassAndLessThroughputOrMoreLatencyIsAMiss() {
        assertThat(Verdict.judge(Metric.OPS_PER_SECOND, 100, 100)).isEqualTo(Verdict.PASS);
        assertThat(Verdict.judge(Metric.OPS_PER_SECOND, 99, 100)).isEqualTo(Verdict.MISS);
        assertThat(Verdict.judge(Metric.P99_LATENCY, 51, 50)).isEqualTo(Verdict.MISS);
        assertThat(Verdict.judge(Metric.SERVER_BYTES_PER_CONNECTION, 2000, 3000)).isEqualTo(Verdict.PASS);
        assertThat(Verdict.judge(Metric.BYTES_PER_SECOND, Double.NaN, 1)).isEqualTo(Verdict.NO_DATA);
        assertThat(Verdict.judge(Metric.SYSCALLS_PER_ROUND_TRIP, 9, 3)).isEqualTo(Verdict.REFERENCE);
        assertThat(List.of(Verdict.MISS, Verdict.NO_DATA)).allMatch(Verdict::fails);
        assertThat(List.of(Verdict.PASS, Verdict.REFERENCE)).noneMatch(Verdict::fails);
    }

    @Test
    void lowerServerMemoryPerConnectionPasses() {
        WorkloadRuns t = new WorkloadRuns(IDLE, EPOLL);
        t.add(Side.SOCKLAB, memory(2400));
        t.add(Side.NETTY, memory(3000));

        Row row = t.rows().getFirst();

        assertThat(row.metric()).isEqualTo(Metric.SERVER_BYTES_PER_CONNECTION);
        assertThat(row.ratio(Side.SOCKLAB)).isEqualTo(0.8);
        assertThat(row.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void sideWithEveryRunFailedHasNoDataAndTheFailuresAreNoted() {
        WorkloadRuns t = new WorkloadRuns(PINGPONG, EPOLL);
        t.add(Side.SOCKLAB, run(100, 50));
        t.failed(Side.NETTY);
        t.failed(Side.NETTY);

        List<Row> rows = t.rows();

        assertThat(rows.subList(0, 2)).extracting(Row::verdict).containsOnly(Verdict.NO_DATA);
        assertThat(rows.get(0).ratio(Side.SOCKLAB)).isNaN();
        assertThat(rows.get(0).notes()).isEqualTo("netty: 2 of 2 runs failed");
        assertThat(rows.get(1).notes()).isEmpty();
    }

    @Test
    void loadBoundRunsErrorsAndLossesAreNoted() {
        WorkloadRuns t = new WorkloadRuns(PINGPONG, ALL);
        t.add(Side.SOCKLAB, result(new RunReport("pingpong", 100, 64, 10, 1, 100, 1, 1, 50, 1, 3, 0, 1.0, true, Double.NaN)));
        t.failed(Side.SOCKLAB_JDK);
        t.add(Side.NETTY, result(new RunReport("udp", 16, 64, 10, 1, 100, 1, 1, 50, 1, 0, 7, 0.5, false, Double.NaN)));

        assertThat(t.notes()).isEqualTo("socklab: load generator was the limit in 1 of 1 runs; socklab: 3 errors;"
                + " socklab-jdk: 1 of 1 runs failed; netty: 7 datagrams lost");
    }

    private static Row row(List<Row> rows, Metric metric) {
        return rows.stream().filter(r -> r.metric() == metric).findFirst().orElseThrow();
    }

    private static RunResult ops(double ops) {
        return run(ops, Double.NaN);
    }

    private static RunResult run(double ops, double p99) {
        return result(new RunReport("pingpong", 100, 64, 10, ops * 10, ops, ops * 128, p99 / 2, p99, p99 * 2, 0, 0, 0.5,
                false, Double.NaN));
    }

    private static RunResult costly(double roundTrips, ServerCost cost) {
        RunReport load = new RunReport("pingpong", 1, 64, 10, roundTrips, roundTrips / 10, 1, 1, 1, 1, 0, 0, 1.0, true,
                Double.NaN);
        return new RunResult(load, cost, SyscallCounts.NONE);
    }

    private static RunResult memory(double bytesPerConnection) {
        return result(new RunReport("idle", 10_000, 0, 10, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                0, 0, 0.1, false, bytesPerConnection));
    }

    static RunResult result(RunReport load) {
        return new RunResult(load, ServerCost.NONE, SyscallCounts.NONE);
    }
}
