package dev.socklab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.socklab.http.Fields;
import dev.socklab.service.StreamService;
import dev.socklab.services.http.HttpService;
import dev.socklab.services.http.HttpSettings;
import dev.socklab.services.http.Router;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/**
 * The rpc workload against small servers of the test's own that answer {@code add} and {@code echo}
 * as JSON-RPC over TCP and HTTP and as XML-RPC, and against servers that answer wrongly: every
 * reply is judged, and a wrong one counts as an error of its kind.
 */
@Timeout(30)
class RpcWorkloadTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void jsonRpcOverTcpCountsEveryCallWithoutErrors() throws Exception {
        BenchResult r = LoadGenerator.run(plan(tcp(lines(RpcWorkloadTest::answer))).connections(4).requests(2000).build());

        assertThat(r.errors().total()).as("errors: %s", r.errors()).isZero();
        assertThat(r.operations()).isEqualTo(2000);
        assertThat(r.latency().samples()).isEqualTo(2000);
    }

    @Test
    void anEchoOfSizeBytesComesBackAsItsReplysPayload() throws Exception {
        BenchResult r = LoadGenerator.run(plan(tcp(lines(RpcWorkloadTest::answer))).connections(2).size(1000)
                .requests(500).build());

        assertThat(r.errors().total()).as("errors: %s", r.errors()).isZero();
        assertThat(r.operations()).isEqualTo(500);
        // {"jsonrpc": "2.0", "result": "<1000 bytes>", "id": N}: the payload and its envelope.
        assertThat(r.bytesPerSecond() * r.seconds() / r.operations()).isBetween(1030.0, 1060.0);
    }

    @Test
    void jsonRpcAndXmlRpcOverHttpKeptAliveCountEveryCallWithoutErrors() throws Exception {
        InetSocketAddress http = http();

        BenchResult json = LoadGenerator.run(plan(http).transport(RpcCall.Transport.HTTP).connections(4).requests(1000).build());
        BenchResult xml = LoadGenerator.run(plan(http).transport(RpcCall.Transport.HTTP).xml(true).size(64)
                .connections(4).requests(1000).build());

        for (BenchResult r : new BenchResult[] {json, xml}) {
            assertThat(r.errors().total()).as("errors: %s", r.errors()).isZero();
            assertThat(r.operations()).isEqualTo(1000);
        }
    }

    @Test
    void anErrorObjectAnotherIdAndAReplyThatIsNoResponseAreEachCountedAsTheirKind() throws Exception {
        InetSocketAddress error = tcp(lines(request -> "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":"
                + "\"Method not found\"},\"id\":" + request.get("id") + "}"));
        InetSocketAddress otherId = tcp(lines(request -> "{\"jsonrpc\":\"2.0\",\"result\":5,\"id\":"
                + (request.get("id").asLong() + 1) + "}"));
        InetSocketAddress noResponse = tcp(lines(request -> "[1, 2, 3]"));

        assertThat(kinds(error)).containsOnlyKeys(ErrorKind.RPC_ERROR);
        assertThat(kinds(otherId)).containsOnlyKeys(ErrorKind.MISMATCH);
        assertThat(kinds(noResponse)).containsOnlyKeys(ErrorKind.MALFORMED);
    }

    @Test
    void anXmlRpcFaultIsAnRpcError() throws Exception {
        Router router = new Router().exact("/RPC2", exchange -> {
            exchange.body();
            exchange.respond(200, Fields.of("Content-Type", "text/xml"), ("<?xml version=\"1.0\"?><methodResponse><fault>"
                    + "<value><struct></struct></value></fault></methodResponse>").getBytes(StandardCharsets.US_ASCII));
        });
        InetSocketAddress server = tcp(new HttpService(HttpSettings.defaults(), router));

        BenchResult r = LoadGenerator.run(briefly(plan(server)).transport(RpcCall.Transport.HTTP).xml(true).connections(1)
                .build());

        assertThat(r.failed()).isTrue();
        assertThat(r.errors().byKind()).containsOnlyKeys(ErrorKind.RPC_ERROR);
        assertThat(BenchReport.failure(r)).contains("an RPC server");
    }

    @Test
    void xmlRpcTravelsOverHttpAlone() {
        assertThatThrownBy(() -> BenchPlan.builder(Workload.RPC, new InetSocketAddress("127.0.0.1", 1)).xml(true).build())
                .hasMessageContaining("--transport http");
        assertThatThrownBy(() -> BenchPlan.builder(Workload.PINGPONG, new InetSocketAddress("127.0.0.1", 1))
                .transport(RpcCall.Transport.HTTP).build())
                .hasMessageContaining("applies to rpc alone");
    }

    private Map<ErrorKind, Long> kinds(InetSocketAddress server) throws Exception {
        BenchResult r = LoadGenerator.run(briefly(plan(server)).connections(1).build());
        assertThat(r.operations()).isZero();
        return r.errors().byKind();
    }

    /** add(2, 3) is 5; echo gives back its argument. */
    private static String answer(JsonNode request) {
        JsonNode params = request.get("params");
        Object result = request.get("method").asString().equals("add")
                ? params.get(0).asInt() + params.get(1).asInt() : params.get(0);
        return "{\"jsonrpc\": \"2.0\", \"result\": " + JSON.writeValueAsString(result) + ", \"id\": " + request.get("id") + "}";
    }

    /** A JSON-RPC server over TCP: each line a request, answered with a line from {@code answer}. */
    private static StreamService lines(Function<JsonNode, String> answer) {
        return conn -> {
            // Bounded by the client's lines; the server's idle timeout ends a client that stops sending.
            for (Optional<String> line = conn.readLine(); line.isPresent(); line = conn.readLine()) {
                conn.writeLine(answer.apply(JSON.readTree(line.get())));
            }
        };
    }

    /** JSON-RPC at POST /jsonrpc and XML-RPC at POST /RPC2, over socklab's http service: echo's string, add's 5. */
    private InetSocketAddress http() {
        Router router = new Router()
                .exact("/jsonrpc", exchange -> exchange.respond(200, Fields.of("Content-Type", "application/json"),
                        answer(JSON.readTree(exchange.body())).getBytes(StandardCharsets.UTF_8)))
                .exact("/RPC2", exchange -> {
                    String call = new String(exchange.body(), StandardCharsets.UTF_8);
                    String value = call.contains("<string>")
                            ? call.substring(call.indexOf("<string>"), call.indexOf("</string>") + 9) : "<int>5</int>";
                    exchange.respond(200, Fields.of("Content-Type", "text/xml"), ("<?xml version=\"1.0\"?><methodResponse>"
                            + "<params><param><value>" + value + "</value></param></params></methodResponse>")
                            .getBytes(StandardCharsets.UTF_8));
                });
        return tcp(new HttpService(HttpSettings.defaults(), router));
    }

    private static BenchPlan.Builder plan(InetSocketAddress target) {
        return BenchPlan.builder(Workload.RPC, target).duration(Duration.ofSeconds(1)).warmup(Duration.ofMillis(200))
                .connectTimeout(Duration.ofSeconds(2));
    }

    /** Long enough for a few failed calls, each followed by the back-off. */
    private static BenchPlan.Builder briefly(BenchPlan.Builder plan) {
        return plan.duration(Duration.ofMillis(400)).warmup(Duration.ofMillis(100));
    }

    private InetSocketAddress tcp(StreamService service) {
        return (InetSocketAddress) servers.stream("rpc", service, StreamTransport.TCP_IPV4.endpoint(null)).address();
    }
}
