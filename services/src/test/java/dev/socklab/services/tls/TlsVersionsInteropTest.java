package dev.socklab.services.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.socklab.testing.LogCapture;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.TestCertificates;
import dev.socklab.testing.Tools;

/**
 * What the TLS endpoint accepts, told by {@code openssl s_client}: TLS 1.3 and 1.2 and nothing
 * older, no renegotiation a client starts, ALPN {@code http/1.1} on the http service, and the
 * SNI name on the connection's closing line.
 */
@Timeout(30)
class TlsVersionsInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();
    TestCertificates pair;

    @BeforeEach
    void requireOpenssl() {
        Tools.require("openssl");
        pair = TestCertificates.in(dir);
    }

    private ToolProcess sClient(InetSocketAddress server, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect",
                server.getHostString() + ":" + server.getPort(), "-CAfile", pair.certFile().toString(),
                "-verify_return_error"));
        command.addAll(List.of(options));
        return ToolProcess.start(command);
    }

    @Test
    void tls11IsRefusedAtTheHandshakeAndTheListenerGoesOn() throws Exception {
        try (LogCapture log = LogCapture.socklab()) {
            InetSocketAddress hello = CatalogOverTls.serve(servers, pair, "hello");
            // SECLEVEL=0: OpenSSL 3 would not offer TLS 1.1 itself otherwise, and the server would not be asked.
            try (ToolProcess old = sClient(hello, "-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0", "-quiet")) {
                assertThat(old.closeInput().awaitExit(WAIT)).as("%s", old).isNotZero();
                assertThat(old.output()).as("%s", old).doesNotContain("Hello");
                assertThat(old.errors()).contains("alert protocol version");
            }
            assertThat(log.awaitContaining("hello#1 tls", "TLS handshake failed")).contains("TLSv1.1");

            try (ToolProcess current = sClient(hello, "-tls1_3", "-quiet")) {
                current.closeInput().awaitExit(WAIT);
                assertThat(current.output()).isEqualTo("Hello World!\r\n");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1_2", "1_3"})
    void tls12And13AreAcceptedAndLogged(String version) throws Exception {
        try (LogCapture log = LogCapture.socklab()) {
            InetSocketAddress hello = CatalogOverTls.serve(servers, pair, "hello");
            try (ToolProcess client = sClient(hello, "-tls" + version, "-quiet")) {
                assertThat(client.closeInput().awaitExit(WAIT)).as("%s", client).isZero();
                assertThat(client.output()).isEqualTo("Hello World!\r\n");
            }
            assertThat(log.awaitContaining("hello#1 tls", "closed by"))
                    .contains("; TLSv" + version.replace('_', '.') + " TLS_");
        }
    }

    @Test
    void aTls12RenegotiationTheClientStartsIsRefusedAndLogged() throws Exception {
        try (LogCapture log = LogCapture.socklab()) {
            InetSocketAddress echo = CatalogOverTls.serve(servers, pair, "echo");
            // Not -quiet: a line "R" is s_client's command to renegotiate only while it reads commands.
            try (ToolProcess client = sClient(echo, "-tls1_2")) {
                client.send("before\n").awaitOutput("before\n");
                client.send("R\n");
                // The server ends the connection rather than renegotiate: s_client leaves on its own.
                client.awaitExit(WAIT);
                assertThat(client.errors()).as("%s", client).contains("RENEGOTIATING");
            }
            assertThat(log.awaitContaining("echo#1 tls", "enegotiation")).contains("TLSv1.2");
        }
    }

    @Test
    void theHttpServiceSelectsHttp11ByAlpnAndTheLineNamesItAndTheSniName() throws Exception {
        try (LogCapture log = LogCapture.socklab()) {
            InetSocketAddress http = CatalogOverTls.serve(servers, pair, "http");
            try (ToolProcess client = sClient(http, "-alpn", "h2,http/1.1", "-servername", "localhost")) {
                client.awaitOutput("ALPN protocol: http/1.1");
                client.send("GET /status/204 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
                client.awaitOutput("HTTP/1.1 204 No Content");
            }
            assertThat(log.awaitContaining("http#1 tls", " sni=localhost alpn=http/1.1")).contains("; TLSv1.3 TLS_");
        }
    }

    @Test
    void aServiceWithoutAlpnNamesLeavesItUnsettled() throws Exception {
        InetSocketAddress echo = CatalogOverTls.serve(servers, pair, "echo");
        try (ToolProcess client = sClient(echo, "-alpn", "http/1.1")) {
            client.awaitOutput("No ALPN negotiated");
        }
    }
}
