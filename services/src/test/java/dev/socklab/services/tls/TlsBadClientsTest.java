package dev.socklab.services.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import javax.net.ssl.SSLEngine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.runtime.Limits;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.TestCertificates;
import dev.socklab.testing.Tools;
import dev.socklab.trace.Tracer;

/**
 * Clients that speak no TLS, or not all of it, to the http service's TLS port: garbage, a
 * ClientHello cut short, plain HTTP. Each is closed with nothing a browser could take for a
 * page, and curl is served over TLS right after.
 */
@Timeout(30)
class TlsBadClientsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Long enough for curl's handshake with a cold server on a loaded machine, short enough to wait out. */
    private static final Duration FIRST_REQUEST = Duration.ofSeconds(2);

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();
    TestCertificates pair;
    InetSocketAddress http;

    private InetSocketAddress serveHttp() {
        pair = TestCertificates.in(dir);
        http = CatalogOverTls.serve(servers, pair.serverTls(), "http", Limits.DEFAULTS.withFirstRequestTimeout(FIRST_REQUEST),
                Tracer.off());
        return http;
    }

    @Test
    void garbageIsClosedWithNoPage() throws Exception {
        try (LogCapture log = LogCapture.socklab(); RawClient client = RawClient.connect(serveHttp())) {
            byte[] garbage = new byte[300];
            new Random(15).nextBytes(garbage);
            garbage[0] = 'G'; // not 22, a handshake record: no TLS peer starts like this
            client.send(garbage);
            assertNoPage(client.readAllBytes(WAIT));
            log.awaitContaining("http#1 tls", "TLS handshake failed");
        }
        curlIsServed();
    }

    @Test
    void aClientHelloCutShortAndEndedIsClosed() throws Exception {
        try (LogCapture log = LogCapture.socklab(); RawClient client = RawClient.connect(serveHttp())) {
            client.send(Arrays.copyOf(clientHello(), 20));
            client.shutdownOutput();
            assertNoPage(client.readAllBytes(WAIT));
            log.awaitContaining("http#1 tls", "TLS handshake failed", "closed the connection during the TLS handshake");
        }
        curlIsServed();
    }

    @Test
    void aClientHelloCutShortAndLeftHangingIsClosedAtTheFirstRequestDeadline() throws Exception {
        try (LogCapture log = LogCapture.socklab(); RawClient client = RawClient.connect(serveHttp())) {
            client.send(Arrays.copyOf(clientHello(), 20));
            // http's clients may wait before their first request, but not in the middle of the handshake.
            assertThat(client.closedWithin(WAIT)).isTrue();
            assertThat(log.awaitContaining("http#1 tls", "timed out")).contains("no complete request within 2s");
        }
        curlIsServed();
    }

    @Test
    void plainHttpGetsNoPageFromJavaOrCurl() throws Exception {
        try (LogCapture log = LogCapture.socklab(); RawClient client = RawClient.connect(serveHttp())) {
            client.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertNoPage(client.readAllBytes(WAIT));
            log.awaitContaining("http#1 tls", "TLS handshake failed");
        }
        Tools.require("curl");
        try (ToolProcess curl = ToolProcess.start(List.of("curl", "-sS", "-i", "--max-time", "10",
                "http://127.0.0.1:" + http.getPort() + "/anything"))) {
            assertThat(curl.awaitExit(WAIT)).as("%s", curl).isNotZero();
            assertNoPage(curl.bytes());
        }
        curlIsServed();
    }

    /** Closed with at most a TLS alert: nothing that starts like an HTTP response, nothing of a page. */
    private static void assertNoPage(byte[] answer) {
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        assertThat(text).as("the answer").doesNotContain("HTTP/").doesNotContainIgnoringCase("<html");
        assertThat(answer.length == 0 || answer[0] == 21).as("empty or an alert record: %s", text).isTrue();
    }

    /** The ClientHello the JDK sends as a client, the bytes of a real one. */
    private byte[] clientHello() throws IOException {
        SSLEngine engine = pair.clientContext().createSSLEngine("localhost", http.getPort());
        engine.setUseClientMode(true);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        byte[] hello = Arrays.copyOf(out.array(), out.position());
        assertThat(hello).hasSizeGreaterThan(20);
        return hello;
    }

    /** The listener went on: curl, over TLS, gets the page. */
    private void curlIsServed() throws Exception {
        Tools.require("curl");
        try (ToolProcess curl = ToolProcess.start(List.of("curl", "-sS", "--max-time", "10", "--cacert",
                pair.certFile().toString(), "--resolve", "localhost:" + http.getPort() + ":127.0.0.1",
                "https://localhost:" + http.getPort() + "/anything"))) {
            assertThat(curl.awaitExit(WAIT)).as("%s", curl).isZero();
            assertThat(curl.output()).contains("\"path\" : \"/anything\"");
        }
    }
}
