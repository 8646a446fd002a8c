package dev.socklab.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The results as text and as Markdown, from rows made up in the test. */
class ResultTableTest {
    private static final List<Side> ALL = List.of(Side.SOCKLAB, Side.SOCKLAB_JDK, Side.NETTY);
    private static final List<Row> ROWS = List.of(
            new Row("pingpong 64 B, 1 connection", Metric.OPS_PER_SECOND,
                    Map.of(Side.SOCKLAB, 52_310.0, Side.SOCKLAB_JDK, 40_000.0, Side.NETTY, 50_000.0), Verdict.PASS, ""),
            new Row("pingpong 64 B, 1 connection", Metric.P99_LATENCY,
                    Map.of(Side.SOCKLAB, 40.0, Side.SOCKLAB_JDK, 60.0, Side.NETTY, 38.0), Verdict.MISS, ""),
            new Row("pingpong 64 B, 1 connection", Metric.VOLUNTARY_SWITCHES_PER_ROUND_TRIP,
                    Map.of(Side.SOCKLAB, 0.5, Side.SOCKLAB_JDK, 2.25, Side.NETTY, 1.0), Verdict.REFERENCE, ""),
            new Row("stream 64 KiB, 16 connections", Metric.BYTES_PER_SECOND,
                    Map.of(Side.SOCKLAB, 2.5e9, Side.SOCKLAB_JDK, Double.NaN, Side.NETTY, Double.NaN), Verdict.NO_DATA,
                    "netty: 1 of 1 runs failed | badly"));

    @Test
    void markdownHasAColumnPerServerARatioPerEngineARowPerMetricAndEscapedPipes() {
        assertThat(ResultTable.markdown(ROWS, ALL)).isEqualTo("""
                | workload | metric | socklab | socklab-jdk | netty | socklab/netty | socklab-jdk/netty | target | verdict | notes |
                |---|---|---:|---:|---:|---:|---:|---|---|---|
                | pingpong 64 B, 1 connection | ops/s | 52,310 ops/s | 40,000 ops/s | 50,000 ops/s | 1.05 | 0.80 | >= 1.00 | PASS |  |
                | pingpong 64 B, 1 connection | p99 latency | 40 us | 60 us | 38 us | 1.05 | 1.58 | <= 1.00 | MISS |  |
                | pingpong 64 B, 1 connection | server voluntary switches/round trip | 0.500 | 2.250 | 1.000 | 0.50 | 2.25 | - | - |  |
                | stream 64 KiB, 16 connections | bytes/s | 2.50 GB/s | - | - | - | - | >= 1.00 | NO DATA | netty: 1 of 1 runs failed \\| badly |
                """);
    }

    @Test
    void onlyTheServersThatRanHaveColumns() {
        List<Row> epollOnly = List.of(new Row("connect, 32 loops (greeting)", Metric.OPS_PER_SECOND,
                Map.of(Side.SOCKLAB, 20_000.0, Side.NETTY, 20_000.0), Verdict.PASS, ""));

        assertThat(ResultTable.markdown(epollOnly, List.of(Side.SOCKLAB, Side.NETTY))).startsWith("""
                | workload | metric | socklab | netty | socklab/netty | target | verdict | notes |
                |---|---|---:|---:|---:|---|---|---|
                | connect, 32 loops (greeting) | ops/s | 20,000 ops/s | 20,000 ops/s | 1.00 | >= 1.00 | PASS |  |
                """);
    }

    @Test
    void textAlignsTheColumnsAndPutsNotesUnderTheTable() {
        List<String> lines = ResultTable.text(ROWS, ALL).lines().toList();

        assertThat(lines.get(0)).startsWith("WORKLOAD                       METRIC                                SOCKLAB")
                .contains("SOCKLAB-JDK/NETTY");
        assertThat(lines.get(1).indexOf("ops/s")).isEqualTo(lines.get(0).indexOf("METRIC"));
        assertThat(lines.get(1)).endsWith("PASS");
        assertThat(lines.getLast()).isEqualTo("note, stream 64 KiB, 16 connections: netty: 1 of 1 runs failed | badly");
    }

    @Test
    void valuesReadInTheirUnits() {
        assertThat(Metric.BYTES_PER_SECOND.format(812.4e6)).isEqualTo("812.4 MB/s");
        assertThat(Metric.SERVER_BYTES_PER_CONNECTION.format(3112.4)).isEqualTo("3,112 B");
        assertThat(Metric.P99_LATENCY.format(Double.NaN)).isEqualTo("-");
        assertThat(Metric.ROUND_TRIPS_PER_CPU_SECOND.format(152_345.6)).isEqualTo("152,346");
        assertThat(Metric.SERVER_CPU_SECONDS.format(8.414)).isEqualTo("8.41 s");
        assertThat(Metric.EPOLL_CTL_PER_ROUND_TRIP.format(0.0041)).isEqualTo("0.004");
    }
}
