package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import dev.socklab.net.SocketAddresses;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.Tools;

/**
 * {@code ./socklab serve --admin} as a process, read with curl: the status page at {@code /}, and
 * {@code /events} with an open connection's client and the last log lines, the line of a connection
 * closed before among them.
 */
@Timeout(60)
class ServeStatusPageIT {
    private static final Duration SOON = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Test
    void theEventsCarryTheOpenConnectionsAndTheLogsLastLines() throws Exception {
        String curl = Tools.require("curl");
        try (Launched server = Launched.socklab("serve", "echo:0/tcp", "--ipv4-only", "--admin", "127.0.0.1:0")) {
            int admin = server.boundPort("admin", "tcp", "127.0.0.1");
            InetSocketAddress echo = new InetSocketAddress("127.0.0.1", server.boundPort("echo", "tcp", "127.0.0.1"));
            String page = run(curl, "-sS", "-i", "--max-time", "10", "http://127.0.0.1:" + admin + "/");
            assertThat(page).startsWith("HTTP/1.1 200 ").contains("Content-Security-Policy: default-src 'none';",
                    "<title>socklab status</title>");

            String gone;
            try (RawClient first = RawClient.connect(echo)) {
                gone = SocketAddresses.format(first.local());
                first.send("x\n");
                assertThat(first.readLine(SOON)).isEqualTo("x");
            }
            server.awaitLine(line -> line.contains(gone + " -> ") && line.contains("closed by client"), SOON);
            try (RawClient open = RawClient.connect(echo)) {
                String client = SocketAddresses.format(open.local());
                // Two seconds of the stream: curl then stops reading, as a closed page does (exit 28, its timeout).
                String events = run(curl, "-sS", "-N", "--max-time", "2", "http://127.0.0.1:" + admin + "/events");
                List<JsonNode> data = events.lines().filter(line -> line.startsWith("data: "))
                        .map(line -> JSON.readTree(line.substring(6))).toList();
                assertThat(data).as(events).isNotEmpty();
                JsonNode last = data.getLast();
                assertThat(last.get("connections").valueStream().map(c -> c.get("client").asString()))
                        .contains(client);
                assertThat(last.get("log").valueStream()
                        .filter(l -> l.get("logger").asString().equals("socklab.connection"))
                        .map(l -> l.get("message").asString()))
                        .anyMatch(message -> message.contains(gone + " -> ") && message.contains("closed by client"));
            }
        }
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(15, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
