package dev.socklab.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Medians, ratios, verdicts and notes, from results made up in the test: no sockets. */
class WorkloadRunsTest {
    private static final Scenario PINGPONG = Scenario.all().get(1);
    private static final Scenario IDLE = Scenario.all().getLast();

    @Test
    void medianOfAnOddCountIsTheMiddleAndOfAnEvenCountTheMeanOfTheTwoMiddles() {
        assertThat(WorkloadRuns.median(List.of(ops(3), ops(1), ops(2)), RunReport::opsPerSecond)).isEqualTo(2);
        assertThat(WorkloadRuns.median(List.of(ops(4), ops(1), ops(2), ops(10)), RunReport::opsPerSecond)).isEqualTo(3);
        assertThat(WorkloadRuns.median(List.of(), RunReport::opsPerSecond)).isNaN();
        assertThat(WorkloadRuns.median(List.of(ops(Double.NaN), ops(5)), RunReport::opsPerSecond)).isEqualTo(5);
    }

    @Test
    void pingpongIsJudgedOnOpsAndOnP99() {
        WorkloadRuns t = new WorkloadRuns(PINGPONG);
        t.add(Side.SOCKLAB, run(110, 40));
        t.add(Side.NETTY, run(100, 50));
        t.add(Side.SOCKLAB, run(90, 60));
        t.add(Side.NETTY, run(100, 50));
        t.add(Side.SOCKLAB, run(105, 45));
        t.add(Side.NETTY, run(120, 30));

        List<Row> rows = t.rows();

        assertThat(rows).extracting(Row::metric).containsExactly(Metric.OPS_PER_SECOND, Metric.P99_LATENCY);
        assertThat(rows.get(0).socklab()).isEqualTo(105);
        assertThat(rows.get(0).netty()).isEqualTo(100);
        assertThat(rows.get(0).ratio()).isEqualTo(1.05);
        assertThat(rows.get(0).verdict()).isEqualTo(Verdict.PASS);
        assertThat(rows.get(1).ratio()).isEqualTo(0.9);
        assertThat(rows.get(1).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void evenIsAPassAndLessThroughputOrMoreLatencyIsAMiss() {
        assertThat(Verdict.judge(Metric.OPS_PER_SECOND, 100, 100)).isEqualTo(Verdict.PASS);
        assertThat(Verdict.judge(Metric.OPS_PER_SECOND, 99, 100)).isEqualTo(Verdict.MISS);
        assertThat(Verdict.judge(Metric.P99_LATENCY, 51, 50)).isEqualTo(Verdict.MISS);
        assertThat(Verdict.judge(Metric.SERVER_BYTES_PER_CONNECTION, 2000, 3000)).isEqualTo(Verdict.PASS);
        assertThat(Verdict.judge(Metric.BYTES_PER_SECOND, Double.NaN, 1)).isEqualTo(Verdict.NO_DATA);
    }

    @Test
    void lowerServerMemoryPerConnectionPasses() {
        WorkloadRuns t = new WorkloadRuns(IDLE);
        t.add(Side.SOCKLAB, memory(2400));
        t.add(Side.NETTY, memory(3000));

        Row row = t.rows().getFirst();

        assertThat(row.metric()).isEqualTo(Metric.SERVER_BYTES_PER_CONNECTION);
        assertThat(row.ratio()).isEqualTo(0.8);
        assertThat(row.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void sideWithEveryRunFailedHasNoDataAndTheFailuresAreNoted() {
        WorkloadRuns t = new WorkloadRuns(PINGPONG);
        t.add(Side.SOCKLAB, run(100, 50));
        t.failed(Side.NETTY);
        t.failed(Side.NETTY);

        List<Row> rows = t.rows();

        assertThat(rows).extracting(Row::verdict).containsOnly(Verdict.NO_DATA);
        assertThat(rows.get(0).ratio()).isNaN();
        assertThat(rows.get(0).notes()).isEqualTo("netty: 2 of 2 runs failed");
        assertThat(rows.get(1).notes()).isEmpty();
    }

    @Test
    void loadBoundRunsErrorsAndLossesAreNoted() {
        WorkloadRuns t = new WorkloadRuns(PINGPONG);
        t.add(Side.SOCKLAB, new RunReport("pingpong", 100, 64, 10, 1, 100, 1, 1, 50, 1, 3, 0, 1.0, true, Double.NaN));
        t.add(Side.NETTY, new RunReport("udp", 16, 64, 10, 1, 100, 1, 1, 50, 1, 0, 7, 0.5, false, Double.NaN));

        assertThat(t.notes()).isEqualTo("socklab: load generator was the limit in 1 of 1 runs; socklab: 3 errors;"
                + " netty: 7 datagrams lost");
    }

    private static RunReport ops(double ops) {
        return run(ops, Double.NaN);
    }

    private static RunReport run(double ops, double p99) {
        return new RunReport("pingpong", 100, 64, 10, ops * 10, ops, ops * 128, p99 / 2, p99, p99 * 2, 0, 0, 0.5,
                false, Double.NaN);
    }

    private static RunReport memory(double bytesPerConnection) {
        return new RunReport("idle", 10_000, 0, 10, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                0, 0, 0.1, false, bytesPerConnection);
    }
}
