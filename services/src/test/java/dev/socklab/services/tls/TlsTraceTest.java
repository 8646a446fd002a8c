package dev.socklab.services.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.runtime.Limits;
import dev.socklab.testing.Await;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.TestCertificates;
import dev.socklab.trace.Tracer;

/** A traced TLS connection shows the handshake's outcome, then the application bytes: plaintext, never records. */
@Timeout(20)
class TlsTraceTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void theTraceShowsTheHandshakeThenThePlaintext() throws Exception {
        TestCertificates pair = TestCertificates.in(dir);
        ByteArrayOutputStream traced = new ByteArrayOutputStream();
        InetSocketAddress echo = CatalogOverTls.serve(servers, pair.serverTls(), "echo", Limits.DEFAULTS,
                Tracer.printingTo(new PrintStream(traced, true, StandardCharsets.UTF_8)));
        try (SSLSocket client = (SSLSocket) pair.clientContext().getSocketFactory()
                .createSocket(echo.getAddress(), echo.getPort())) {
            client.setSoTimeout(10_000);
            OutputStream out = client.getOutputStream();
            out.write("plain over tls\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("plain over tls");
        }
        Await.until(() -> trace(traced).contains("echo#1     close()"), Duration.ofSeconds(5), "the connection's close() traced");

        List<String> lines = trace(traced).lines().filter(line -> line.contains("echo#1")).toList();
        int handshake = indexOf(lines, "TLS handshake: TLSv1.3 TLS_");
        int received = indexOf(lines, "\"plain over tls\\n\"");
        assertThat(handshake).as("%s", lines).isNotNegative().isLessThan(received);
        // Each read and write of the connection moved the service's plaintext: none shows a record's bytes.
        assertThat(lines).filteredOn(line -> line.contains(") = ") && line.contains("\""))
                .hasSizeGreaterThanOrEqualTo(2)
                .allMatch(line -> line.endsWith("\"plain over tls\\n\""), "plaintext");
        assertThat(trace(traced)).doesNotContain("\\x16\\x03", "\\x17\\x03");
    }

    private static String trace(ByteArrayOutputStream traced) {
        synchronized (traced) {
            return traced.toString(StandardCharsets.UTF_8);
        }
    }

    private static int indexOf(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }
}
