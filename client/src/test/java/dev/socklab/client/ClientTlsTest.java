package dev.socklab.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObjectGenerator;
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
import dev.socklab.testing.ScriptedServer;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.TestCertificates;
import dev.socklab.tls.DevCertificate;
import dev.socklab.tls.ServerTls;
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
    void aCleanCloseSendsCloseNotifySoTheServerReadsACleanEndNotATruncation() throws Exception {
        pair = TestCertificates.in(dir);
        try (PythonServer server = PythonServer.start(PythonServer.TLS_END.formatted(pair.certFile(), pair.keyFile()), dir)) {
            // The server tells the two apart: a TLS socket whose TCP connection just closes is a truncation.
            try (Socket raw = new Socket("127.0.0.1", server.port())) {
                SSLSocket cut = (SSLSocket) pair.clientContext().getSocketFactory()
                        .createSocket(raw, "localhost", server.port(), false);
                cut.getOutputStream().write("hello".getBytes(StandardCharsets.UTF_8));
                cut.getOutputStream().flush();
            }
            assertThat(server.nextLine()).isEqualTo("truncated");

            TraceLines trace = new TraceLines();
            ClientConnection conn = connect("127.0.0.1", server.port(), trace.tracer());
            conn.startTls(trustingThePair(), Host.parse("localhost"), TIMEOUT);
            conn.write("hello".getBytes(StandardCharsets.UTF_8));
            conn.close();
            assertThat(server.nextLine()).isEqualTo("clean");
            assertThat(trace.lines()).anyMatch(line -> line.endsWith("SSL_shutdown()"));
        }
    }

    @Test
    void aCloseAfterAFailedCallIsAbruptWithNoCloseNotify() throws Exception {
        pair = TestCertificates.in(dir);
        try (PythonServer server = PythonServer.start(PythonServer.TLS_END.formatted(pair.certFile(), pair.keyFile()), dir)) {
            TraceLines trace = new TraceLines();
            ClientConnection conn = connect("127.0.0.1", server.port(), trace.tracer());
            conn.startTls(trustingThePair(), Host.parse("localhost"), TIMEOUT);
            conn.write("reset".getBytes(StandardCharsets.UTF_8));
            ByteBuffer answer = ByteBuffer.allocate(100);
            assertThatThrownBy(() -> conn.read(answer, TIMEOUT)).isInstanceOf(IOException.class);
            conn.close();
            assertThat(trace.lines()).noneMatch(line -> line.contains("SSL_shutdown")).last().asString().endsWith("close()");
        }
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
    void aCertificateNoneOfTheGivenCasSignedIsRefusedSayingSo() throws Exception {
        int port = serveEchoOverTls("127.0.0.1");
        ClientTls another = ClientTls.trusting(List.of(DevCertificate.generate("localhost").certificate()));
        try (ClientConnection conn = connect("localhost", port, Tracer.off())) {
            assertThatThrownBy(() -> conn.startTls(another, Host.parse("localhost"), TIMEOUT))
                    .isInstanceOf(CertificateRefusedException.class)
                    .hasMessageEndingWith(") is not signed by any of the CAs given");
        }
    }

    @Test
    void anExpiredCertificateIsRefusedWithItsDate() throws Exception {
        Instant end = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        Server server = servers.start(Server.builder().tls(expiredTls(end))
                .stream("echo", new EchoService(), Endpoint.tls(new InetSocketAddress("127.0.0.1", 0))));
        int port = ((InetSocketAddress) server.bindings().getFirst().endpoint().address()).getPort();
        try (ClientConnection conn = connect("localhost", port, Tracer.off())) {
            assertThatThrownBy(() -> conn.startTls(ClientTls.trustingTheJdksCas(), Host.parse("localhost"), TIMEOUT))
                    .isInstanceOfSatisfying(CertificateRefusedException.class, e -> assertThat(e.reason())
                            .isEqualTo(CertificateRefusedException.Reason.EXPIRED))
                    .hasMessage("the server's certificate expired at " + end);
        }
    }

    /** A server's TLS with a self-signed certificate for localhost whose validity ended at {@code end}. */
    private ServerTls expiredTls(Instant end) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        X500Name subject = new X500Name("CN=localhost");
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.ONE,
                Date.from(end.minus(Duration.ofDays(30))), Date.from(end), subject, keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        Path cert = dir.resolve("expired-cert.pem");
        Path key = dir.resolve("expired-key.pem");
        Files.writeString(cert, pem(certificate));
        Files.writeString(key, pem(new JcaPKCS8Generator(keys.getPrivate(), null)));
        return ServerTls.load(new ServerTls.KeyFiles(cert, key, Optional.empty()));
    }

    private static String pem(Object item) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            if (item instanceof PemObjectGenerator generator) {
                writer.writeObject(generator);
            } else {
                writer.writeObject(item);
            }
        }
        return text.toString();
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
    void anAlertAfterAPlaintextStageIsTakenForTlsNotForPlaintext() throws Exception {
        // As after FTP's AUTH TLS: a plaintext reply, then the server's fatal handshake_failure alert.
        byte[] alert = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28};
        try (ScriptedServer server = ScriptedServer.start(client -> {
            client.write(ByteBuffer.wrap("234 Proceed\r\n".getBytes(StandardCharsets.US_ASCII)));
            client.read(ByteBuffer.allocate(4096));
            client.write(ByteBuffer.wrap(alert));
        });
                ClientConnection conn = connect("127.0.0.1", server.port(), Tracer.off())) {
            assertThat(conn.readToEof(13, TIMEOUT)).asString(StandardCharsets.US_ASCII).isEqualTo("234 Proceed\r\n");
            assertThatThrownBy(() -> conn.startTls(ClientTls.unchecked(), Host.parse("127.0.0.1"), TIMEOUT))
                    .hasMessageStartingWith("the TLS handshake failed: ")
                    .hasMessageContaining("handshake_failure");
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
