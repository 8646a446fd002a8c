package dev.socklab.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import tools.jackson.databind.JsonNode;

import dev.socklab.net.Family;
import dev.socklab.net.Host;
import dev.socklab.rpc.ErrorCodes;
import dev.socklab.rpc.JsonRpc;
import dev.socklab.rpc.JsonRpcService;
import dev.socklab.rpc.MethodTable;
import dev.socklab.rpc.Param;
import dev.socklab.rpc.RpcLimits;
import dev.socklab.rpc.RpcValues;
import dev.socklab.rpc.XmlRpc;
import dev.socklab.runtime.Endpoint;
import dev.socklab.services.http.HttpService;
import dev.socklab.services.http.HttpSettings;
import dev.socklab.services.http.Router;
import dev.socklab.services.rpc.JsonRpcRoute;
import dev.socklab.services.rpc.XmlRpcRoute;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;
import dev.socklab.trace.Tracer;

/**
 * {@link RpcClient} and {@link RpcOverHttp} against socklab's own server: a small method table served
 * as JSON-RPC over TCP and Unix sockets, and over HTTP at {@code /jsonrpc} and {@code /RPC2}.
 */
@Timeout(30)
class RpcSocklabServerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /**
     * Short, so that a call to sleep overruns it soon; long enough for the other calls, whose deadline counts from
     * their request's arrival, parsing included, on a loaded machine.
     */
    private static final RpcLimits LIMITS = RpcLimits.DEFAULTS.withDeadline(Duration.ofSeconds(1));
    private static final Param<JsonNode> VALUE = Param.of("value", JsonNode.class);
    private static final Param<Integer> A = Param.of("a", int.class);
    private static final Param<Integer> B = Param.of("b", int.class);
    private static final Param<Long> MILLISECONDS = Param.of("milliseconds", long.class);

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    private static MethodTable table() {
        return new MethodTable()
                .add("echo", "Answers with its argument.", JsonNode.class, List.of(VALUE),
                        (args, context) -> args.get(VALUE))
                .add("add", "Adds two integers.", int.class, List.of(A, B), (args, context) -> args.get(A) + args.get(B))
                .add("sleep", "Sleeps for milliseconds.", long.class, List.of(MILLISECONDS), (args, context) -> {
                    Thread.sleep(args.get(MILLISECONDS));
                    return args.get(MILLISECONDS);
                });
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void jsonRpcOverEachStreamTransportCallsManyTimesOnOneConnection(StreamTransport transport) throws IOException {
        Endpoint at = servers.stream("rpc", new JsonRpcService(new JsonRpc(table(), LIMITS)), transport.endpoint(dir));
        try (ClientConnection conn = connect(at)) {
            RpcClient client = new RpcClient(conn, TIMEOUT);
            assertThat(client.call("add", json("[2, 3]"))).isEqualTo(json("5"));
            assertThat(client.call("add", json("{\"b\": 40, \"a\": 2}"))).isEqualTo(json("42"));
            assertThat(client.call("system.methodSignature", json("[\"add\"]")))
                    .isEqualTo(json("[[\"int\", \"int\", \"int\"]]"));
            assertThatThrownBy(() -> client.call("add", json("[\"two\", 3]"))).isInstanceOfSatisfying(
                    RpcErrorException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_PARAMS));
            assertThatThrownBy(() -> client.call("sleep", json("[5000]"))).isInstanceOfSatisfying(
                    RpcErrorException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCodes.DEADLINE_EXCEEDED);
                        // The data says the time the call had left when it began: the deadline, less a little.
                        assertThat(e.data().orElseThrow().get("deadline_ms").longValue())
                                .isBetween(1L, LIMITS.deadline().toMillis());
                    });
            assertThat(client.call("echo", json("[[1, \"two\", null]]"))).as("the connection serves on")
                    .isEqualTo(json("[1, \"two\", null]"));
        }
    }

    @Test
    void jsonRpcAndXmlRpcOverHttpCallTheSameTable() throws IOException {
        MethodTable table = table();
        Router router = new Router().exact("/jsonrpc", new JsonRpcRoute(new JsonRpc(table, LIMITS)))
                .exact("/RPC2", new XmlRpcRoute(new XmlRpc(table, LIMITS)));
        Endpoint at = servers.stream("http", new HttpService(HttpSettings.defaults(), router),
                StreamTransport.TCP_IPV4.endpoint(dir));

        assertThat(overHttp(at, RpcProtocol.JSON_RPC, "add", "[2, 3]")).isEqualTo(json("5"));
        assertThat(overHttp(at, RpcProtocol.XML_RPC, "add", "[2, 3]")).isEqualTo(json("5"));
        assertThat(overHttp(at, RpcProtocol.XML_RPC, "echo", "[{\"a\": [1, \"two\", 3.5, true]}]"))
                .isEqualTo(json("{\"a\": [1, \"two\", 3.5, true]}"));
        for (RpcProtocol protocol : RpcProtocol.values()) {
            assertThatThrownBy(() -> overHttp(at, protocol, "nope", "[]")).as("%s", protocol).isInstanceOfSatisfying(
                    RpcErrorException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.METHOD_NOT_FOUND));
        }
    }

    private static JsonNode overHttp(Endpoint at, RpcProtocol protocol, String method, String params)
            throws IOException {
        int port = ((InetSocketAddress) at.address()).getPort();
        HttpUrl url = HttpUrl.parse("http://127.0.0.1:" + port + protocol.path());
        try (ClientConnection conn = connect(at)) {
            return RpcOverHttp.call(conn, url, protocol, method, json(params), TIMEOUT, "socklab/test");
        }
    }

    private static ClientConnection connect(Endpoint at) throws IOException {
        if (at.address() instanceof UnixDomainSocketAddress unix) {
            return ClientConnection.connect(unix, TIMEOUT, Tracer.off(), "rpc");
        }
        InetSocketAddress inet = (InetSocketAddress) at.address();
        return ClientConnection.connect(Host.parse(inet.getAddress().getHostAddress()), inet.getPort(), Family.ANY,
                TIMEOUT, Tracer.off(), "rpc");
    }

    private static JsonNode json(String text) {
        return RpcValues.MAPPER.readTree(text);
    }
}
