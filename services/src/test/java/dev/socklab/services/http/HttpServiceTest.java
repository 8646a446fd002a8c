package dev.socklab.services.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.socklab.http.ResponseHead;
import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Limits;
import dev.socklab.runtime.Server;
import dev.socklab.services.http.HttpClientSocket.Response;
import dev.socklab.testing.Await;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/** HTTP/1.1 on the wire: persistent connections, pipelining, 100-continue, HEAD, the limits and the timeouts. */
@Timeout(30)
class HttpServiceTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    private Endpoint serve(HttpSettings settings, StreamTransport transport) {
        Server server = servers.start(Server.builder().stream("http", HttpService.of(settings), transport.endpoint(dir)));
        return server.bindings().getFirst().endpoint();
    }

    private Endpoint serve() {
        return serve(HttpSettings.defaults(), StreamTransport.TCP_IPV4);
    }

    private static HttpSettings with(Duration head, Duration keepAlive) {
        HttpSettings d = HttpSettings.defaults();
        return new HttpSettings(d.root(), d.upload(), d.maxRequestLine(), d.maxHeadBytes(), d.maxFields(), d.maxBody(),
                head, d.requestTimeout(), keepAlive, d.wsMaxMessage());
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void pipelinedRequestsAreAnsweredInOrderOnOneConnection(StreamTransport transport) throws Exception {
        try (HttpClientSocket c = HttpClientSocket.connect(serve(HttpSettings.defaults(), transport))) {
            c.send("GET /status/201 HTTP/1.1\r\nHost: h\r\n\r\n"
                    + "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello"
                    + "GET /status/202 HTTP/1.1\r\nHost: h\r\n\r\n");
            assertThat(c.response("GET").status()).isEqualTo(201);
            Response echo = c.response("POST");
            assertThat(echo.body()).isEqualTo("hello");
            assertThat(echo.head().fields().first("Date")).isPresent();
            assertThat(echo.head().fields().first("Server")).hasValueSatisfying(v -> assertThat(v).startsWith("socklab"));
            assertThat(c.response("GET").status()).isEqualTo(202);
            c.send("GET /status/203 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
            Response last = c.response("GET");
            assertThat(last.status()).isEqualTo(203);
            assertThat(last.head().fields().first("Connection")).contains("close");
            assertThat(c.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void http10ClosesAfterItsResponseUnlessItAskedToKeepAlive() throws Exception {
        Endpoint e = serve();
        try (HttpClientSocket c = HttpClientSocket.connect(e)) {
            c.send("GET /status/200 HTTP/1.0\r\n\r\n");
            assertThat(c.response("GET").status()).isEqualTo(200);
            assertThat(c.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
        try (HttpClientSocket c = HttpClientSocket.connect(e)) {
            c.send("GET /status/200 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            Response r = c.response("GET");
            assertThat(r.head().fields().first("Connection")).contains("keep-alive");
            c.send("GET /status/204 HTTP/1.0\r\n\r\n");
            assertThat(c.response("GET").status()).isEqualTo(204);
        }
    }

    @Test
    void headGetsTheFieldsAndLengthButNoBody() throws Exception {
        try (HttpClientSocket c = HttpClientSocket.connect(serve())) {
            c.send("HEAD /bytes/100 HTTP/1.1\r\nHost: h\r\n\r\nGET /status/202 HTTP/1.1\r\nHost: h\r\n\r\n");
            ResponseHead head = c.head();
            assertThat(head.fields().first("Content-Length")).contains("100");
            assertThat(c.body("HEAD", head)).isEmpty();
            assertThat(c.response("GET").status()).isEqualTo(202);
        }
    }

    @Test
    void expect100ContinueIsAnsweredWhenTheRouteReadsTheBody() throws Exception {
        try (HttpClientSocket c = HttpClientSocket.connect(serve())) {
            c.send("PUT /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n");
            assertThat(c.head().status()).isEqualTo(100);
            c.send("abc");
            assertThat(c.response("PUT").body()).isEqualTo("abc");
        }
    }

    @Test
    void aRouteThatAnswersWithoutTheBodyNeverAsksForItAndTheConnectionCloses() throws Exception {
        try (HttpClientSocket c = HttpClientSocket.connect(serve())) {
            c.send("PUT /nowhere HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n");
            assertThat(c.response("PUT").status()).isEqualTo(404);
            assertThat(c.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void anUnreadBodyIsReadAwaySoTheNextRequestStartsWhereItShould() throws Exception {
        try (HttpClientSocket c = HttpClientSocket.connect(serve())) {
            c.send("POST /status/200 HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nGET /\r\n0\r\n\r\nGET /status/201 HTTP/1.1\r\nHost: h\r\n\r\n");
            assertThat(c.response("POST").status()).isEqualTo(200);
            assertThat(c.response("GET").status()).isEqualTo(201);
        }
    }

    @Test
    void aSmuggledRequestGets400AndTheConnectionClosesWhileOthersAreServed() throws Exception {
        Endpoint e = serve();
        try (HttpClientSocket c = HttpClientSocket.connect(e)) {
            c.send("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "0\r\n\r\nGET /status/500 HTTP/1.1\r\nHost: h\r\n\r\n");
            Response r = c.response("POST");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.body()).contains("Transfer-Encoding and Content-Length");
            assertThat(c.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
        try (HttpClientSocket other = HttpClientSocket.connect(e)) {
            assertThat(other.send("GET /status/200 HTTP/1.1\r\nHost: h\r\n\r\n").response("GET").status()).isEqualTo(200);
        }
    }

    @Test
    void limitsAnswer414And431And413AndClose() throws Exception {
        Endpoint e = serve();
        String[][] cases = {
            {"GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: h\r\n\r\n", "414"},
            {"GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + "b".repeat(17000) + "\r\n\r\n", "431"},
            {"GET / HTTP/1.1\r\nHost: h\r\n" + "X-A: 1\r\n".repeat(101) + "\r\n", "431"},
            {"POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 1048577\r\n\r\n", "413"},
        };
        for (String[] c : cases) {
            try (HttpClientSocket client = HttpClientSocket.connect(e)) {
                client.send(c[0]);
                assertThat(client.response("GET").status()).as(c[1]).isEqualTo(Integer.parseInt(c[1]));
                assertThat(client.closedWithin(Duration.ofSeconds(5))).isTrue();
            }
        }
    }

    @Test
    void theHeadTimeoutHoldsOnEveryRequestOfAKeptAliveConnection() throws Exception {
        try (HttpClientSocket c = HttpClientSocket.connect(serve(with(Duration.ofMillis(500), Duration.ofSeconds(20)),
                StreamTransport.TCP_IPV4))) {
            c.send("GET /status/200 HTTP/1.1\r\nHost: h\r\n\r\n");
            assertThat(c.response("GET").status()).isEqualTo(200);
            // Slowloris: the second request's head begins and never ends.
            c.send("GET /status/200 HTTP/1.1\r\nHost: h\r\nX-A: ");
            Response r = c.response("GET");
            assertThat(r.status()).isEqualTo(408);
            assertThat(r.body()).contains("the request's head did not arrive within 500ms");
            assertThat(c.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void anIdleKeptAliveConnectionClosesQuietlyAfterTheKeepAliveTimeout() throws Exception {
        try (HttpClientSocket c = HttpClientSocket.connect(serve(with(Duration.ofSeconds(10), Duration.ofMillis(300)),
                StreamTransport.TCP_IPV4))) {
            c.send("GET /status/200 HTTP/1.1\r\nHost: h\r\n\r\n");
            assertThat(c.response("GET").status()).isEqualTo(200);
            assertThat(c.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void aClientThatNeverReadsItsResponseIsResetAndOthersAreServed() throws Exception {
        Limits limits = Limits.DEFAULTS.withWriteTimeout(Duration.ofMillis(300));
        Server server = servers.start(Server.builder().limits(limits)
                .stream("http", HttpService.of(HttpSettings.defaults()), StreamTransport.TCP_IPV4.endpoint(dir)));
        Endpoint e = server.bindings().getFirst().endpoint();
        try (LogCapture log = LogCapture.socklab(); HttpClientSocket stalled = HttpClientSocket.connect(e)) {
            stalled.send("GET /bytes/104857600 HTTP/1.1\r\nHost: h\r\n\r\n");
            String line = log.await(text -> text.startsWith("http#1 tcp "), Duration.ofSeconds(10));
            assertThat(line).contains("timed out: a write made no progress for 300ms");
            try (HttpClientSocket other = HttpClientSocket.connect(e)) {
                assertThat(other.send("GET /status/200 HTTP/1.1\r\nHost: h\r\n\r\n").response("GET").status()).isEqualTo(200);
            }
        }
    }

    @Test
    void aStoppingServerEndsIdleKeptAliveConnectionsAtOnceRatherThanAfterTheGracePeriod() throws Exception {
        Endpoint e = serve();
        try (HttpClientSocket idle = HttpClientSocket.connect(e)) {
            idle.send("GET /status/200 HTTP/1.1\r\nHost: h\r\n\r\n");
            assertThat(idle.response("GET").status()).isEqualTo(200);
            CompletableFuture<Boolean> stopped = CompletableFuture
                    .supplyAsync(() -> servers.server().stop(Duration.ofSeconds(20)));
            // The FIN comes at once; the client closes in turn, as HTTP clients do, and the server is done.
            assertThat(idle.closedWithin(Duration.ofSeconds(5))).isTrue();
            idle.close();
            assertThat(stopped.get(10, TimeUnit.SECONDS)).as("every connection ended in the grace period").isTrue();
        }
    }

    @Test
    void aStoppingServerEndsAConnectionThatHasSentNoRequestYetAtOnce() throws Exception {
        Endpoint e = serve();
        // As a browser's preconnect: a connection opened for a request that may never come.
        try (HttpClientSocket fresh = HttpClientSocket.connect(e)) {
            Await.until(() -> servers.server().openConnections() == 1, Duration.ofSeconds(5), "the connection accepted");
            CompletableFuture<Boolean> stopped = CompletableFuture
                    .supplyAsync(() -> servers.server().stop(Duration.ofSeconds(20)));
            assertThat(fresh.closedWithin(Duration.ofSeconds(5))).isTrue();
            fresh.close();
            assertThat(stopped.get(10, TimeUnit.SECONDS)).as("every connection ended in the grace period").isTrue();
        }
    }

    @Test
    void aClientStillSendingTheBodyItWasRefusedReadsTheRefusal() throws Exception {
        Endpoint e = serve();
        // Far past the socket buffers on both sides: closed with the body unread, the connection would be
        // reset while the client still wrote it, and the client would never read the 413.
        byte[] body = new byte[8 << 20];
        try (java.net.Socket client = new java.net.Socket()) {
            client.connect(e.address(), 5_000);
            client.setSoTimeout(10_000);
            OutputStream out = client.getOutputStream();
            out.write(("POST /anything HTTP/1.1\r\nHost: h\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            String response = new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(response).startsWith("HTTP/1.1 413 ");
        }
    }

    @Test
    void anythingShowsTheClientsAddressAsTheServerSeesIt() throws Exception {
        try (HttpClientSocket c = HttpClientSocket.connect(serve())) {
            c.send("POST /anything/x?a=1&a=2&b=%20 HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nhi");
            String body = c.response("POST").body();
            assertThat(body).contains("\"port\" : " + c.local().getPort(), "\"address\" : \"127.0.0.1\"",
                    "\"a\" : [ \"1\", \"2\" ]", "\"b\" : [ \" \" ]", "\"body\" : \"hi\"", "\"path\" : \"/anything/x\"");
        }
    }

    @Test
    void theTestEndpointsDoWhatTheirNamesSay() throws Exception {
        try (HttpClientSocket c = HttpClientSocket.connect(serve())) {
            assertThat(c.send("GET /bytes/5000?seed=7 HTTP/1.1\r\nHost: h\r\n\r\n").response("GET").body()).isEqualTo(
                    c.send("GET /bytes/5000?seed=7 HTTP/1.1\r\nHost: h\r\n\r\n").response("GET").body());
            Response lines = c.send("GET /stream/3 HTTP/1.1\r\nHost: h\r\n\r\n").response("GET");
            assertThat(lines.head().fields().first("Transfer-Encoding")).contains("chunked");
            assertThat(lines.body().lines()).hasSize(3);
            Response events = c.send("GET /sse?count=3&interval=0.01 HTTP/1.1\r\nHost: h\r\n\r\n").response("GET");
            assertThat(events.body()).contains("id: 1\n", "id: 3\n").doesNotContain("id: 4");
            assertThat(c.send("GET /drip?numbytes=5&duration=0.05 HTTP/1.1\r\nHost: h\r\n\r\n").response("GET").body())
                    .isEqualTo("*****");
            assertThat(c.send("GET /delay/0.05 HTTP/1.1\r\nHost: h\r\n\r\n").response("GET").status()).isEqualTo(200);
            assertThat(c.send("GET /delay/11 HTTP/1.1\r\nHost: h\r\n\r\n").response("GET").status()).isEqualTo(400);
            assertThat(c.send("GET /headers HTTP/1.1\r\nHost: h\r\nX-Mine: yes\r\n\r\n").response("GET").body())
                    .contains("\"X-Mine\" : \"yes\"");
            assertThat(c.send("GET /nothing HTTP/1.1\r\nHost: h\r\n\r\n").response("GET").status()).isEqualTo(404);
            assertThat(c.send("POST /health HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\n503").response("POST")
                    .status()).isEqualTo(200);
            assertThat(c.send("GET /health HTTP/1.1\r\nHost: h\r\n\r\n").response("GET").status()).isEqualTo(503);
        }
    }

    @Test
    void aClientTurnedAwayGetsA503WhoseLengthIsItsBodyAndTheLinesEnd() {
        String line = HttpService.of(HttpSettings.defaults()).refusalLine("too many connections (1)").orElseThrow();
        assertThat(line).startsWith("HTTP/1.1 503 Service Unavailable\r\n");
        String body = line.substring(line.indexOf("\r\n\r\n") + 4) + "\r\n"; // the runtime ends the line
        assertThat(line).contains("Content-Length: " + body.length() + "\r\n");
        assertThat(body).isEqualTo("socklab: too many connections (1)\r\n");
    }
}
