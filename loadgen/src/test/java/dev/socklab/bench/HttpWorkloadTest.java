package dev.socklab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.socklab.service.Connection;
import dev.socklab.service.StreamService;
import dev.socklab.services.http.HttpService;
import dev.socklab.services.http.HttpSettings;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/** The http workload for about a second against socklab's own http service, and against servers that misbehave. */
@Timeout(30)
class HttpWorkloadTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void keepAliveGetsOfASmallBodyCountEveryResponseWithoutErrors() throws Exception {
        BenchResult r = LoadGenerator.run(plan(http()).connections(10).path("/bytes/64").build());

        assertThat(r.errors().total()).as("errors: %s", r.errors()).isZero();
        assertThat(r.operations()).isPositive();
        assertThat(r.bytesPerSecond()).isEqualTo(r.operations() * 64 / r.seconds());
        assertThat(r.latency().samples()).isEqualTo(r.operations());
    }

    @Test
    void aMebibyteBodyIsReadWholeEveryTime() throws Exception {
        BenchResult r = LoadGenerator.run(plan(http()).connections(2).path("/bytes/1048576").build());

        assertThat(r.errors().total()).as("errors: %s", r.errors()).isZero();
        assertThat(r.operations()).isPositive();
        assertThat(r.bytesPerSecond()).isEqualTo(r.operations() * 1048576.0 / r.seconds());
    }

    @Test
    void aChunkedBodyEndsAtItsLastChunk() throws Exception {
        BenchResult r = LoadGenerator.run(plan(http()).connections(2).path("/stream/3").requests(50).build());

        assertThat(r.errors().total()).as("errors: %s", r.errors()).isZero();
        assertThat(r.operations()).isEqualTo(50);
    }

    @Test
    void anotherStatusThanTheOneAskedForIsAnErrorAndTheOneAskedForIsNot() throws Exception {
        InetSocketAddress http = http();

        BenchResult wrong = LoadGenerator.run(plan(http).connections(2).path("/status/404").build());
        BenchResult asked = LoadGenerator.run(plan(http).connections(2).path("/status/404").status(404).build());

        assertThat(wrong.operations()).isZero();
        assertThat(wrong.errors().byKind()).containsOnlyKeys(ErrorKind.STATUS);
        assertThat(wrong.failed()).isTrue();
        assertThat(BenchReport.failure(wrong)).contains("an HTTP server");
        assertThat(asked.errors().total()).isZero();
        assertThat(asked.operations()).isPositive();
    }

    @Test
    void aServerThatClosesAfterEachResponseIsReconnectedToWithoutErrors() throws Exception {
        InetSocketAddress server = tcp(conn -> respond(conn, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"));

        BenchResult r = LoadGenerator.run(plan(server).connections(2).requests(100).build());

        assertThat(r.errors().total()).as("errors: %s", r.errors()).isZero();
        assertThat(r.operations()).isEqualTo(100);
    }

    @Test
    void aBodyThatEndsWhenTheServerClosesIsReadToTheEnd() throws Exception {
        InetSocketAddress server = tcp(conn -> respond(conn, "HTTP/1.0 200 OK\r\n\r\nall of it"));

        BenchResult r = LoadGenerator.run(plan(server).connections(2).requests(100).build());

        assertThat(r.errors().total()).as("errors: %s", r.errors()).isZero();
        assertThat(r.bytesPerSecond()).isEqualTo(r.operations() * 9 / r.seconds());
    }

    @Test
    void aMalformedResponseOrOneWithBytesPastItsEndIsCountedAsMalformed() throws Exception {
        InetSocketAddress garbage = tcp(conn -> respond(conn, "HTTP/1.1 2OO OK\r\nContent-Length: 0\r\n\r\n"));
        InetSocketAddress tooLong = tcp(conn -> respond(conn, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokAND MORE"));

        for (InetSocketAddress server : new InetSocketAddress[] {garbage, tooLong}) {
            BenchResult r = LoadGenerator.run(plan(server).connections(1).build());

            assertThat(r.operations()).isZero();
            assertThat(r.errors().byKind()).containsOnlyKeys(ErrorKind.MALFORMED);
        }
    }

    /** Reads one request's head, answers {@code response} in one write; the runtime then closes the connection. */
    private static void respond(Connection conn, String response) throws IOException {
        // Bounded by the request head's lines; the server's idle timeout ends a client that never finishes.
        for (Optional<String> line = conn.readLine(); line.isPresent() && !line.get().isEmpty(); line = conn.readLine()) {
            // the head's fields: nothing to answer
        }
        conn.write(response);
    }

    private static BenchPlan.Builder plan(InetSocketAddress target) {
        return BenchPlan.builder(Workload.HTTP, target).duration(SECOND).warmup(Duration.ofMillis(200))
                .connectTimeout(Duration.ofSeconds(2));
    }

    private InetSocketAddress http() {
        return tcp(HttpService.of(HttpSettings.defaults()));
    }

    private InetSocketAddress tcp(StreamService service) {
        return (InetSocketAddress) servers.stream("http", service, StreamTransport.TCP_IPV4.endpoint(null)).address();
    }
}
