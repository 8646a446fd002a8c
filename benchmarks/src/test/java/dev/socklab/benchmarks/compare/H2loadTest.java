package dev.socklab.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** h2load's summary and per-request log, as nghttp2 1.52 writes them, read back: no sockets. */
class H2loadTest {
    private static final String OUTPUT = """
            starting benchmark...
            spawning thread #0: 10 total client(s). 2000 total requests
            Application protocol: http/1.1
            progress: 100% done

            finished in 1.58s, 1263.75 req/s, 277.68KB/s
            requests: 2000 total, 2000 started, 1990 done, 1985 succeeded, 5 failed, 3 errored, 2 timeout
            status codes: 1983 2xx, 2 3xx, 4 4xx, 1 5xx
            traffic: 439.45KB (450000) total, 246.09KB (252000) headers (space savings 0.00%), 125.00KB (128000) data
                                 min         max         mean         sd        +/- sd
            time for request:      145us    265.18ms      7.83ms     17.62ms    97.50%
            """;

    @TempDir
    Path dir;

    @Test
    void theSummaryGivesRequestsPerSecondAndEveryKindOfError() throws Exception {
        Path log = dir.resolve("log.tsv");
        Files.writeString(log, "1796566805672829\t200\t148015\n");

        H2load r = H2load.parse(OUTPUT, log);

        assertThat(r.requestsPerSecond()).isEqualTo(1263.75);
        assertThat(r.requests()).isEqualTo(2000);
        assertThat(r.succeeded()).isEqualTo(1985);
        assertThat(r.errors()).as("10 failed, errored or timed out, then 4xx and 5xx").isEqualTo(10 + 5);
        assertThat(r.p99Micros()).isEqualTo(148015);
    }

    @Test
    void p99IsTheNearestRankOfTheLoggedTimes() throws Exception {
        Path log = dir.resolve("log.tsv");
        // 1..200 us in shuffled order: the 99th percentile of 200 is the 198th smallest.
        Files.writeString(log, IntStream.rangeClosed(1, 200).map(i -> (i * 37) % 200 + 1)
                .mapToObj(us -> "1796566805672829\t200\t" + us).collect(Collectors.joining("\n", "", "\n")));

        assertThat(H2load.p99(log)).isEqualTo(198);
    }

    @Test
    void aMissingOrEmptyLogHasNoP99() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.tsv"), "");

        assertThat(H2load.p99(dir.resolve("none.tsv"))).isNaN();
        assertThat(H2load.p99(empty)).isNaN();
    }

    @Test
    void outputWithoutTheSummaryIsARunThatFailed() {
        assertThatThrownBy(() -> H2load.parse("starting benchmark...\nprogress: 10% done\n", dir.resolve("none.tsv")))
                .isInstanceOf(RunFailedException.class).hasMessageContaining("no summary");
    }

    @Test
    void theCommandIsOneThreadOnTheLoadCoreWithACountAndALog() {
        Pinning pinned = new Pinning(0, 1, "");

        assertThat(H2load.command(pinned, "http://127.0.0.1:8080/64.bin", 100, 5000, Path.of("/tmp/l.tsv")))
                .containsExactly("taskset", "-c", "1", "h2load", "--h1", "-t", "1", "-c", "100", "-n", "5000", "-N", "10",
                        "--log-file", "/tmp/l.tsv", "http://127.0.0.1:8080/64.bin");
    }
}
