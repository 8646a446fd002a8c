package dev.socklab.services.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.socklab.rpc.JsonRpc;
import dev.socklab.rpc.RpcLimits;
import dev.socklab.rpc.TestMethods;
import dev.socklab.runtime.Endpoint;
import dev.socklab.services.http.HttpService;
import dev.socklab.services.http.HttpSettings;
import dev.socklab.services.http.Router;
import dev.socklab.testing.ServerUnderTest;

/**
 * {@link JsonRpcRoute} behind a real http service: {@code POST /jsonrpc} answered 200 with the
 * response, an error included, 200 with an empty body when nothing is owed, 405 for any other method, and a body past
 * the limit refused with 413 without the server reading it.
 */
@Timeout(30)
class JsonRpcRouteTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
    private Endpoint bound;

    @BeforeEach
    void serve() {
        // The service's own body limit is far above the route's, so that the route's limit is the one tested.
        HttpSettings settings = HttpSettings.defaults();
        settings = new HttpSettings(settings.root(), settings.upload(), settings.maxRequestLine(), settings.maxHeadBytes(),
                settings.maxFields(), 1L << 30, settings.headTimeout(), settings.requestTimeout(),
                settings.keepAliveTimeout(), settings.wsMaxMessage());
        bound = servers.stream("http", new HttpService(settings, new Router().exact("/jsonrpc",
                new JsonRpcRoute(new JsonRpc(TestMethods.table(), RpcLimits.DEFAULTS)))),
                Endpoint.tcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
    }

    @Test
    void aCallIsAnswered200WithItsResponseAsJson() throws Exception {
        HttpResponse<String> response = post("application/json", "{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[2,3],\"id\":1}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.body()).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":5,\"id\":1}");
    }

    @Test
    void anErrorIsStillA200WithTheErrorObject() throws Exception {
        HttpResponse<String> response = post("application/json-rpc", "{\"jsonrpc\":\"2.0\",\"method\":\"nope\",\"id\":1}");
        HttpResponse<String> parseError = post("application/jsonrequest", "{not json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,").endsWith(",\"id\":1}");
        assertThat(parseError.statusCode()).isEqualTo(200);
        assertThat(parseError.body()).startsWith("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32700,");
    }

    @Test
    void notificationsAreAnswered200WithAnEmptyBody() throws Exception {
        HttpResponse<String> one = post("application/json", "{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[2,3]}");
        HttpResponse<String> batch = post(null, "[{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[2,3]},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"nope\"}]");

        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).isEmpty();
        assertThat(one.headers().firstValue("Content-Length")).contains("0");
        assertThat(batch.statusCode()).isEqualTo(200);
        assertThat(batch.body()).isEmpty();
    }

    @Test
    void curlsFormTypeIsTakenAndAnyOtherTypeIs415() throws Exception {
        assertThat(post("application/x-www-form-urlencoded", "{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,1],\"id\":1}")
                .body()).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":2,\"id\":1}");
        assertThat(post("text/plain", "{}").statusCode()).isEqualTo(415);
    }

    @Test
    void getIs405WithAllowPost() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri()).GET().timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("POST");
    }

    @Test
    void aHundredMebibyteRequestIsRefusedWithoutReadingIt() throws Exception {
        assertRefusedEarly("Content-Length: " + (100L << 20) + "\r\n", false);
    }

    @Test
    void aHundredMebibyteChunkedRequestIsRefusedOnceItPassesTheLimit() throws Exception {
        assertRefusedEarly("Transfer-Encoding: chunked\r\n", true);
    }

    @Test
    void aContentLengthListOfOneNumberIsThatNumber() throws Exception {
        String call = "{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,2],\"id\":1}";
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), ((InetSocketAddress) bound.address()).getPort())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.getOutputStream().write(("POST /jsonrpc HTTP/1.1\r\nHost: h\r\nConnection: close\r\nContent-Length: "
                    + call.length() + ", " + call.length() + "\r\n\r\n" + call).getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(response).startsWith("HTTP/1.1 200").endsWith("{\"jsonrpc\":\"2.0\",\"result\":3,\"id\":1}");
        }
    }

    /** Sends up to 100 MiB of body while reading: the 413 comes, and the connection closes, long before it is all sent. */
    private void assertRefusedEarly(String framing, boolean chunked) throws Exception {
        long total = 100L << 20;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), ((InetSocketAddress) bound.address()).getPort())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("POST /jsonrpc HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n" + framing + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            AtomicLong sent = new AtomicLong();
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                byte[] piece = new byte[64 * 1024];
                byte[] chunkHead = (Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                try {
                    while (sent.get() < total) {
                        if (chunked) {
                            out.write(chunkHead);
                        }
                        out.write(piece);
                        if (chunked) {
                            out.write('\r');
                            out.write('\n');
                        }
                        sent.addAndGet(piece.length);
                    }
                } catch (IOException e) {
                    // The server closed: what the test waits for.
                }
            });

            InputStream in = socket.getInputStream();
            String response = new String(in.readNBytes(12), StandardCharsets.US_ASCII);

            assertThat(response).isEqualTo("HTTP/1.1 413");
            sender.get(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            assertThat(sent.get()).isLessThan(total / 4);
        }
    }

    private HttpResponse<String> post(String type, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri()).timeout(WAIT).POST(HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            request.header("Content-Type", type);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + ((InetSocketAddress) bound.address()).getPort() + "/jsonrpc");
    }
}
