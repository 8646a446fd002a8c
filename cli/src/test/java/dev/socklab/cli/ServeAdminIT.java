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
import tools.jackson.databind.json.JsonMapper;

import dev.socklab.testing.RawClient;
import dev.socklab.testing.Tools;

/**
 * {@code ./socklab serve --admin 127.0.0.1:0} as a process, scraped with curl: the banner names the
 * admin listener and its real port, {@code /metrics} counts a client served, {@code /status} lists
 * the services; {@code --admin-deny} turns curl away; without {@code --admin} nothing listens for it.
 */
@Timeout(60)
class ServeAdminIT {
    private static final Duration SOON = Duration.ofSeconds(10);

    @Test
    void curlScrapesMetricsAndStatusFromTheAdminListener() throws Exception {
        String curl = Tools.require("curl");
        try (Launched server = Launched.socklab("serve", "hello:0", "--admin", "127.0.0.1:0")) {
            int admin = server.boundPort("admin", "tcp", "127.0.0.1");
            int hello = server.boundPort("hello", "tcp", "127.0.0.1");
            assertThat(server.outLines()).contains("Admin: http://127.0.0.1:" + admin + "/ (status page), http://127.0.0.1:"
                    + admin + "/metrics (Prometheus), http://127.0.0.1:" + admin + "/status (JSON)");
            try (RawClient client = RawClient.connect(new InetSocketAddress("127.0.0.1", hello))) {
                assertThat(client.readLine(SOON)).isEqualTo("Hello World!");
            }
            server.awaitLine(line -> line.contains("-> 127.0.0.1:" + hello + " closed by server"), SOON);

            Curl metrics = Curl.get(curl, "http://127.0.0.1:" + admin + "/metrics");
            assertThat(metrics.exit).as("curl: %s", metrics.body).isZero();
            assertThat(metrics.body)
                    .contains("socklab_connections_accepted_total{listener=\"127.0.0.1:" + hello
                            + "\",service=\"hello\",transport=\"tcp\"} 1.0")
                    .contains("socklab_sent_bytes_total{listener=\"127.0.0.1:" + hello
                            + "\",service=\"hello\",transport=\"tcp\"} 14.0")
                    .contains("jvm_memory_used_bytes");

            Curl status = Curl.get(curl, "http://127.0.0.1:" + admin + "/status");
            assertThat(status.exit).isZero();
            JsonNode json = JsonMapper.builder().build().readTree(status.body);
            assertThat(json.get("services").valueStream().map(s -> s.get("name").asString()).toList())
                    .containsExactly("hello", "admin");
            assertThat(json.get("services").get(0).get("listeners").get(0).get("accepted").asLong()).isEqualTo(1);
        }
    }

    @Test
    void adminDenyTurnsAClientAwayWithoutAByteWhileTheServicesServeIt() throws Exception {
        String curl = Tools.require("curl");
        try (Launched server = Launched.socklab("serve", "hello:0", "--admin", "127.0.0.1:0", "--admin-deny", "127.0.0.0/8")) {
            int admin = server.boundPort("admin", "tcp", "127.0.0.1");
            Curl denied = Curl.get(curl, "http://127.0.0.1:" + admin + "/metrics");
            assertThat(denied.exit).as("curl of a denied client: %s", denied.body).isNotZero();
            assertThat(denied.body).doesNotContain("socklab_");
            server.awaitLine(line -> line.contains("-> 127.0.0.1:" + admin + " denied: on the deny list"), SOON);
            try (RawClient client = RawClient.connect(new InetSocketAddress("127.0.0.1",
                    server.boundPort("hello", "tcp", "127.0.0.1")))) {
                assertThat(client.readLine(SOON)).isEqualTo("Hello World!");
            }
        }
    }

    @Test
    void withoutAdminNoAdminListenerStarts() throws Exception {
        try (Launched server = Launched.socklab("serve", "hello:0")) {
            server.boundPort("hello", "tcp", "127.0.0.1");
            assertThat(server.outLines()).noneMatch(line -> line.startsWith("admin ") || line.startsWith("Admin:"));
        }
    }

    /** curl's exit status, and what it printed, error included. */
    private record Curl(int exit, String body) {
        static Curl get(String curl, String url) throws Exception {
            Process process = new ProcessBuilder(List.of(curl, "-sS", "--max-time", "10", url)).redirectErrorStream(true)
                    .start();
            String body = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(15, TimeUnit.SECONDS)).isTrue();
            return new Curl(process.exitValue(), body);
        }
    }
}
