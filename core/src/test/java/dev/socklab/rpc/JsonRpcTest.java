package dev.socklab.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link JsonRpc} in memory: every example of the specification's section 7, each answered exactly
 * as it shows (the error messages apart: ours are sentences, so a test checks that there is one),
 * then the limits and the corners the examples leave out.
 */
class JsonRpcTest {
    private static final SocketAddress PEER = new InetSocketAddress("127.0.0.1", 40000);
    private static final Logger LOG = LoggerFactory.getLogger(JsonRpcTest.class);

    private final JsonRpc rpc = new JsonRpc(TestMethods.table(), RpcLimits.DEFAULTS);

    @Test
    void rpcCallWithPositionalParameters() {
        assertAnswer("{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": [42, 23], \"id\": 1}",
                "{\"jsonrpc\": \"2.0\", \"result\": 19, \"id\": 1}");
        assertAnswer("{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": [23, 42], \"id\": 2}",
                "{\"jsonrpc\": \"2.0\", \"result\": -19, \"id\": 2}");
    }

    @Test
    void rpcCallWithNamedParameters() {
        assertAnswer("{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": {\"subtrahend\": 23, \"minuend\": 42}, \"id\": 3}",
                "{\"jsonrpc\": \"2.0\", \"result\": 19, \"id\": 3}");
        assertAnswer("{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": {\"minuend\": 42, \"subtrahend\": 23}, \"id\": 4}",
                "{\"jsonrpc\": \"2.0\", \"result\": 19, \"id\": 4}");
    }

    @Test
    void aNotificationIsNeverAnswered() {
        assertThat(answer("{\"jsonrpc\": \"2.0\", \"method\": \"update\", \"params\": [1,2,3,4,5]}")).isEmpty();
        assertThat(answer("{\"jsonrpc\": \"2.0\", \"method\": \"foobar\"}")).isEmpty();
    }

    @Test
    void rpcCallOfANonExistentMethod() {
        assertAnswer("{\"jsonrpc\": \"2.0\", \"method\": \"foobar\", \"id\": \"1\"}",
                "{\"jsonrpc\": \"2.0\", \"error\": {\"code\": -32601, \"message\": \"Method not found\"}, \"id\": \"1\"}");
    }

    @Test
    void rpcCallWithInvalidJson() {
        assertAnswer("{\"jsonrpc\": \"2.0\", \"method\": \"foobar, \"params\": \"bar\", \"baz]",
                "{\"jsonrpc\": \"2.0\", \"error\": {\"code\": -32700, \"message\": \"Parse error\"}, \"id\": null}");
    }

    @Test
    void rpcCallWithInvalidRequestObject() {
        assertAnswer("{\"jsonrpc\": \"2.0\", \"method\": 1, \"params\": \"bar\"}",
                "{\"jsonrpc\": \"2.0\", \"error\": {\"code\": -32600, \"message\": \"Invalid Request\"}, \"id\": null}");
    }

    @Test
    void rpcCallBatchWithInvalidJson() {
        assertAnswer("""
                [
                  {"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"},
                  {"jsonrpc": "2.0", "method"
                ]""",
                "{\"jsonrpc\": \"2.0\", \"error\": {\"code\": -32700, \"message\": \"Parse error\"}, \"id\": null}");
    }

    @Test
    void rpcCallWithAnEmptyArrayIsOneErrorNotAnArray() {
        assertAnswer("[]",
                "{\"jsonrpc\": \"2.0\", \"error\": {\"code\": -32600, \"message\": \"Invalid Request\"}, \"id\": null}");
    }

    @Test
    void rpcCallWithAnInvalidBatchThatIsNotEmpty() {
        assertAnswer("[1]",
                "[{\"jsonrpc\": \"2.0\", \"error\": {\"code\": -32600, \"message\": \"Invalid Request\"}, \"id\": null}]");
    }

    @Test
    void rpcCallWithAnInvalidBatch() {
        String error = "{\"jsonrpc\": \"2.0\", \"error\": {\"code\": -32600, \"message\": \"Invalid Request\"}, \"id\": null}";
        assertAnswer("[1,2,3]", "[" + error + "," + error + "," + error + "]");
    }

    @Test
    void rpcCallBatch() {
        assertAnswer("""
                [
                    {"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"},
                    {"jsonrpc": "2.0", "method": "notify_hello", "params": [7]},
                    {"jsonrpc": "2.0", "method": "subtract", "params": [42,23], "id": "2"},
                    {"foo": "boo"},
                    {"jsonrpc": "2.0", "method": "foo.get", "params": {"name": "myself"}, "id": "5"},
                    {"jsonrpc": "2.0", "method": "get_data", "id": "9"}
                ]""", """
                [
                    {"jsonrpc": "2.0", "result": 7, "id": "1"},
                    {"jsonrpc": "2.0", "result": 19, "id": "2"},
                    {"jsonrpc": "2.0", "error": {"code": -32600, "message": "Invalid Request"}, "id": null},
                    {"jsonrpc": "2.0", "error": {"code": -32601, "message": "Method not found"}, "id": "5"},
                    {"jsonrpc": "2.0", "result": ["hello", 5], "id": "9"}
                ]""");
    }

    @Test
    void rpcCallBatchOfNotificationsAnswersNothing() {
        assertThat(answer("""
                [
                    {"jsonrpc": "2.0", "method": "notify_sum", "params": [1,2,4]},
                    {"jsonrpc": "2.0", "method": "notify_hello", "params": [7]}
                ]""")).isEmpty();
    }

    @Test
    void theResponseIsOneLineInTheSpecificationsOrderOfMembers() {
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[2,3],\"id\":7}"))
                .contains("{\"jsonrpc\":\"2.0\",\"result\":5,\"id\":7}");
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"method\":\"nope\",\"id\":7}").orElseThrow())
                .startsWith("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"").endsWith("},\"id\":7}")
                .doesNotContain("\n");
    }

    @Test
    void anIdIsEchoedAsItCameAndAnIdOfAnotherTypeIsAnInvalidRequest() {
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,1],\"id\":123456789012345678901234567890}"))
                .contains("{\"jsonrpc\":\"2.0\",\"result\":2,\"id\":123456789012345678901234567890}");
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,1],\"id\":\"\\u00e9 x\"}"))
                .contains("{\"jsonrpc\":\"2.0\",\"result\":2,\"id\":\"é x\"}");
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,1],\"id\":null}"))
                .contains("{\"jsonrpc\":\"2.0\",\"result\":2,\"id\":null}");
        assertError("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,1],\"id\":[1]}", -32600, "null");
        assertError("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,1],\"id\":true}", -32600, "null");
    }

    @Test
    void aRequestWithoutJsonrpcTwoPointZeroIsInvalidAndAnsweredWithItsId() {
        assertError("{\"method\":\"add\",\"params\":[1,1],\"id\":1}", -32600, "1");
        assertError("{\"jsonrpc\":\"1.0\",\"method\":\"add\",\"params\":[1,1],\"id\":1}", -32600, "1");
        assertError("{\"jsonrpc\":2.0,\"method\":\"add\",\"params\":[1,1],\"id\":1}", -32600, "1");
        assertError("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":3,\"id\":1}", -32600, "1");
    }

    @Test
    void valuesThatAreNoRequestAreInvalidRequests() {
        assertError("3", -32600, "null");
        assertError("\"call\"", -32600, "null");
        assertError("null", -32600, "null");
    }

    @Test
    void textThatIsNotOneJsonTextIsAParseError() {
        assertError("", -32700, "null");
        assertError("{} {}", -32700, "null");
        assertError("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"method\":\"echo\",\"id\":1}", -32700, "null");
        assertError("NaN", -32700, "null");
        assertError("\uFFFD", -32700, "null");
    }

    @Test
    void aNotificationsErrorIsNotAnsweredEither() {
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[\"1\",2]}")).isEmpty();
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"method\":\"nope\"}")).isEmpty();
    }

    @Test
    void wrongParametersAreInvalidParams() {
        assertError("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[\"2\",3],\"id\":1}", -32602, "1");
        assertError("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[2],\"id\":1}", -32602, "1");
        assertError("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":{\"a\":1,\"c\":2},\"id\":1}", -32602, "1");
    }

    @Test
    void aBatchLongerThanTheLimitIsOneErrorNamingItAndNoneOfItsCallsIsMade() {
        JsonRpc small = new JsonRpc(TestMethods.table(), new RpcLimits(1 << 20, 2, 64, Duration.ofSeconds(10), false));
        String call = "{\"jsonrpc\":\"2.0\",\"method\":\"sleep\",\"params\":[60000],\"id\":1}";

        JsonNode error = tree(small.answer("[" + call + "," + call + "," + call + "]", PEER, LOG).orElseThrow());

        assertThat(error.get("error").get("code").asInt()).isEqualTo(-32002);
        assertThat(error.get("error").get("data").get("max_batch").asInt()).isEqualTo(2);
        assertThat(error.get("id").isNull()).isTrue();
    }

    @Test
    void aBatchsCallsShareOneDeadline() {
        Duration deadline = Duration.ofMillis(300);
        JsonRpc quick = new JsonRpc(TestMethods.table(), RpcLimits.DEFAULTS.withDeadline(deadline));
        String slow = "{\"jsonrpc\":\"2.0\",\"method\":\"sleep\",\"params\":[60000],\"id\":%d}";
        String batch = "[" + String.join(",", slow.formatted(1), slow.formatted(2), slow.formatted(3)) + "]";

        long start = System.nanoTime();
        JsonNode responses = tree(quick.answer(batch, PEER, LOG).orElseThrow());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(responses).hasSize(3);
        responses.forEach(r -> assertThat(r.get("error").get("code").asInt()).isEqualTo(-32000));
        // Three deadlines, one after the other, would take 900 ms at the least: the batch had one (and the rest of
        // the bound is headroom for a loaded machine).
        assertThat(took).isLessThan(deadline.multipliedBy(3));
    }

    @Test
    void aRequestNestedDeeperThanTheLimitIsTooLargeAndNamesTheLimit() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        String request = "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[" + deep + "],\"id\":1}";

        JsonNode error = tree(answer(request).orElseThrow());

        assertThat(error.get("error").get("code").asInt()).isEqualTo(-32001);
        assertThat(error.get("error").get("data").get("max_depth").asInt()).isEqualTo(64);
        String fits = "[".repeat(60) + "]".repeat(60);
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[" + fits + "],\"id\":1}"))
                .contains("{\"jsonrpc\":\"2.0\",\"result\":" + fits + ",\"id\":1}");
    }

    @Test
    void aRequestLongerThanTheLimitIsTooLargeAndNamesTheLimit() {
        JsonRpc small = new JsonRpc(TestMethods.table(), new RpcLimits(100, 10, 64, Duration.ofSeconds(10), false));

        JsonNode error = tree(small.answer("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"" + "x".repeat(100)
                + "\"],\"id\":1}", PEER, LOG).orElseThrow());

        assertThat(error.get("error").get("code").asInt()).isEqualTo(-32001);
        assertThat(error.get("error").get("data").get("max_bytes").asInt()).isEqualTo(100);
    }

    @Test
    void aMethodsErrorCarriesItsData() {
        MethodTable table = new MethodTable().add("fail", "Fails.", void.class, java.util.List.of(), (args, ctx) -> {
            throw new RpcException(-32042, "no such thing", java.util.Map.of("thing", "x"));
        });

        String response = new JsonRpc(table, RpcLimits.DEFAULTS).answer(
                "{\"jsonrpc\":\"2.0\",\"method\":\"fail\",\"id\":1}", PEER, LOG).orElseThrow();

        assertThat(response).isEqualTo("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32042,\"message\":\"no such thing\","
                + "\"data\":{\"thing\":\"x\"}},\"id\":1}");
    }

    @Test
    void errorResponseHasANullId() {
        assertThat(JsonRpc.errorResponse(new RpcException(-32700, "bad")))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32700,\"message\":\"bad\"},\"id\":null}");
    }

    private Optional<String> answer(String request) {
        return rpc.answer(request, PEER, LOG);
    }

    private void assertError(String request, int code, String id) {
        JsonNode response = tree(answer(request).orElseThrow());
        assertThat(response.get("error").get("code").asInt()).as(request).isEqualTo(code);
        assertThat(response.get("error").get("message").asString()).isNotBlank();
        assertThat(response.get("id").toString()).as(request).isEqualTo(id);
    }

    /** {@code request}'s answer is {@code expected}, each error message a sentence of ours rather than the example's. */
    private void assertAnswer(String request, String expected) {
        JsonNode actual = tree(answer(request).orElseThrow());
        assertThat(withoutMessages(actual)).isEqualTo(withoutMessages(tree(expected)));
    }

    private static JsonNode withoutMessages(JsonNode response) {
        if (response.isArray()) {
            response.forEach(JsonRpcTest::withoutMessages);
        } else if (response.has("error")) {
            ObjectNode error = (ObjectNode) response.get("error");
            assertThat(error.get("message").asString()).isNotBlank();
            error.put("message", "");
        }
        return response;
    }

    static JsonNode tree(String json) {
        return RpcValues.MAPPER.readTree(json);
    }
}
