package dev.socklab.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link JsonRpc#answer}, JSON-RPC's framing, on whatever text a client sends (bytes decoded as UTF-8,
 * as a line or a body is): it never throws, and answers nothing or one JSON text that is a response
 * object or a non-empty array of them, each with {@code "jsonrpc": "2.0"}, an id, and exactly one of
 * a result and an error of an integer code and a message; an array only for a batch. The limits are
 * small (a batch of 8, depth 16, 4 KiB) so that inputs reach past them.
 */
class JsonRpcFuzzTest {
    private static final Logger LOG = LoggerFactory.getLogger(JsonRpcFuzzTest.class);
    private static final JsonMapper STRICT = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final JsonRpc RPC = new JsonRpc(table(),
            new RpcLimits(4096, 8, 16, Duration.ofSeconds(5), false));

    @FuzzTest(maxDuration = "30s")
    void answerIsOneJsonResponseOrNothing(byte[] data) {
        String request = new String(data, StandardCharsets.UTF_8);

        Optional<String> answer = RPC.answer(request, new InetSocketAddress("127.0.0.1", 40000), LOG);

        if (answer.isEmpty()) {
            return;
        }
        assertThat(answer.get()).doesNotContain("\n");
        JsonNode response = STRICT.readTree(answer.get());
        if (response.isArray()) {
            assertThat(request.stripLeading()).startsWith("[");
            assertThat(response.size()).isBetween(1, 8);
            response.forEach(JsonRpcFuzzTest::assertResponse);
        } else {
            assertResponse(response);
        }
    }

    private static void assertResponse(JsonNode response) {
        assertThat(response.isObject()).as(response.toString()).isTrue();
        assertThat(response.get("jsonrpc").asString()).isEqualTo("2.0");
        JsonNode id = response.get("id");
        assertThat(id).isNotNull();
        assertThat(id.isString() || id.isNumber() || id.isNull()).as(response.toString()).isTrue();
        assertThat(response.has("result")).isNotEqualTo(response.has("error"));
        assertThat(response.size()).isEqualTo(3);
        if (response.has("error")) {
            JsonNode error = response.get("error");
            assertThat(error.get("code").isInt()).as(response.toString()).isTrue();
            assertThat(error.get("message").isString()).as(response.toString()).isTrue();
        }
    }

    /** Quick methods only: echo, add, introspection. */
    private static MethodTable table() {
        Param<Object> value = Param.of("value", Object.class);
        Param<Integer> a = Param.of("a", int.class);
        Param<Integer> b = Param.of("b", int.class);
        return new MethodTable()
                .add("echo", "Answers with its argument.", Object.class, List.of(value), (args, ctx) -> args.get(value))
                .add("add", "Adds two integers.", int.class, List.of(a, b), (args, ctx) -> args.get(a) + args.get(b));
    }
}
