package dev.socklab.services.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.socklab.net.Family;
import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Refusals;
import dev.socklab.runtime.Server;
import dev.socklab.services.chat.ChatService;
import dev.socklab.services.chat.ChatSettings;
import dev.socklab.services.echo.EchoService;
import dev.socklab.services.http.HttpSettings;
import dev.socklab.testing.Await;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.StreamTransport;
import dev.socklab.testing.TestCertificates;
import dev.socklab.testing.Tools;

/**
 * The admin listener over real loopback sockets: after known traffic to a chat (TCP) and an echo
 * (UDP), {@code /metrics} has every family with its tags and values, passes {@code promtool check
 * metrics}, and {@code /status} has the shape the status page and tools read.
 */
@Timeout(30)
class AdminServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final HttpClient http = HttpClient.newHttpClient();
    private Server server;

    @AfterEach
    void stop() {
        http.close();
        if (server != null) {
            server.stop(Duration.ZERO);
        }
    }

    /** Serves chat (tcp), echo (udp) and admin (tcp); a chat member stays, one datagram of 5 bytes is echoed. */
    private String serveWithTraffic(RawClient[] member) throws IOException {
        AdminService admin = new AdminService(HttpSettings.defaults(), Clock.systemUTC());
        server = Server.builder()
                .stream("chat", new ChatService(ChatSettings.DEFAULTS, Clock.systemUTC()),
                        Endpoint.tcp(new InetSocketAddress(LOOPBACK, 0)))
                .datagram("echo", new EchoService(), Endpoint.udp(new InetSocketAddress(LOOPBACK, 0)))
                .stream(AdminService.NAME, admin, Endpoint.tcp(new InetSocketAddress(LOOPBACK, 0)))
                .build();
        admin.report(server);
        server.start();
        member[0] = RawClient.connect(server.bindings().get(0).endpoint());
        // The whole arrival, the last line the chat sends unasked: the member's bytes out stay put from then on.
        long arrival = 0;
        String line;
        do {
            line = member[0].readLine(WAIT);
            assertThat(line).as("the chat member's arrival").isNotNull();
            arrival += line.getBytes(StandardCharsets.UTF_8).length + 2;
        } while (!line.endsWith(" joined lobby"));
        long arrived = arrival;
        try (DatagramChannel client = DatagramChannel.open()) {
            client.connect(server.bindings().get(1).endpoint().address());
            client.write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)));
            client.read(ByteBuffer.allocate(100));
        }
        // A write or a send is counted as it returns, which may be after the client has the bytes; a datagram before
        // its bytes.
        Await.until(() -> server.listenerStats().get(0).bytesOut() == arrived, WAIT, "the arrival's bytes counted");
        Await.until(() -> server.listenerStats().get(1).bytesOut() == 5, WAIT, "the echo counted");
        InetSocketAddress bound = (InetSocketAddress) server.bindings().get(2).endpoint().address();
        return "http://127.0.0.1:" + bound.getPort();
    }

    private HttpResponse<String> get(String url, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(WAIT);
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsHaveEveryFamilyTaggedByServiceTransportAndListener() throws Exception {
        RawClient[] member = new RawClient[1];
        String base = serveWithTraffic(member);
        try (RawClient open = member[0]) {
            String chat = "service=\"chat\",transport=\"tcp\",listener=\"" + server.listenerStats().get(0).address() + "\"";
            String echo = "service=\"echo\",transport=\"udp\",listener=\"" + server.listenerStats().get(1).address() + "\"";
            HttpResponse<String> response = get(base + "/metrics", null);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            String body = response.body();
            assertThat(body).contains("# TYPE socklab_connections_active gauge")
                    .contains("socklab_connections_active{listener=\"" + server.listenerStats().get(0).address()
                            + "\",service=\"chat\",transport=\"tcp\"} 1.0")
                    .contains("# TYPE socklab_connections_accepted_total counter")
                    .contains("# TYPE socklab_connections_refused_total counter")
                    .contains("socklab_connections_refused_total{listener=")
                    .contains("reason=\"server_limit\"")
                    .contains("# TYPE socklab_connection_duration_seconds summary")
                    .contains("socklab_connection_duration_seconds_count{")
                    .contains("socklab_connection_duration_seconds_sum{")
                    .contains("# TYPE socklab_received_bytes_total counter")
                    .contains("# TYPE socklab_sent_bytes_total counter")
                    .contains("# TYPE socklab_datagrams_received_total counter")
                    .contains("# TYPE socklab_datagrams_sent_total counter")
                    .contains("# TYPE socklab_udp_replies_dropped_total counter")
                    .contains("socklab_chat_members{service=\"chat\"} 1.0")
                    .contains("socklab_chat_rooms{service=\"chat\"} 1.0")
                    .contains("jvm_memory_used_bytes")
                    .contains("jvm_threads_live_threads")
                    .contains("process_uptime_seconds")
                    .contains("system_cpu_processors");
            assertThat(line(body, "socklab_datagrams_received_total{", echo)).endsWith(" 1.0");
            assertThat(line(body, "socklab_datagrams_sent_total{", echo)).endsWith(" 1.0");
            assertThat(line(body, "socklab_received_bytes_total{", echo)).endsWith(" 5.0");
            assertThat(line(body, "socklab_sent_bytes_total{", echo)).endsWith(" 5.0");
            assertThat(line(body, "socklab_connections_accepted_total{", chat)).endsWith(" 1.0");
            // The scrape itself is one admin connection, accepted before the meters were read.
            assertThat(body).contains("socklab_connections_active{listener=\"" + server.listenerStats().get(2).address()
                    + "\",service=\"admin\",transport=\"tcp\"} 1.0");
        }
        Await.until(() -> server.listenerStats().get(0).ended() == 1, WAIT, "the chat member to leave");
        String after = get(base + "/metrics", null).body();
        String chat = "service=\"chat\",transport=\"tcp\"";
        assertThat(after).contains("socklab_chat_members{service=\"chat\"} 0.0");
        assertThat(line(after, "socklab_connection_duration_seconds_count{", chat)).endsWith(" 1");
    }

    /** The one line of {@code body} that starts with {@code name} and has the tags {@code tags}, in Prometheus's (sorted) order. */
    private static String line(String body, String name, String tags) {
        String sorted = sortedTags(tags);
        return body.lines().filter(l -> l.startsWith(name) && sortedTags(l.substring(name.length(), l.indexOf('}')))
                .contains(sorted)).reduce((a, b) -> {
                    throw new AssertionError("two lines of " + name + " " + tags + ": " + a + " and " + b);
                }).orElseThrow(() -> new AssertionError("no line of " + name + " " + tags + " in:\n" + body));
    }

    private static String sortedTags(String tags) {
        return String.join(",", java.util.Arrays.stream(tags.split(",")).filter(t -> !t.startsWith("reason"))
                .sorted().toList());
    }

    @Test
    void aClientThatFailsItsTlsHandshakeIsARefusalInTheScrapeAndTheStatus(@TempDir Path dir) throws Exception {
        AdminService admin = new AdminService(HttpSettings.defaults(), Clock.systemUTC());
        server = Server.builder().tls(TestCertificates.in(dir).serverTls())
                .stream("echo", new EchoService(), Endpoint.tls(new InetSocketAddress(LOOPBACK, 0)))
                .stream(AdminService.NAME, admin, Endpoint.tcp(new InetSocketAddress(LOOPBACK, 0)))
                .build();
        admin.report(server);
        server.start();
        try (RawClient plain = RawClient.connect(server.bindings().get(0).endpoint())) {
            // Open until counted: a client gone before the server read its bytes ends as a reset, not a refusal.
            plain.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            Await.until(() -> server.refusals().failedHandshakes() == 1, WAIT, "the failed handshake counted");
        }
        InetSocketAddress bound = (InetSocketAddress) server.bindings().get(1).endpoint().address();
        String base = "http://127.0.0.1:" + bound.getPort();
        String tls = server.listenerStats().get(0).address();

        assertThat(get(base + "/metrics", null).body()).contains("socklab_connections_refused_total{listener=\"" + tls
                + "\",reason=\"" + Refusals.TLS_HANDSHAKE + "\",service=\"echo\",transport=\"tls\"} 1.0");
        JsonNode status = JsonMapper.builder().build().readTree(get(base + "/status", null).body());
        JsonNode echoTls = status.get("services").get(0).get("listeners").get(0);
        assertThat(echoTls.get("refused").get(Refusals.TLS_HANDSHAKE).asLong()).isEqualTo(1);
        assertThat(status.get("refused").get(Refusals.TLS_HANDSHAKE).asLong()).isEqualTo(1);
    }

    @Test
    void aDatagramOfAnIpVersionNotTakenIsARefusalInTheScrapeAndTheStatus() throws Exception {
        assumeTrue(StreamTransport.hasIpv6Loopback(), "this machine has no ::1");
        AdminService admin = new AdminService(HttpSettings.defaults(), Clock.systemUTC());
        server = Server.builder().family(Family.IPV6)
                .datagram("echo", new EchoService(), Endpoint.udp(new InetSocketAddress(InetAddress.getByName("::"), 0)))
                .stream(AdminService.NAME, admin, Endpoint.tcp(new InetSocketAddress(InetAddress.getByName("::1"), 0)))
                .build();
        admin.report(server);
        server.start();
        int port = ((InetSocketAddress) server.bindings().get(0).endpoint().address()).getPort();
        try (DatagramChannel ipv4 = DatagramChannel.open(StandardProtocolFamily.INET)) {
            ipv4.send(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)), new InetSocketAddress("127.0.0.1", port));
            Await.until(() -> server.refusals().wrongFamilyDatagrams() == 1, WAIT, "the IPv4 datagram counted");
        }
        InetSocketAddress bound = (InetSocketAddress) server.bindings().get(1).endpoint().address();
        String base = "http://[::1]:" + bound.getPort();
        String udp = server.listenerStats().get(0).address();

        assertThat(get(base + "/metrics", null).body())
                .contains("socklab_datagrams_refused_total{listener=\"" + udp
                        + "\",reason=\"family\",service=\"echo\",transport=\"udp\"} 1.0")
                .contains("socklab_datagrams_refused_total{listener=\"" + udp
                        + "\",reason=\"denied\",service=\"echo\",transport=\"udp\"} 0.0");
        JsonNode status = JsonMapper.builder().build().readTree(get(base + "/status", null).body());
        JsonNode echoUdp = status.get("services").get(0).get("listeners").get(0);
        assertThat(echoUdp.get("refused").get(Refusals.FAMILY_DATAGRAM).asLong()).isEqualTo(1);
        assertThat(echoUdp.get("refused").get(Refusals.FAMILY).asLong()).isZero();
        assertThat(status.get("refused").get(Refusals.FAMILY_DATAGRAM).asLong()).isEqualTo(1);
    }

    @Test
    void promtoolFindsNoProblemInAScrape() throws Exception {
        String promtool = Tools.require("promtool");
        RawClient[] member = new RawClient[1];
        String base = serveWithTraffic(member);
        try (RawClient open = member[0]) {
            byte[] scrape = get(base + "/metrics", null).body().getBytes(StandardCharsets.UTF_8);
            Process check = new ProcessBuilder(promtool, "check", "metrics").redirectErrorStream(true).start();
            try (OutputStream in = check.getOutputStream()) {
                in.write(scrape);
            }
            assertThat(check.waitFor(20, TimeUnit.SECONDS)).isTrue();
            String report = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(check.exitValue()).as("promtool check metrics said:\n%s", report).isZero();
            // promtool writes nothing at all for an exposition it finds no fault with, lint warnings included.
            assertThat(report).isEmpty();
        }
    }

    @Test
    void openMetricsIsServedToAClientThatAsksForIt() throws Exception {
        RawClient[] member = new RawClient[1];
        String base = serveWithTraffic(member);
        try (RawClient open = member[0]) {
            HttpResponse<String> response = get(base + "/metrics",
                    "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5");
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
            assertThat(response.body()).contains("# TYPE socklab_connections_accepted counter").endsWith("# EOF\n");
        }
    }

    @Test
    void theReportsAnswerGetAndHeadAndRefuseAnythingElse() throws Exception {
        RawClient[] member = new RawClient[1];
        String base = serveWithTraffic(member);
        try (RawClient open = member[0]) {
            for (String path : List.of("/metrics", "/status")) {
                HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(WAIT)
                        .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(post.statusCode()).as(path).isEqualTo(405);
                assertThat(post.headers().firstValue("Allow")).as(path).hasValue("GET, HEAD");
                HttpResponse<Void> head = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(WAIT)
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
                assertThat(head.statusCode()).as(path).isEqualTo(200);
            }
        }
    }

    @Test
    void statusHasEveryServiceListenerAndConnection() throws Exception {
        RawClient[] member = new RawClient[1];
        String base = serveWithTraffic(member);
        try (RawClient open = member[0]) {
            HttpResponse<String> response = get(base + "/status", null);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            JsonNode status = JsonMapper.builder().build().readTree(response.body());

            assertThat(status.get("time").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(status.get("uptime_seconds").isNumber()).isTrue();
            List<String> names = status.get("services").valueStream().map(s -> s.get("name").asString()).toList();
            assertThat(names).containsExactly("chat", "echo", "admin");
            JsonNode chat = status.get("services").get(0);
            assertThat(chat.get("gauges").get("chat_members").asLong()).isEqualTo(1);
            JsonNode chatTcp = chat.get("listeners").get(0);
            assertThat(chatTcp.get("transport").asString()).isEqualTo("tcp");
            assertThat(chatTcp.get("address").asString()).isEqualTo(server.listenerStats().get(0).address());
            assertThat(chatTcp.get("active").asLong()).isEqualTo(1);
            assertThat(chatTcp.get("accepted").asLong()).isEqualTo(1);
            assertThat(chatTcp.get("bytes_out").asLong()).isPositive();
            for (String field : List.of("bytes_in", "datagrams_in", "datagrams_out")) {
                assertThat(chatTcp.get(field).isIntegralNumber()).as(field).isTrue();
            }
            assertThat(chatTcp.get("refused").get("denied").asLong()).isZero();
            JsonNode echoUdp = status.get("services").get(1).get("listeners").get(0);
            assertThat(echoUdp.get("datagrams_in").asLong()).isEqualTo(1);
            assertThat(echoUdp.get("datagrams_out").asLong()).isEqualTo(1);

            List<JsonNode> connections = status.get("connections").valueStream().toList();
            assertThat(connections).hasSize(2); // the chat member, and this request's own
            JsonNode member0 = connections.getFirst();
            assertThat(member0.get("service").asString()).isEqualTo("chat");
            assertThat(member0.get("transport").asString()).isEqualTo("tcp");
            assertThat(member0.get("client").asString()).isEqualTo(
                    dev.socklab.net.SocketAddresses.format(open.local()));
            assertThat(member0.get("listener").asString()).isEqualTo(chatTcp.get("address").asString());
            assertThat(member0.get("id").asLong()).isEqualTo(1);
            assertThat(member0.get("age_seconds").asDouble()).isBetween(0.0, 10.0);
            assertThat(member0.get("bytes_in").isIntegralNumber()).isTrue();
            assertThat(member0.get("bytes_out").asLong()).isEqualTo(chatTcp.get("bytes_out").asLong());
            assertThat(status.get("refused").get("denied").asLong()).isZero();
            assertThat(status.get("udp_dropped").get("over_rate").asLong()).isZero();
        }
    }
}
