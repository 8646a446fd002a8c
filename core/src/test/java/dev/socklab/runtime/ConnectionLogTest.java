package dev.socklab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.testing.LogCapture;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/** One line per connection, but at most so many a second: the rest are counted in one summary line a second. */
@Timeout(20)
class ConnectionLogTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void pastTheRateConnectionLinesAreSummarisedNotWritten() throws Exception {
        try (LogCapture log = LogCapture.socklab()) {
            Endpoint bound = servers.start(Server.builder().maxLogRate(5)
                    .stream("hello", TestServices.greeting(), StreamTransport.TCP_IPV4.endpoint(dir)))
                    .bindings().getFirst().endpoint();
            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                try (RawClient client = RawClient.connect(bound)) {
                    client.readAll(WAIT);
                }
            }
            // None is lost: each connection's line is written or counted in a summary (the last may
            // come after its client saw the close).
            String summary = log.await(line -> line.startsWith("... and ") && written(log) + summed(log) == 20, WAIT);
            double seconds = (System.nanoTime() - start) / 1e9;
            // The burst of 5, and what the bucket refilled at 5 a second while the test ran.
            assertThat(written(log)).isBetween(5L, 5L + (long) Math.ceil(5 * seconds));
            assertThat(summed(log)).isPositive();
            assertThat(summary).contains("--max-log-rate");
        }
    }

    @Test
    void zeroMeansEveryLine() throws Exception {
        try (LogCapture log = LogCapture.socklab()) {
            Endpoint bound = servers.start(Server.builder().maxLogRate(0)
                    .stream("hello", TestServices.greeting(), StreamTransport.TCP_IPV4.endpoint(dir)))
                    .bindings().getFirst().endpoint();
            for (int i = 0; i < 50; i++) {
                try (RawClient client = RawClient.connect(bound)) {
                    client.readAll(WAIT);
                }
            }
            log.await(line -> log.lines().stream().filter(l -> l.startsWith("hello#")).count() == 50, WAIT);
            assertThat(log.lines()).noneMatch(line -> line.startsWith("... and "));
        }
    }

    /** The connections counted in every summary line so far. */
    private static long written(LogCapture log) {
        return log.lines().stream().filter(line -> line.startsWith("hello#")).count();
    }

    private static long summed(LogCapture log) {
        return log.lines().stream().filter(line -> line.startsWith("... and "))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\.\\.\\. and (\\d+) more.*", "$1"))).sum();
    }
}
