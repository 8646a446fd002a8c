package dev.socklab.services.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.socklab.rpc.JsonRpcService;
import dev.socklab.rpc.RpcLimits;
import dev.socklab.runtime.Endpoint;
import dev.socklab.services.FreshSettings;
import dev.socklab.services.ServiceReload;
import dev.socklab.services.http.HttpService;
import dev.socklab.services.http.HttpSettings;
import dev.socklab.services.http.Router;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;

/**
 * A reload of the RPC limits, shared by the rpc service and http's routes: a connection to the rpc
 * service keeps the limits it began with; a new connection, and the next HTTP request, get the new ones.
 */
@Timeout(30)
class RpcReloadTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String BATCH = "[{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,1],\"id\":1},"
            + "{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[2,2],\"id\":2},"
            + "{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[3,3],\"id\":3}]";

    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void theLimitsChangeForConnectionsAndRequestsFromThenOn() throws Exception {
        RpcProtocols rpc = new RpcProtocols(TestMethods.table(), RpcLimits.DEFAULTS);
        Endpoint line = servers.stream("rpc", new JsonRpcService(rpc::json), loopback());
        Endpoint http = servers.stream("http", new HttpService(HttpSettings.defaults(), new Router()
                .exact("/jsonrpc", new JsonRpcRoute(rpc::json)).exact("/RPC2", new XmlRpcRoute(rpc::xml))), loopback());
        try (RawClient open = RawClient.connect(line)) {
            open.send(BATCH + "\n");
            assertThat(open.readLine(WAIT)).contains("\"result\":2", "\"result\":6");

            ServiceReload reload = rpc.reload(new FreshSettings() {
                @Override
                public RpcLimits rpc() {
                    return new RpcLimits(4096, 2, RpcLimits.DEFAULTS.maxDepth(), Duration.ofSeconds(3), true);
                }
            });
            assertThat(reload.changes()).containsExactly("rpc: --rpc-deadline: 10s -> 3s",
                    "rpc: --rpc-max-request: 1048576 -> 4096", "rpc: --rpc-max-batch: 1000 -> 2",
                    "rpc: --rpc-allow-none: false -> true");
            reload.apply().run();

            open.send(BATCH + "\n");
            assertThat(open.readLine(WAIT)).as("the connection open across the reload keeps its limits")
                    .contains("\"result\":6");
        }
        try (RawClient next = RawClient.connect(line)) {
            next.send(BATCH + "\n");
            assertThat(next.readLine(WAIT)).contains("-32002", "max_batch");
        }
        HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + ((InetSocketAddress) http.address()).getPort() + "/jsonrpc")).timeout(WAIT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(BATCH)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.body()).contains("-32002");
        assertThat(xmlRpcNothing(http)).as("XML-RPC's nil, now allowed").contains("<nil/>");
    }

    /** Calls {@code nothing} over XML-RPC: its response. */
    private static String xmlRpcNothing(Endpoint http) throws IOException, InterruptedException {
        String call = "<?xml version=\"1.0\"?><methodCall><methodName>nothing</methodName><params/></methodCall>";
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + ((InetSocketAddress) http.address()).getPort() + "/RPC2")).timeout(WAIT)
                .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(call)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static Endpoint loopback() {
        return Endpoint.tcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }
}
