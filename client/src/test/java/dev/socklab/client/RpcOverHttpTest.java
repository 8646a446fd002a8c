package dev.socklab.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
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

/**
 * {@link RpcOverHttp} against third-party servers: Python's own {@code SimpleXMLRPCServer} for
 * XML-RPC, and jsonrpclib-pelix's {@code SimpleJSONRPCServer} for JSON-RPC over HTTP, both started
 * once for the class.
 */
@Timeout(30)
class RpcOverHttpTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    static Path dir;

    private static RpcPythonServer servers;

    @BeforeAll
    static void start() throws IOException {
        servers = RpcPythonServer.start("rpc_http_servers.py", dir);
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void xmlRpcCallsPythonsServer() throws IOException {
        assertThat(xml("add", "[2, 3]")).isEqualTo(json("5"));
        assertThat(xml("echo", "[{\"a\": [1, \"two\", 3.5, true, null]}]"))
                .isEqualTo(json("{\"a\": [1, \"two\", 3.5, true, null]}"));
    }

    @Test
    void anIntegerPast32BitsGoesAsI8WhichPythonReadsButWillNotSendBack() {
        // Python's parser takes i8; its marshaller refuses to answer with it, and says so in a fault.
        assertThatThrownBy(() -> xml("echo", "[4294967296]")).isInstanceOf(RpcErrorException.class)
                .hasMessageContaining("int exceeds XML-RPC limits");
    }

    @Test
    void xmlRpcsBase64AndDatesPrintAsJsonText() throws IOException {
        assertThat(RpcValues.MAPPER.writeValueAsString(xml("blob", "[]"))).isEqualTo("\"AAH+/w==\"");
        assertThat(RpcValues.MAPPER.writeValueAsString(xml("when", "[]"))).isEqualTo("\"1998-07-17T14:08:55\"");
    }

    @Test
    void aFaultIsAnErrorWithItsCodeAndMessage() {
        assertThatThrownBy(() -> xml("fail", "[]")).isInstanceOfSatisfying(RpcErrorException.class, e -> {
            assertThat(e.code()).isEqualTo(-32000);
            assertThat(e.getMessage()).isEqualTo("it failed");
        });
    }

    @Test
    void xmlRpcsIntrospectionAnswers() throws IOException {
        assertThat(xml("system.listMethods", "[]")).contains(json("\"add\""), json("\"system.methodHelp\""));
        assertThat(xml("system.methodHelp", "[\"add\"]")).isEqualTo(json("\"Adds two numbers.\""));
    }

    @Test
    void xmlRpcTakesNoNamedParameters() {
        assertThatThrownBy(() -> xml("add", "{\"a\": 1, \"b\": 2}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positional only");
    }

    @Test
    void jsonRpcCallsJsonrpclibsServer() throws IOException {
        assertThat(jsonRpc("/jsonrpc", "add", "[2, 3]")).isEqualTo(json("5"));
        assertThat(jsonRpc("/jsonrpc", "echo", "[[1, {\"b\": null}]]")).isEqualTo(json("[1, {\"b\": null}]"));
    }

    @Test
    void jsonRpcsErrorIsAnError() {
        assertThatThrownBy(() -> jsonRpc("/jsonrpc", "nope", "[]")).isInstanceOfSatisfying(RpcErrorException.class,
                e -> assertThat(e.code()).isEqualTo(-32601));
    }

    @Test
    void aPathWithoutRpcIsTheServersRefusal() {
        assertThatThrownBy(() -> jsonRpc("/elsewhere", "add", "[2, 3]")).isInstanceOfSatisfying(
                ServerRefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo(404);
                    assertThat(e.getMessage()).startsWith("the server answered 404").contains("at /elsewhere");
                });
    }

    private static JsonNode xml(String method, String params) throws IOException {
        return call(servers.port(0), "/RPC2", RpcProtocol.XML_RPC, method, params);
    }

    private static JsonNode jsonRpc(String path, String method, String params) throws IOException {
        return call(servers.port(1), path, RpcProtocol.JSON_RPC, method, params);
    }

    private static JsonNode call(int port, String path, RpcProtocol protocol, String method, String params)
            throws IOException {
        HttpUrl url = HttpUrl.parse("http://127.0.0.1:" + port + path);
        try (ClientConnection conn = ClientConnection.connect(Host.parse("127.0.0.1"), port, Family.ANY, TIMEOUT,
                Tracer.off(), "rpc")) {
            return RpcOverHttp.call(conn, url, protocol, method, json(params), TIMEOUT, "socklab/test");
        }
    }

    private static JsonNode json(String text) {
        return RpcValues.MAPPER.readTree(text);
    }
}
