package dev.socklab.services.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Server;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.TestCertificates;

/** The http service over TLS: ALPN settles http/1.1, and /anything shows the session, only over TLS. */
@Timeout(30)
class HttpTlsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void aClientOfferingH2AndHttp11GetsHttp11AndAnythingShowsTheSession() throws IOException {
        TestCertificates pair = TestCertificates.in(dir);
        Server server = servers.start(Server.builder().tls(pair.serverTls()).stream("http",
                HttpService.of(HttpSettings.defaults()), Endpoint.tls(new InetSocketAddress("127.0.0.1", 0))));
        InetSocketAddress bound = (InetSocketAddress) server.bindings().getFirst().endpoint().address();

        try (SSLSocket socket = (SSLSocket) pair.clientContext().getSocketFactory()
                .createSocket(bound.getAddress(), bound.getPort())) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName("localhost")));
            parameters.setApplicationProtocols(new String[] {"h2", "http/1.1"});
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(5000);
            socket.startHandshake();
            assertThat(socket.getApplicationProtocol()).isEqualTo("http/1.1");

            JsonNode anything = JSON.readTree(get(socket, "/anything"));

            JsonNode tls = anything.get("tls");
            assertThat(tls.get("version").asString()).isEqualTo(socket.getSession().getProtocol());
            assertThat(tls.get("cipher").asString()).isEqualTo(socket.getSession().getCipherSuite());
            assertThat(tls.get("sni").asString()).isEqualTo("localhost");
            assertThat(tls.get("alpn").asString()).isEqualTo("http/1.1");
            assertThat(tls.has("client")).as("no client certificate was asked for").isFalse();
            assertThat(anything.has("via")).as("no PROXY header named the client").isFalse();
            assertThat(anything.get("client").get("address").asString()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void plainAnythingHasNoTlsAndNoVia() throws Exception {
        Server server = servers.start(Server.builder().stream("http", HttpService.of(HttpSettings.defaults()),
                Endpoint.tcp(new InetSocketAddress("127.0.0.1", 0))));
        try (HttpClientSocket c = HttpClientSocket.connect(server.bindings().getFirst().endpoint())) {
            JsonNode anything = JSON.readTree(c.send("GET /anything HTTP/1.1\r\nHost: h\r\n\r\n").response("GET").body());

            assertThat(anything.has("tls")).isFalse();
            assertThat(anything.has("via")).isFalse();
            assertThat(anything.has("client")).isTrue();
        }
    }

    /** The body of {@code GET target}, sent with {@code Connection: close} and read to the end. */
    private static String get(SSLSocket socket, String target) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(response).startsWith("HTTP/1.1 200 ");
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }
}
