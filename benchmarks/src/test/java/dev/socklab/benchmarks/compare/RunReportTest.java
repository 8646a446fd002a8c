package dev.socklab.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Reading {@code socklab bench --json}: every key of the report, and what is missing or malformed. */
class RunReportTest {
    static final String PINGPONG = """
            [
              {"workload": "pingpong", "connections": 100, "size": 64, "seconds": 10.0, "operations": 523100,
               "ops_per_second": 52310.0, "bytes_per_second": 6695680.0,
               "latency_us": {"p50": 1800.5, "p99": 4100, "p999": 9000},
               "errors": 2, "lost": 0, "load_cpu": 0.97, "load_bound": true, "server_bytes_per_connection": null}
            ]
            """;

    @Test
    void everyKeyOfTheReportIsRead() throws RunFailedException {
        RunReport r = RunReport.parseAll(PINGPONG).getFirst();

        assertThat(r).isEqualTo(new RunReport("pingpong", 100, 64, 10, 523100, 52310, 6695680, 1800.5, 4100, 9000,
                2, 0, 0.97, true, Double.NaN));
    }

    @Test
    void reportAfterOtherOutputIsFound() throws RunFailedException {
        List<RunReport> all = RunReport.parseAll("warming up...\n" + PINGPONG);

        assertThat(all).hasSize(1);
        assertThat(all.getFirst().opsPerSecond()).isEqualTo(52310);
    }

    @Test
    void missingNumbersReadAsNaNAndMissingCountsAsZero() throws RunFailedException {
        RunReport r = RunReport.parseAll("{\"workload\": \"idle\", \"server_bytes_per_connection\": 3112}").getFirst();

        assertThat(r.serverBytesPerConnection()).isEqualTo(3112);
        assertThat(r.opsPerSecond()).isNaN();
        assertThat(r.p99()).isNaN();
        assertThat(r.errors()).isZero();
        assertThat(r.loadBound()).isFalse();
    }

    @Test
    void nanIsNotJsonAndMalformedTextIsAnError() {
        assertThatThrownBy(() -> RunReport.parseAll("{\"workload\": \"udp\", \"latency_us\": {\"p99\": NaN}}"))
                .isInstanceOf(RunFailedException.class).hasMessageStartingWith("the load generator's report is not JSON");
        assertThatThrownBy(() -> RunReport.parseAll("[{\"workload\": \"udp\""))
                .isInstanceOf(RunFailedException.class).hasMessageStartingWith("the load generator's report is not JSON");
        assertThatThrownBy(() -> RunReport.parseAll("[1]")).hasMessage("the load generator's report holds 1 where an object belongs");
    }

    @Test
    void outputWithoutAReportIsAnError() {
        assertThatThrownBy(() -> RunReport.parseAll("socklab: cannot connect to 127.0.0.1 port 1\n"))
                .hasMessage("the load generator printed no JSON report");
        assertThatThrownBy(() -> RunReport.parseAll("[]")).hasMessage("the load generator's report is empty");
    }
}
