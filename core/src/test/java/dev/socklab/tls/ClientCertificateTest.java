package dev.socklab.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLSocket;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Server;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.TestCertificates;

/**
 * {@code --tls-client-ca}: a client whose certificate chains to the CA file (is it, or is signed by
 * it) is served and named on its line; one with no certificate, or another, fails the handshake.
 */
@Timeout(30)
class ClientCertificateTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    private final DevCertificate ca = DevCertificate.generate("lab ca");
    private TestCertificates server;

    private InetSocketAddress serveRequiringClientsOf(DevCertificate clientCa) throws IOException {
        server = TestCertificates.in(dir);
        Path caFile = dir.resolve("client-ca.pem");
        Files.writeString(caFile, clientCa.certificatePem());
        ServerTls tls = ServerTls.load(new ServerTls.KeyFiles(server.certFile(), server.keyFile(), Optional.of(caFile)));
        Server running = servers.start(Server.builder().tls(tls).stream("hello", conn -> conn.writeLine("hi"),
                Endpoint.tls(new InetSocketAddress("127.0.0.1", 0))));
        return (InetSocketAddress) running.bindings().getFirst().endpoint().address();
    }

    @Test
    void aClientWhoseCertificateIsTheCaIsServedAndItsSubjectIsOnTheLine() throws IOException {
        DevCertificate alice = DevCertificate.generate("alice");
        try (LogCapture log = LogCapture.socklab()) {
            InetSocketAddress address = serveRequiringClientsOf(alice);

            assertThat(firstLine(address, alice)).isEqualTo("hi");
            // As RFC 2253 writes a name: its last RDN first.
            assertThat(log.awaitContaining("hello#1 tls", "client=\"O=socklab development,CN=alice\""))
                    .contains("closed by server");
        }
    }

    @Test
    void aClientWhoseCertificateTheCaSignedIsServed() throws Exception {
        DevCertificate bob = signedBy(ca, "bob");
        try (LogCapture log = LogCapture.socklab()) {
            InetSocketAddress address = serveRequiringClientsOf(ca);

            assertThat(firstLine(address, bob)).isEqualTo("hi");
            assertThat(log.awaitContaining("hello#1 tls", "client=\"CN=bob\"")).isNotEmpty();
        }
    }

    @Test
    void aClientWithoutACertificateFailsTheHandshakeAndTheServiceNeverRuns() throws IOException {
        try (LogCapture log = LogCapture.socklab()) {
            InetSocketAddress address = serveRequiringClientsOf(ca);

            assertThat(firstLine(address, null)).isNull();
            assertThat(log.awaitContaining("hello#1 tls", "TLS handshake failed")).isNotEmpty();
        }
    }

    @Test
    void aClientWithACertificateOfAnotherCaFailsTheHandshake() throws IOException {
        try (LogCapture log = LogCapture.socklab()) {
            InetSocketAddress address = serveRequiringClientsOf(ca);

            assertThat(firstLine(address, DevCertificate.generate("mallory"))).isNull();
            assertThat(log.awaitContaining("hello#1 tls", "TLS handshake failed")).isNotEmpty();
        }
    }

    /**
     * The service's first line, or null when the connection failed: in TLS 1.3 the client's side
     * of the handshake is over before the server has looked at its certificate, so a refusal
     * shows on the first read.
     */
    private String firstLine(InetSocketAddress address, DevCertificate own) throws IOException {
        try (SSLSocket socket = TlsClients.connect(TlsClients.context(List.of(server.certificate().certificate()), own),
                address)) {
            InputStream in = socket.getInputStream();
            byte[] line;
            try {
                line = in.readNBytes(3);
            } catch (IOException refused) {
                return null;
            }
            return line.length == 3 ? new String(line, StandardCharsets.US_ASCII).strip() : null;
        }
    }

    /** A certificate for {@code CN=name} that {@code issuer} signed, with its own key. */
    private static DevCertificate signedBy(DevCertificate issuer, String name) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        Instant now = Instant.now();
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()),
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(1))), new X500Name("CN=" + name), pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.keyPair().getPrivate())));
        return new DevCertificate(certificate, pair);
    }
}
