package dev.socklab.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import tools.jackson.databind.JsonNode;

import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Limits;
import dev.socklab.runtime.Server;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;

/**
 * {@link JsonRpcService} on a real socket: one JSON text per line, pipelined requests answered in
 * order with their ids, and each kind of bad input answered with its error (or, for a line past the
 * limit, an error and a close) while the server goes on serving.
 */
@Timeout(30)
class JsonRpcServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ADD = "{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[2,3],\"id\":%s}";

    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void pipelinedRequestsAreAnsweredInOrderEachWithItsIdAndLfEnded() throws IOException {
        Endpoint bound = serve(RpcLimits.DEFAULTS);
        try (RawClient client = RawClient.connect(bound)) {
            client.send(ADD.formatted(1) + "\r\n" + "\n  \n" + ADD.formatted("\"two\"") + "\n"
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"x\"]}\n"
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":{\"value\":[1,2]},\"id\":3}\n");

            String expected = "{\"jsonrpc\":\"2.0\",\"result\":5,\"id\":1}\n"
                    + "{\"jsonrpc\":\"2.0\",\"result\":5,\"id\":\"two\"}\n"
                    + "{\"jsonrpc\":\"2.0\",\"result\":[1,2],\"id\":3}\n";
            assertThat(client.read(expected.length(), WAIT)).isEqualTo(expected);
        }
    }

    @Test
    void aBatchIsAnsweredOnOneLineAndANotificationNotAtAll() throws IOException {
        Endpoint bound = serve(RpcLimits.DEFAULTS);
        try (RawClient client = RawClient.connect(bound)) {
            client.send("[" + ADD.formatted(1) + ",{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,1]},"
                    + ADD.formatted(2) + "]\n");
            assertThat(client.readLine(WAIT)).isEqualTo("[{\"jsonrpc\":\"2.0\",\"result\":5,\"id\":1},"
                    + "{\"jsonrpc\":\"2.0\",\"result\":5,\"id\":2}]");

            client.send("{\"jsonrpc\":\"2.0\",\"method\":\"nope\"}\n[{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,1]}]\n"
                    + ADD.formatted(3) + "\n");
            assertThat(client.readLine(WAIT)).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":5,\"id\":3}");
        }
    }

    @Test
    void aLineLongerThanTheLimitGetsOneErrorThenTheConnectionCloses() throws IOException {
        Endpoint bound = serve(new RpcLimits(1024, 1000, 64, Duration.ofSeconds(10), false));
        try (RawClient client = RawClient.connect(bound)) {
            client.send(ADD.formatted(1) + "\n" + "[" + " ".repeat(4000) + "]\n" + ADD.formatted(2) + "\n");

            assertThat(client.readLine(WAIT)).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":5,\"id\":1}");
            JsonNode error = tree(client.readLine(WAIT));
            assertThat(error.get("error").get("code").asInt()).isEqualTo(-32001);
            assertThat(error.get("error").get("data").get("max_bytes").asInt()).isEqualTo(1024);
            assertThat(error.get("id").isNull()).isTrue();
            assertThat(client.readLine(WAIT)).isNull();
        }
        assertServes(bound);
    }

    @Test
    void aBatchOfAHundredThousandEntriesIsOneErrorAndTheConnectionGoesOn() throws IOException {
        Endpoint bound = serve(RpcLimits.DEFAULTS);
        try (RawClient client = RawClient.connect(bound)) {
            String entry = "{\"jsonrpc\":\"2.0\",\"method\":\"sleep\",\"params\":[1]},";
            StringBuilder batch = new StringBuilder("[");
            for (int i = 0; i < 100_000; i++) {
                batch.append("{},");
            }
            client.send(batch.append(entry, 0, entry.length() - 1).append("]\n").toString());

            JsonNode error = tree(client.readLine(WAIT));
            assertThat(error.get("error").get("code").asInt()).isEqualTo(-32002);
            assertThat(error.get("error").get("data").get("max_batch").asInt()).isEqualTo(1000);
            client.send(ADD.formatted(1) + "\n");
            assertThat(client.readLine(WAIT)).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":5,\"id\":1}");
        }
    }

    @Test
    void deeplyNestedArraysAreTooLargeAndTheConnectionGoesOn() throws IOException {
        Endpoint bound = serve(RpcLimits.DEFAULTS);
        try (RawClient client = RawClient.connect(bound)) {
            client.send("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":" + "[".repeat(200_000) + "]".repeat(200_000)
                    + ",\"id\":1}\n" + ADD.formatted(2) + "\n");

            JsonNode error = tree(client.readLine(WAIT));
            assertThat(error.get("error").get("code").asInt()).isEqualTo(-32001);
            assertThat(error.get("error").get("data").get("max_depth").asInt()).isEqualTo(64);
            assertThat(client.readLine(WAIT)).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":5,\"id\":2}");
        }
    }

    @Test
    void invalidUtf8IsAParseErrorAndTheConnectionGoesOn() throws IOException {
        Endpoint bound = serve(RpcLimits.DEFAULTS);
        try (RawClient client = RawClient.connect(bound)) {
            client.send(new byte[] {(byte) 0xff, (byte) 0xfe, '{', '}', '\n'});
            client.send("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"");
            client.send(new byte[] {(byte) 0xc3, (byte) 0x28});
            client.send("\"],\"id\":1}\n");

            assertThat(client.readLine(WAIT)).startsWith("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32700,").endsWith(",\"id\":null}");
            // Inside a string, a malformed byte is U+FFFD, as in every line socklab reads.
            assertThat(client.readLine(WAIT)).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":\"\uFFFD(\",\"id\":1}");
        }
    }

    @Test
    void aCallPastItsDeadlineIsAnsweredSoonAfterWhileAnotherConnectionIsServed() throws IOException {
        Duration deadline = Duration.ofMillis(700);
        Endpoint bound = serve(RpcLimits.DEFAULTS.withDeadline(deadline));
        try (RawClient slow = RawClient.connect(bound); RawClient other = RawClient.connect(bound)) {
            long start = System.nanoTime();
            slow.send("{\"jsonrpc\":\"2.0\",\"method\":\"sleep\",\"params\":[60000],\"id\":\"slow\"}\n");

            other.send(ADD.formatted(1) + "\n");
            assertThat(other.readLine(WAIT)).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":5,\"id\":1}");
            JsonNode error = tree(slow.readLine(WAIT));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(error.get("error").get("code").asInt()).isEqualTo(-32000);
            assertThat(error.get("id").asString()).isEqualTo("slow");
            assertThat(took).isBetween(deadline.minusMillis(50), deadline.plusSeconds(2));
            slow.send(ADD.formatted(2) + "\n");
            assertThat(slow.readLine(WAIT)).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":5,\"id\":2}");
        }
    }

    @Test
    void aStoppingServerEndsAConnectionWaitingBetweenRequestsAtOnce() throws Exception {
        Endpoint bound = serve(RpcLimits.DEFAULTS);
        try (RawClient client = RawClient.connect(bound)) {
            client.send(ADD.formatted(1) + "\n");
            assertThat(client.readLine(WAIT)).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":5,\"id\":1}");

            long start = System.nanoTime();
            CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(() -> servers.server().stop(Duration.ofSeconds(20)));

            assertThat(client.readLine(WAIT)).isNull();
            client.close();
            assertThat(stopped.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WAIT);
        }
    }

    @Test
    void aClientTurnedAwayByALimitReadsAJsonRpcError() throws IOException {
        Endpoint bound = servers.start(Server.builder().limits(Limits.DEFAULTS.withMaxConnections(1)).stream("rpc",
                new JsonRpcService(new JsonRpc(TestMethods.table(), RpcLimits.DEFAULTS)),
                Endpoint.tcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))).bindings().getFirst().endpoint();
        try (RawClient first = RawClient.connect(bound)) {
            first.send(ADD.formatted(1) + "\n");
            assertThat(first.readLine(WAIT)).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":5,\"id\":1}");
            try (RawClient second = RawClient.connect(bound)) {
                JsonNode error = tree(second.readLine(WAIT));

                assertThat(error.get("error").get("code").asInt()).isEqualTo(-32002);
                assertThat(error.get("error").get("message").asString()).contains("too many connections");
                assertThat(error.get("id").isNull()).isTrue();
            }
        }
    }

    private Endpoint serve(RpcLimits limits) {
        return servers.stream("rpc", new JsonRpcService(new JsonRpc(TestMethods.table(), limits)),
                Endpoint.tcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
    }

    private static void assertServes(Endpoint bound) throws IOException {
        try (RawClient client = RawClient.connect(bound)) {
            client.send(ADD.formatted(9) + "\n");
            assertThat(client.readLine(WAIT)).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":5,\"id\":9}");
        }
    }

    private static JsonNode tree(String line) {
        assertThat(line).isNotNull();
        return RpcValues.MAPPER.readTree(line.getBytes(StandardCharsets.UTF_8));
    }
}
