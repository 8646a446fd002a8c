package dev.socklab.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import dev.socklab.net.Family;
import dev.socklab.net.Host;
import dev.socklab.rpc.RpcValues;
import dev.socklab.trace.Tracer;

/** {@link RpcClient} against a JSON-RPC server over TCP written in Python, one JSON text a line. */
@Timeout(30)
class RpcClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    static Path dir;

    private static RpcPythonServer server;

    @BeforeAll
    static void start() throws IOException {
        server = RpcPythonServer.start("rpc_line_server.py", dir);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aCallByPositionGetsItsResult() throws IOException {
        assertThat(call("add", "[2, 3]")).isEqualTo(json("5"));
    }

    @Test
    void aCallByNameGetsItsResult() throws IOException {
        assertThat(call("add", "{\"a\": 2, \"b\": 3}")).isEqualTo(json("5"));
    }

    @Test
    void callsOnOneConnectionEachGetTheirOwnAnswer() throws IOException {
        try (ClientConnection conn = connect(Tracer.off())) {
            RpcClient client = new RpcClient(conn, TIMEOUT);
            assertThat(client.call("add", json("[1, 2]"))).isEqualTo(json("3"));
            assertThat(client.call("echo", json("[{\"x\": [1, \"é\", null]}]"))).isEqualTo(json("{\"x\": [1, \"é\", null]}"));
            assertThat(client.call("add", json("[40, 2]"))).isEqualTo(json("42"));
        }
    }

    @Test
    void anErrorComesWithItsCodeMessageAndData() {
        assertThatThrownBy(() -> call("fail", "[]")).isInstanceOfSatisfying(RpcErrorException.class, e -> {
            assertThat(e.code()).isEqualTo(-32000);
            assertThat(e.getMessage()).isEqualTo("it failed");
            assertThat(e.data()).contains(json("{\"why\": \"asked to\"}"));
        });
        assertThatThrownBy(() -> call("nope", "[]")).isInstanceOfSatisfying(RpcErrorException.class,
                e -> assertThat(e.data()).isEmpty());
    }

    @Test
    void aNotificationFromTheServerIsSkipped() throws IOException {
        assertThat(call("chatty", "[]")).isEqualTo(json("\"done\""));
    }

    @Test
    void anAnswerToAnotherRequestIsRefused() {
        assertThatThrownBy(() -> call("other", "[]")).isInstanceOf(BadResponseException.class)
                .hasMessageContaining("id 101, not the one with id 1");
    }

    @Test
    void anAnswerThatIsNotJsonIsRefused() {
        assertThatThrownBy(() -> call("garbage", "[]")).isInstanceOf(BadResponseException.class)
                .hasMessage("the server's answer is not JSON: this is not json");
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws IOException {
        try (ClientConnection conn = connect(Tracer.off())) {
            assertThatThrownBy(() -> new RpcClient(conn, Duration.ofMillis(300)).call("silent", json("[]")))
                    .isInstanceOf(SocketTimeoutException.class).hasMessage("no answer within 300ms");
        }
    }

    @Test
    void aServerThatClosesWithoutAnsweringEndsTheCall() {
        assertThatThrownBy(() -> call("close", "[]")).isInstanceOf(EOFException.class)
                .hasMessage("the server closed the connection without answering");
    }

    @Test
    void theTraceShowsEachRequestAndResponseAsALine() throws IOException {
        ByteArrayOutputStream trace = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(trace, true, StandardCharsets.UTF_8);
                ClientConnection conn = connect(Tracer.printingTo(out))) {
            new RpcClient(conn, TIMEOUT).call("add", json("[2, 3]"));
        }
        assertThat(trace.toString(StandardCharsets.UTF_8))
                .contains("rpc", "> {\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"add\",\"params\":[2,3]}",
                        "< {\"jsonrpc\": \"2.0\", \"id\": 1, \"result\": 5}");
    }

    private static JsonNode call(String method, String params) throws IOException {
        try (ClientConnection conn = connect(Tracer.off())) {
            return new RpcClient(conn, TIMEOUT).call(method, json(params));
        }
    }

    private static ClientConnection connect(Tracer tracer) throws IOException {
        return ClientConnection.connect(Host.parse("127.0.0.1"), server.port(0), Family.ANY, TIMEOUT, tracer, "rpc");
    }

    private static JsonNode json(String text) {
        return RpcValues.MAPPER.readTree(text);
    }
}
