package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import dev.socklab.net.SocketAddresses;
import dev.socklab.testing.RawClient;

/**
 * {@code ./socklab serve --log-format json} as a process: the table stays text, and every log line
 * after it is one JSON object with the text line's fields, the client's address in its connection's.
 */
@Timeout(60)
class ServeLogFormatIT {
    private static final Duration START = Duration.ofSeconds(20);
    private static final Duration SOON = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Test
    void eachLogLineIsAJsonObjectWithTheTextLinesFields() throws Exception {
        try (Launched server = Launched.socklab("serve", "http:0/tcp", "--ipv4-only", "--log-format", "json")) {
            int port = server.boundPort("http", "tcp", "127.0.0.1");
            assertThat(server.outLines()).contains("SERVICE  TRANSPORT  ADDRESS", "Press Ctrl-C to stop.");
            String client;
            try (RawClient http = RawClient.connect(new InetSocketAddress("127.0.0.1", port))) {
                client = SocketAddresses.format(http.local());
                http.send("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                assertThat(http.readAll(SOON)).startsWith("HTTP/1.1 200 ");
            }

            String request = server.awaitLine(line -> line.contains("\"GET /health 200\""), SOON);
            String closed = server.awaitLine(line -> line.contains(client + " -> 127.0.0.1:" + port), SOON);
            JsonNode served = JSON.readTree(request);
            assertThat(served.propertyNames()).containsExactly("time", "level", "logger", "connection", "message");
            assertThat(served.get("logger").asString()).isEqualTo("socklab.service.http");
            assertThat(served.get("connection").asString()).matches("http#\\d+");
            assertThat(served.get("level").asString()).isEqualTo("INFO");
            assertThat(Instant.parse(served.get("time").asString())).isBefore(Instant.now());
            JsonNode connection = JSON.readTree(closed);
            assertThat(connection.get("logger").asString()).isEqualTo("socklab.connection");
            assertThat(connection.get("message").asString())
                    .startsWith(served.get("connection").asString() + " tcp " + client + " -> ");

            server.terminate();
            server.awaitLine("socklab stopped", SOON);
            assertThat(server.exitWithin(START)).isZero();
            // Whatever the server logged is JSON, one object a line; the table and its notes above stay text.
            List<String> out = server.outLines();
            List<String> logged = out.subList(out.indexOf("Press Ctrl-C to stop.") + 1, out.size()).stream()
                    .filter(line -> !line.startsWith("socklab stop")).toList();
            assertThat(logged).hasSizeGreaterThanOrEqualTo(2).allSatisfy(line -> {
                JsonNode json = JSON.readTree(line);
                assertThat(json.isObject()).as(line).isTrue();
                assertThat(json.has("time") && json.has("level") && json.has("logger") && json.has("message")).as(line)
                        .isTrue();
            });
        }
    }
}
