package dev.socklab.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The HTTP comparison's medians, ratios and verdict, from made-up runs: no sockets. */
class HttpTableTest {
    private static final HttpCase SMALL_100 = HttpCase.all().get(1);

    @Test
    void aRowIsTheMedianOfItsRoundsWithTheirErrorsSummed() {
        HttpRow row = HttpRow.of(HttpServer.NGINX, SMALL_100,
                List.of(run(18_000, 900, 0), run(17_000, 1200, 2), run(19_000, 800, 1)), 1);

        assertThat(row.requestsPerSecond()).isEqualTo(18_000);
        assertThat(row.p99Micros()).isEqualTo(900);
        assertThat(row.errors()).isEqualTo(3);
        assertThat(row.failedRuns()).isEqualTo(1);
    }

    @Test
    void theTableGivesSocklabsRatioToEachServerOnTheSameCase() {
        List<HttpRow> rows = List.of(
                HttpRow.of(HttpServer.SOCKLAB, SMALL_100, List.of(run(20_000, 600, 0)), 0),
                HttpRow.of(HttpServer.NGINX, SMALL_100, List.of(run(16_000, 900, 0)), 0),
                HttpRow.of(HttpServer.PYTHON, SMALL_100, List.of(), 1));

        String table = HttpTable.markdown(rows);

        assertThat(table.lines()).element(3)
                .isEqualTo("| 100 | 64 B | nginx | 16,000 | 900 us | 1.25 | 0.67 |  |");
        assertThat(table.lines()).element(4)
                .isEqualTo("| 100 | 64 B | python http.server | - | - | - | - | 1 run failed |");
        assertThat(HttpTable.socklabAhead(rows)).as("a server without a number is no win").isFalse();
        assertThat(HttpTable.socklabAhead(rows.subList(0, 2))).isTrue();
    }

    private static H2load run(double perSecond, double p99, long errors) {
        return new H2load(perSecond, 1000, 1000 - errors, errors, p99);
    }
}
