package dev.socklab.services.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.rpc.JsonRpc;
import dev.socklab.rpc.JsonRpcService;
import dev.socklab.rpc.RpcLimits;
import dev.socklab.rpc.TestMethods;
import dev.socklab.runtime.Endpoint;
import dev.socklab.services.http.HttpService;
import dev.socklab.services.http.HttpSettings;
import dev.socklab.services.http.Router;
import dev.socklab.testing.LabProgram;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.Tools;

/**
 * JSON-RPC as other people's clients speak it, each program run once: python3-jsonrpclib-pelix and
 * python3-tinyrpc over HTTP, curl over HTTP, nc.openbsd over TCP, and a ten-line Python socket client
 * as the lab would write it over TCP, each with a call, a batch and (but curl and nc) a notification.
 */
@Timeout(60)
class JsonRpcInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    private int tcpPort;
    private int httpPort;

    @BeforeEach
    void serve() {
        JsonRpc rpc = new JsonRpc(TestMethods.table(), RpcLimits.DEFAULTS);
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        tcpPort = port(servers.stream("rpc", new JsonRpcService(rpc), Endpoint.tcp(loopback)));
        httpPort = port(servers.stream("http", new HttpService(HttpSettings.defaults(),
                new Router().exact("/jsonrpc", new JsonRpcRoute(rpc))), Endpoint.tcp(loopback)));
    }

    @Test
    void jsonrpclibCallsBatchesAndNotifies() throws Exception {
        Tools.require(Path.of("/usr/lib/python3/dist-packages/jsonrpclib/__init__.py"));

        assertThat(python("jsonrpclib_client.py", httpPort)).isEqualTo("""
                add 5
                error -32601
                multicall [3, 'x']
                notify sent
                """);
    }

    @Test
    void tinyrpcCallsBatchesAndNotifies() throws Exception {
        Tools.require(Path.of("/usr/lib/python3/dist-packages/tinyrpc/__init__.py"));

        assertThat(python("tinyrpc_client.py", httpPort)).isEqualTo("""
                add 5
                named 9
                error RPCError
                batch [3, 'x']
                notify sent
                """);
    }

    @Test
    void curlPostsACall() throws Exception {
        String curl = Tools.require("curl");
        try (LabProgram program = LabProgram.start(List.of(curl, "-s", "-d",
                "{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[2,3],\"id\":1}",
                "http://127.0.0.1:" + httpPort + "/jsonrpc"))) {
            assertThat(program.outputUntilExit(WAIT)).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":5,\"id\":1}");
        }
    }

    @Test
    void ncSendsACallAndABatchOnOneConnection() throws Exception {
        String nc = Tools.require("nc.openbsd");
        Path requests = Files.writeString(dir.resolve("requests"),
                "{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[2,3],\"id\":1}\n"
                        + "[{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"x\"],\"id\":2},"
                        + "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"y\"]}]\n");
        try (LabProgram program = LabProgram.start(List.of("sh", "-c",
                nc + " -N -w 10 127.0.0.1 " + tcpPort + " < '" + requests + "'"))) {
            assertThat(program.outputUntilExit(WAIT)).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":5,\"id\":1}\n"
                    + "[{\"jsonrpc\":\"2.0\",\"result\":\"x\",\"id\":2}]\n");
        }
    }

    @Test
    void aLabStylePythonSocketClientCallsBatchesAndNotifies() throws Exception {
        assertThat(python("lab_client.py", tcpPort)).isEqualTo("""
                {"id": 1, "jsonrpc": "2.0", "result": 5}
                [{"id": 2, "jsonrpc": "2.0", "result": 3}, {"id": 3, "jsonrpc": "2.0", "result": "x"}]
                {"id": 4, "jsonrpc": "2.0", "result": "after"}
                """);
    }

    /** What {@code script}, one of this test's resources, prints talking to {@code port}; it must exit 0. */
    private String python(String script, int port) throws Exception {
        String python = Tools.require(Path.of(PYTHON));
        try (LabProgram program = LabProgram.start(List.of(python, "-u", resource(script), String.valueOf(port)))) {
            String output = program.outputUntilExit(WAIT);
            assertThat(program.exitCode()).as(output).isZero();
            return output;
        }
    }

    private static String resource(String name) throws URISyntaxException {
        return Path.of(JsonRpcInteropTest.class.getResource(name).toURI()).toString();
    }

    private static int port(Endpoint bound) {
        return ((InetSocketAddress) bound.address()).getPort();
    }
}
