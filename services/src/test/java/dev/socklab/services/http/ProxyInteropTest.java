package dev.socklab.services.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.socklab.net.AddressSet;
import dev.socklab.proxy.ProxyPolicy;
import dev.socklab.proxy.ProxyVersion;
import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Server;
import dev.socklab.runtime.ServiceLimits;
import dev.socklab.testing.Await;
import dev.socklab.testing.LabProgram;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.TestCertificates;
import dev.socklab.testing.Tools;

/**
 * The http service behind real proxies that send the PROXY protocol: nginx's stream module with
 * {@code proxy_protocol on} (v1), HAProxy with {@code send-proxy} (v1) and {@code send-proxy-v2},
 * and {@code curl --haproxy-protocol}. curl, the real client, connects from 127.0.0.2 and each proxy
 * from 127.0.0.1, the one address trusted, so that the test tells one from the other: the client's
 * address must reach {@code /anything} and the closing line, the proxy's only {@code via}. Each
 * proxy runs with its own configuration in the test's directory, on a free port, and is ended by PID.
 */
@Timeout(60)
class ProxyInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String CLIENT = "127.0.0.2";
    private static final String PROXY = "127.0.0.1";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();
    private final List<LabProgram> proxies = new ArrayList<>();

    @AfterEach
    void endProxies() {
        proxies.forEach(LabProgram::close); // each by its own process, never by name
    }

    @Test
    void nginxStreamWithProxyProtocolOnPassesTheClientsAddress() throws Exception {
        String nginx = Tools.require(Path.of("/usr/sbin/nginx"));
        Path module = Path.of("/usr/lib/nginx/modules/ngx_stream_module.so");
        Tools.require(module);
        int socklab = serveHttp(EnumSet.of(ProxyVersion.V1), PROXY);
        int port = freePort();
        Path conf = Files.writeString(dir.resolve("nginx.conf"), """
                load_module %s;
                daemon off;
                master_process off;
                worker_processes 1;
                pid %s;
                error_log stderr info;
                events { worker_connections 64; }
                stream {
                    server {
                        listen %s:%d;
                        proxy_pass %s:%d;
                        proxy_protocol on;
                    }
                }
                """.formatted(module, dir.resolve("nginx.pid"), PROXY, port, PROXY, socklab));
        start(List.of(nginx, "-p", dir.toString(), "-e", "stderr", "-c", conf.toString()), port);
        throughProxyTheClientIsSeen(port, socklab);
    }

    @Test
    void haproxySendProxyPassesTheClientsAddressInV1() throws Exception {
        int socklab = serveHttp(EnumSet.of(ProxyVersion.V1), PROXY);
        int port = haproxy("send-proxy", socklab, PROXY);
        throughProxyTheClientIsSeen(port, socklab);
    }

    @Test
    void haproxySendProxyV2PassesTheClientsAddressInV2() throws Exception {
        int socklab = serveHttp(EnumSet.of(ProxyVersion.V2), PROXY);
        int port = haproxy("send-proxy-v2", socklab, PROXY);
        throughProxyTheClientIsSeen(port, socklab);
    }

    @Test
    void haproxyInFrontOfATlsEndpointSendsItsHeaderBeforeTheHandshake() throws Exception {
        TestCertificates pair = TestCertificates.in(dir);
        ProxyPolicy policy = new ProxyPolicy(EnumSet.of(ProxyVersion.V2), AddressSet.parse(PROXY), false);
        Server server = servers.start(Server.builder().tls(pair.serverTls()).stream("http",
                HttpService.of(HttpSettings.defaults()), Endpoint.tls(new InetSocketAddress(PROXY, 0)),
                ServiceLimits.NONE.withProxy(policy)));
        int socklab = ((InetSocketAddress) server.bindings().getFirst().endpoint().address()).getPort();
        // TCP mode: HAProxy relays the client's TLS untouched, its PROXY v2 header first.
        int port = haproxy("send-proxy-v2", socklab, PROXY);
        try (LogCapture log = LogCapture.socklab()) {
            JsonNode anything = JSON.readTree(curl("--interface", CLIENT, "--cacert", pair.certFile().toString(),
                    "--resolve", "localhost:" + port + ":" + PROXY, "https://localhost:" + port + "/anything"));
            assertThat(anything.get("client").get("address").asString()).isEqualTo(CLIENT);
            assertThat(anything.get("tls").get("sni").asString()).isEqualTo("localhost");
            int clientPort = anything.get("client").get("port").asInt();
            String line = log.awaitContaining("http#", " tls " + CLIENT + ":" + clientPort + " via " + PROXY + ":");
            assertThat(line).contains("; TLSv1.3 ", " sni=localhost alpn=http/1.1");
        }
    }

    @Test
    void curlsOwnHaproxyProtocolHeaderNamesItself() throws Exception {
        Tools.require("curl");
        // curl is its own proxy here: the header names the connection's own source, trusted for this test.
        int socklab = serveHttp(EnumSet.of(ProxyVersion.V1), CLIENT);
        try (LogCapture log = LogCapture.socklab()) {
            JsonNode anything = JSON.readTree(curl("--haproxy-protocol", "--interface", CLIENT, "http://" + PROXY + ":" + socklab + "/anything"));
            assertThat(anything.get("client").get("address").asString()).isEqualTo(CLIENT);
            int port = anything.get("client").get("port").asInt();
            String line = log.awaitContaining("tcp " + CLIENT + ":" + port + " via " + CLIENT + ":" + port + " -> ");
            assertThat(line).contains(" closed by client");
        }
    }

    @Test
    void aProxyThatIsNotTrustedIsRefusedAndTheClientGetsNothing() throws Exception {
        int socklab = serveHttp(EnumSet.allOf(ProxyVersion.class), PROXY);
        // From the start: the refusals of a listener are logged a line a second, and the probe that waits for
        // HAProxy to listen is refused first.
        try (LogCapture log = LogCapture.socklab()) {
            // HAProxy connects from 127.0.0.3, not on the trust list.
            int port = haproxy("send-proxy source 127.0.0.3", socklab, PROXY);
            try (LabProgram curl = LabProgram.start(List.of(Tools.require("curl"), "-sS", "--interface", CLIENT,
                    "http://" + PROXY + ":" + port + "/anything"))) {
                String out = curl.outputUntilExit(WAIT);
                assertThat(curl.exitCode()).as("curl's exit; it printed %s", out).isNotZero();
                assertThat(out).doesNotContain("\"client\"");
            }
            assertThat(log.awaitContaining("tcp 127.0.0.3:", " denied: not a trusted proxy (--proxy-trust)")).isNotEmpty();
        }
    }

    /** Serves http, taking the PROXY protocol's {@code versions} from {@code trusted} alone; returns its port. */
    private int serveHttp(Set<ProxyVersion> versions, String trusted) {
        ProxyPolicy policy = new ProxyPolicy(versions, AddressSet.parse(trusted), false);
        Server server = servers.start(Server.builder().stream("http", HttpService.of(HttpSettings.defaults()),
                Endpoint.tcp(new InetSocketAddress(PROXY, 0)), ServiceLimits.NONE.withProxy(policy)));
        return ((InetSocketAddress) server.bindings().getFirst().endpoint().address()).getPort();
    }

    /** Starts HAProxy in TCP mode in front of socklab, its server line ending in {@code serverOptions}; returns its port. */
    private int haproxy(String serverOptions, int socklab, String bind) throws Exception {
        String haproxy = Tools.require(Path.of("/usr/sbin/haproxy"));
        int port = freePort();
        Path conf = Files.writeString(dir.resolve("haproxy.cfg"), """
                global
                    log stderr format raw local0 info
                defaults
                    mode tcp
                    log global
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend in
                    bind %s:%d
                    default_backend socklab
                backend socklab
                    server socklab %s:%d %s
                """.formatted(bind, port, PROXY, socklab, serverOptions));
        start(List.of(haproxy, "-f", conf.toString(), "-db"), port);
        return port;
    }

    /** curl, from the client's own address, through the proxy on {@code port}: /anything and the closing line name the client. */
    private void throughProxyTheClientIsSeen(int port, int socklab) throws Exception {
        try (LogCapture log = LogCapture.socklab()) {
            JsonNode anything = JSON.readTree(curl("--interface", CLIENT, "http://" + PROXY + ":" + port + "/anything"));
            assertThat(anything.get("client").get("address").asString()).isEqualTo(CLIENT);
            int clientPort = anything.get("client").get("port").asInt();
            String line = log.awaitContaining("http#", " tcp " + CLIENT + ":" + clientPort + " via " + PROXY + ":",
                    " -> " + PROXY + ":" + socklab + " ");
            assertThat(line).doesNotContain("refused", "denied");
        }
    }

    private String curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Tools.require("curl"), "-sS", "--max-time", "10"));
        command.addAll(List.of(args));
        try (LabProgram curl = LabProgram.start(command)) {
            String out = curl.outputUntilExit(WAIT);
            assertThat(curl.exitCode()).as("curl exits 0; it printed:%n%s", out).isZero();
            return out;
        }
    }

    /** Starts a proxy and waits until it listens on {@code port}; it is ended after the test. */
    private void start(List<String> command, int port) throws IOException, InterruptedException {
        LabProgram program = LabProgram.start(command);
        proxies.add(program);
        Await.until(() -> listens(port) || exited(program), WAIT, command.getFirst() + " listening on " + port);
        if (exited(program)) {
            fail(command.getFirst() + " ended at once; it printed:\n" + program.outputUntilExit(WAIT));
        }
    }

    private static boolean exited(LabProgram program) {
        try {
            return program.waitFor(Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static boolean listens(int port) {
        try (Socket probe = new Socket(InetAddress.getByName(PROXY), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port free on the proxy's address now, for a proxy that cannot be told to take port 0 and say which it got. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(PROXY))) {
            return socket.getLocalPort();
        }
    }
}
