package dev.socklab.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.net.Family;
import dev.socklab.net.Host;
import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Server;
import dev.socklab.service.TlsSession;
import dev.socklab.services.echo.EchoService;
import dev.socklab.services.hello.HelloService;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.TestCertificates;
import dev.socklab.trace.Tracer;

/** A client over TLS to socklab's own services: plaintext through it, and each refusal in a sentence. */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClientTlsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    private TestCertificates pair;

    private int serveEchoOverTls(String address) {
        pair = TestCertificates.in(dir);
        Server server = servers.start(Server.builder().tls(pair.serverTls())
                .stream("echo", new EchoService(), Endpoint.tls(new InetSocketAddress(address, 0))));
        return ((InetSocketAddress) server.bindings().getFirst().endpoint().address()).getPort();
    }

    private ClientTls trustingThePair() {
        return ClientTls.trusting(List.of(pair.certificate().certificate()));
    }

    /** The dev certificate's subject, which is its issuer too, as the JDK writes it. */
    private String subject() {
        return pair.certificate().certificate().getSubjectX500Principal().getName();
    }

    private static ClientConnection connect(String host, int port, Tracer tracer) throws Exception {
        return ClientConnection.connect(Host.parse(host), port, Family.IPV4, TIMEOUT, tracer, "echo");
    }

    @Test
    void bytesComeBackExactlyOverTlsAndTheSessionIsTls13() throws Exception {
        int port = serveEchoOverTls("127.0.0.1");
        byte[] data = new byte[300 * 1024];
        new Random(15).nextBytes(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ClientConnection conn = connect("localhost", port, Tracer.off())) {
            TlsSession session = conn.startTls(trustingThePair(), Host.parse("localhost"), TIMEOUT);
            assertThat(session.protocol()).isEqualTo("TLSv1.3");
            assertThat(EchoClient.relay(conn, new ByteArrayInputStream(data), out, TIMEOUT)).isEqualTo(data.length);
        }
        assertThat(out.toByteArray()).isEqualTo(data);
    }

    @Test
    void theTraceShowsTheHandshakeInOneLineThenPlaintextNotRecords() throws Exception {
        int port = serveEchoOverTls("127.0.0.1");
        TraceLines trace = new TraceLines();
        try (ClientConnection conn = connect("localhost", port, trace.tracer())) {
            conn.startTls(trustingThePair(), Host.parse("localhost"), TIMEOUT);
            assertThat(LookupClient.lookup(conn, "hello", TIMEOUT)).isEqualTo("hello");
        }
        List<String> lines = trace.lines();
        assertThat(lines).noneMatch(line -> line.contains("recv(") || line.contains("send("));
        assertThat(lines).filteredOn(line -> line.contains("SSL_")).map(line -> line.substring(line.indexOf("SSL_")))
                .first().asString().startsWith("SSL_connect() = TLSv1.3 TLS_").contains("sni=localhost")
                .contains("server=\"" + subject() + "\"");
        assertThat(lines).anyMatch(line -> line.endsWith("SSL_write(6) = 6 \"hello\\n\""))
                .anyMatch(line -> line.contains("SSL_read(") && line.contains("\"hello"));
    }

    @Test
    void aCertificateNoTrustedCaSignedIsRefusedSayingSo() throws Exception {
        int port = serveEchoOverTls("127.0.0.1");
        TraceLines trace = new TraceLines();
        try (ClientConnection conn = connect("localhost", port, trace.tracer())) {
            assertThatThrownBy(() -> conn.startTls(ClientTls.trustingTheJdksCas(), Host.parse("localhost"), TIMEOUT))
                    .isInstanceOfSatisfying(CertificateRefusedException.class, e -> assertThat(e.reason())
                            .isEqualTo(CertificateRefusedException.Reason.UNTRUSTED))
                    .hasMessage("the server's certificate (issued by \"" + subject() + "\") is not signed by any of"
                            + " the JDK's trusted CAs");
        }
        assertThat(trace.lines()).anyMatch(line -> line.endsWith("SSL_connect() = failed: the server's certificate"
                + " (issued by \"" + subject() + "\") is not signed by any of the JDK's trusted CAs"));
    }

    @Test
    void aCertificateForOtherNamesIsRefusedNamingThem() throws Exception {
        // 127.0.0.2 is loopback too on Linux, and the certificate names 127.0.0.1, not it.
        int port = serveEchoOverTls("127.0.0.2");
        try (ClientConnection conn = connect("127.0.0.2", port, Tracer.off())) {
            assertThatThrownBy(() -> conn.startTls(trustingThePair(), Host.parse("127.0.0.2"), TIMEOUT))
                    .isInstanceOfSatisfying(CertificateRefusedException.class, e -> assertThat(e.reason())
                            .isEqualTo(CertificateRefusedException.Reason.WRONG_NAME))
                    .hasMessage("the server's certificate is for localhost, 127.0.0.1, ::1, not 127.0.0.2");
        }
    }

    @Test
    void uncheckedTlsTakesAnyCertificateAndTheTraceSaysSo() throws Exception {
        int port = serveEchoOverTls("127.0.0.2");
        TraceLines trace = new TraceLines();
        try (ClientConnection conn = connect("127.0.0.2", port, trace.tracer())) {
            conn.startTls(ClientTls.unchecked(), Host.parse("127.0.0.2"), TIMEOUT);
            assertThat(LookupClient.lookup(conn, "anyone", TIMEOUT)).isEqualTo("anyone");
        }
        assertThat(trace.lines()).anyMatch(line -> line.contains("SSL_connect() = TLSv1.3 ")
                && line.endsWith("(not checked)") && !line.contains("sni="));
    }

    @Test
    void aServerThatNeverAnswersTheHandshakeTimesOut() throws Exception {
        try (ServerSocketChannel silent = ServerSocketChannel.open()) {
            // Never accepted: the system completes the connection, and nothing ever answers.
            silent.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) silent.getLocalAddress()).getPort();
            try (ClientConnection conn = connect("127.0.0.1", port, Tracer.off())) {
                assertThatThrownBy(() -> conn.startTls(ClientTls.unchecked(), Host.parse("127.0.0.1"),
                        Duration.ofMillis(300)))
                        .isInstanceOf(SocketTimeoutException.class)
                        .hasMessage("no answer to the TLS handshake within 300ms: does the server speak TLS on this"
                                + " port?");
            }
        }
    }

    @Test
    void aServerWithoutTlsIsToldApart() throws Exception {
        Endpoint hello = servers.stream("hello", new HelloService("Hello World!"),
                Endpoint.tcp(new InetSocketAddress("127.0.0.1", 0)));
        int port = ((InetSocketAddress) hello.address()).getPort();
        try (ClientConnection conn = connect("127.0.0.1", port, Tracer.off())) {
            assertThatThrownBy(() -> conn.startTls(ClientTls.unchecked(), Host.parse("127.0.0.1"), TIMEOUT))
                    .hasMessage("the server answered without TLS: it does not speak TLS on this port");
        }
    }
}
