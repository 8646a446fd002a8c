package dev.socklab.services.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.TestCertificates;
import dev.socklab.testing.Tools;

/**
 * The clients a user tries first against a TLS port, trusting the development certificate by its
 * file: curl and wget on the http service, and a lab-style Python client (socket and ssl, as the
 * lab teaches them) reading the greeting and doing an echo round trip.
 */
@Timeout(60)
class HttpsClientsInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** The lab's client, its socket wrapped by Python's ssl module, which checks the certificate and the name. */
    private static final String LAB_CLIENT = """
            import socket, ssl, sys
            host, hello_port, echo_port, cafile = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
            context = ssl.create_default_context(cafile=cafile)

            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.connect((host, hello_port))
            tls = context.wrap_socket(s, server_hostname='localhost')
            print(tls.version())
            print(tls.recv(1024).decode(), end='')
            tls.close()

            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.connect((host, echo_port))
            tls = context.wrap_socket(s, server_hostname='localhost')
            tls.sendall(b'round trip\\n')
            print('echoed: ' + tls.recv(1024).decode(), end='')
            tls.close()
            """;

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();
    TestCertificates pair;

    @BeforeEach
    void certificate() {
        pair = TestCertificates.in(dir);
    }

    private String run(List<String> command) throws Exception {
        try (ToolProcess tool = ToolProcess.start(command)) {
            assertThat(tool.awaitExit(WAIT)).as("%s", tool).isZero();
            return tool.output() + tool.errors();
        }
    }

    @Test
    void curlGetsAnythingOverTls13WithAlpnHttp11() throws Exception {
        Tools.require("curl");
        InetSocketAddress http = CatalogOverTls.serve(servers, pair, "http");
        String out = run(List.of("curl", "-sS", "-v", "--max-time", "15", "--cacert", pair.certFile().toString(),
                "https://localhost:" + http.getPort() + "/anything?via=curl"));
        assertThat(out).contains("SSL certificate verify ok", "\"via\" : [ \"curl\" ]").containsPattern("TLSv1\\.3")
                .containsPattern("ALPN.*server accepted.*http/1\\.1");
    }

    @Test
    void wgetGetsAnythingOverTls() throws Exception {
        Tools.require("wget");
        InetSocketAddress http = CatalogOverTls.serve(servers, pair, "http");
        String out = run(List.of("wget", "-q", "-O", "-", "--timeout=15", "--tries=1",
                "--ca-certificate=" + pair.certFile(), "https://localhost:" + http.getPort() + "/anything?via=wget"));
        assertThat(out).contains("\"via\" : [ \"wget\" ]");
    }

    @Test
    void aLabStylePythonClientReadsTheGreetingAndGetsItsEcho() throws Exception {
        Tools.require("python3");
        InetSocketAddress hello = CatalogOverTls.serve(servers, pair, "hello");
        InetSocketAddress echo = CatalogOverTls.serve(servers, pair, "echo");
        Path script = Files.writeString(dir.resolve("lab_tls_client.py"), LAB_CLIENT);
        // Debian's own python3, whose ssl module is built against the system's OpenSSL.
        String out = run(List.of("/usr/bin/python3", "-u", script.toString(), "127.0.0.1",
                String.valueOf(hello.getPort()), String.valueOf(echo.getPort()), pair.certFile().toString()));
        assertThat(out).isEqualTo("TLSv1.3\nHello World!\r\nechoed: round trip\n");
    }
}
