package dev.socklab.services.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import dev.socklab.runtime.Server;
import dev.socklab.services.http.HttpService;
import dev.socklab.services.http.HttpSettings;
import dev.socklab.services.http.Router;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/**
 * {@code /events} over a real socket, read by the JDK's HTTP client line by line as the events come:
 * one a second with the report and the log lines, at most so many streams at once, and every stream
 * ended when the server stops.
 */
@Timeout(30)
class StatusEventsTest {
    private static final Duration SOON = Duration.ofSeconds(5);
    /** What a reader's queue gets when the stream has ended. */
    private static final String END = "\u0000end";

    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    private final AtomicInteger reports = new AtomicInteger();
    private final LogLine logged = new LogLine(Instant.parse("2026-01-02T03:04:05.678Z"), "INFO", "socklab.connection",
            Optional.of("echo#1"), "echo#1 tcp 127.0.0.1:5000 -> 127.0.0.1:7 closed by client", Optional.empty());

    @Test
    void eventsComeOnceASecondWithTheReportAndTheLogUntilTheServerStops() throws Exception {
        URI events = start(2);
        HttpResponse<Stream<String>> response = get(events);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
        BlockingQueue<String> lines = reader(response.body());

        List<JsonNode> data = new ArrayList<>();
        long first = 0;
        while (data.size() < 3) {
            String line = next(lines);
            assertThat(line).isNotEqualTo(END);
            if (line.startsWith("data: ")) {
                data.add(JsonMapper.builder().build().readTree(line.substring(6)));
                if (data.size() == 1) {
                    first = System.nanoTime();
                }
            }
        }
        // Three events: two intervals of a second each (the margin is for the first arriving late on a loaded machine).
        assertThat(Duration.ofNanos(System.nanoTime() - first)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        assertThat(data).extracting(d -> d.get("report").asInt()).containsExactly(1, 2, 3);
        JsonNode log = data.getLast().get("log");
        assertThat(log.size()).isOne();
        assertThat(log.get(0).get("connection").asString()).isEqualTo("echo#1");
        assertThat(log.get(0).get("time").asString()).isEqualTo("2026-01-02T03:04:05.678Z");

        long stopping = System.nanoTime();
        servers.server().stop(Duration.ofSeconds(5));
        String line;
        do {
            line = next(lines);
        } while (!line.equals(END));
        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void oneStreamMoreThanTheLimitIsRefusedAndItsRoomIsFreedWhenOneEnds() throws Exception {
        URI events = start(1);
        HttpResponse<Stream<String>> first = get(events);
        assertThat(first.statusCode()).isEqualTo(200);
        BlockingQueue<String> lines = reader(first.body());
        assertThat(next(lines)).startsWith("retry: ");

        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(events).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).isEqualTo("at most 1 status pages may follow the server at once; close one and reload\n");

        first.body().close();
        // The server finds the client gone at its next write, within a second or two, and frees the room.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int status;
        do {
            HttpResponse<Stream<String>> again = get(events);
            status = again.statusCode();
            again.body().close();
        } while (status == 503 && System.nanoTime() < deadline);
        assertThat(status).isEqualTo(200);
    }

    /** A server with the status page's two routes; returns {@code /events}'s address. */
    private URI start(int maxSubscribers) {
        StatusEvents route = new StatusEvents(
                () -> JsonNodeFactory.instance.objectNode().put("report", reports.incrementAndGet()),
                () -> List.of(logged), maxSubscribers);
        Server server = servers.start(Server.builder().stream("admin", new HttpService(HttpSettings.defaults(),
                new Router().exact("/", new StatusPage()).exact("/events", route)), StreamTransport.TCP_IPV4.endpoint(null)));
        int port = ((InetSocketAddress) server.bindings().getFirst().endpoint().address()).getPort();
        return URI.create("http://127.0.0.1:" + port + "/events");
    }

    private static HttpResponse<Stream<String>> get(URI uri) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofLines());
    }

    /**
     * The stream's lines, read as they come by a thread of their own; {@link #END} after the last if the body
     * ended as HTTP says, or what failed if it did not.
     */
    private static BlockingQueue<String> reader(Stream<String> body) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try {
                body.forEach(lines::add);
                lines.add(END);
            } catch (RuntimeException e) {
                lines.add("the stream failed: " + e);
            }
        });
        return lines;
    }

    private static String next(BlockingQueue<String> lines) throws InterruptedException {
        String line = lines.poll(SOON.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(line).as("a line of the stream within " + SOON).isNotNull();
        return line;
    }
}
