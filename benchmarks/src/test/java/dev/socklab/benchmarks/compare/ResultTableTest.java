package dev.socklab.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The results as text and as Markdown, from rows made up in the test. */
class ResultTableTest {
    private static final List<Row> ROWS = List.of(
            new Row("pingpong 64 B, 1 connection", Metric.OPS_PER_SECOND, 52_310, 50_000, Verdict.PASS, ""),
            new Row("pingpong 64 B, 1 connection", Metric.P99_LATENCY, 40, 38, Verdict.MISS, ""),
            new Row("stream 64 KiB, 16 connections", Metric.BYTES_PER_SECOND, 2.5e9, Double.NaN, Verdict.NO_DATA,
                    "netty: 1 of 1 runs failed | badly"));

    @Test
    void markdownHasAHeaderARowPerMetricAndEscapedPipes() {
        assertThat(ResultTable.markdown(ROWS)).isEqualTo("""
                | workload | metric | socklab | netty | socklab/netty | target | verdict | notes |
                |---|---|---:|---:|---:|---|---|---|
                | pingpong 64 B, 1 connection | ops/s | 52,310 ops/s | 50,000 ops/s | 1.05 | >= 1.00 | PASS |  |
                | pingpong 64 B, 1 connection | p99 latency | 40 us | 38 us | 1.05 | <= 1.00 | MISS |  |
                | stream 64 KiB, 16 connections | bytes/s | 2.50 GB/s | - | - | >= 1.00 | NO DATA | netty: 1 of 1 runs failed \\| badly |
                """);
    }

    @Test
    void textAlignsTheColumnsAndPutsNotesUnderTheTable() {
        List<String> lines = ResultTable.text(ROWS).lines().toList();

        assertThat(lines.get(0)).startsWith("WORKLOAD                       METRIC       SOCKLAB");
        assertThat(lines.get(1).indexOf("ops/s")).isEqualTo(lines.get(0).indexOf("METRIC"));
        assertThat(lines.get(1)).endsWith("PASS");
        assertThat(lines.getLast()).isEqualTo("note, stream 64 KiB, 16 connections: netty: 1 of 1 runs failed | badly");
    }

    @Test
    void valuesReadInTheirUnits() {
        assertThat(Metric.BYTES_PER_SECOND.format(812.4e6)).isEqualTo("812.4 MB/s");
        assertThat(Metric.SERVER_BYTES_PER_CONNECTION.format(3112.4)).isEqualTo("3,112 B");
        assertThat(Metric.P99_LATENCY.format(Double.NaN)).isEqualTo("-");
    }
}
