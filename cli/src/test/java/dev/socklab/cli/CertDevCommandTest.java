package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Server;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.tls.ServerTls;

/** {@code socklab cert dev}: the two files, the key's mode, no overwriting unless forced, and a pair that serves TLS. */
@Timeout(30)
class CertDevCommandTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void writesTheCertificateAndAKeyOnlyItsOwnerCanReadAndSaysWhatToRunNext() throws IOException {
        Path out = dir.resolve("made/here");

        CommandRun run = CommandRun.of("cert", "dev", "--out", out.toString());

        assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
        Path cert = out.resolve("cert.pem");
        Path key = out.resolve("key.pem");
        assertThat(Files.readString(cert)).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(run.out().lines()).contains(
                "  socklab serve http:10443/tls --tls-cert " + cert + " --tls-key " + key,
                "  curl --cacert " + cert + " https://localhost:10443/anything");
        assertThat(run.out()).contains("wrote " + cert, "wrote " + key, "development only");
    }

    @Test
    void anExistingPairIsNotOverwrittenWithoutForce() throws IOException {
        Files.writeString(dir.resolve("key.pem"), "mine");

        CommandRun.of("cert", "dev", "--out", dir.toString())
                .failedWith(ExitCode.USAGE, dir.resolve("key.pem") + " already exists; --force replaces it");

        assertThat(Files.readString(dir.resolve("key.pem"))).isEqualTo("mine");
        assertThat(dir.resolve("cert.pem")).doesNotExist();
    }

    @Test
    void forceReplacesThePairAndTheKeyIsStillItsOwnersAlone() throws IOException {
        assertThat(CommandRun.of("cert", "dev", "--out", dir.toString()).exitCode()).isZero();
        String before = Files.readString(dir.resolve("cert.pem"));

        CommandRun run = CommandRun.of("cert", "dev", "--out", dir.toString(), "--force");

        assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
        assertThat(Files.readString(dir.resolve("cert.pem"))).isNotEqualTo(before);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("key.pem"))))
                .isEqualTo("rw-------");
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("cert.pem", "key.pem");
        }
    }

    @Test
    void aServerWithThePairIsTrustedForLocalhostByAClientThatTrustsCertPem() throws Exception {
        assertThat(CommandRun.of("cert", "dev", "--out", dir.toString()).exitCode()).isZero();
        ServerTls tls = ServerTls.load(new ServerTls.KeyFiles(dir.resolve("cert.pem"), dir.resolve("key.pem"),
                Optional.empty()));
        Server server = servers.start(Server.builder().tls(tls).stream("hello",
                conn -> conn.writeLine("hi"), Endpoint.tls(new InetSocketAddress("127.0.0.1", 0))));
        InetSocketAddress bound = (InetSocketAddress) server.bindings().getFirst().endpoint().address();

        try (SSLSocket client = (SSLSocket) trusting(dir.resolve("cert.pem")).getSocketFactory()
                .createSocket(bound.getAddress(), bound.getPort())) {
            // As curl checks https://localhost: the certificate must name the host.
            SSLParameters parameters = client.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            parameters.setServerNames(List.of(new SNIHostName("localhost")));
            client.setSSLParameters(parameters);
            client.setSoTimeout((int) Duration.ofSeconds(5).toMillis());
            client.startHandshake();
            InputStream in = client.getInputStream();
            assertThat(new String(in.readNBytes(2), StandardCharsets.US_ASCII)).isEqualTo("hi");
        }
    }

    @Test
    void theNextCommandsQuoteAPathTheShellWouldSplit() {
        assertThat(CertDevCommand.shellWord(Path.of("/tmp/my certs/cert.pem"))).isEqualTo("'/tmp/my certs/cert.pem'");
        assertThat(CertDevCommand.shellWord(Path.of("/tmp/it's/cert.pem"))).isEqualTo("'/tmp/it'\\''s/cert.pem'");
        assertThat(CertDevCommand.shellWord(Path.of("/tmp/tls/cert.pem"))).isEqualTo("/tmp/tls/cert.pem");
    }

    private static SSLContext trusting(Path certFile) throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream pem = Files.newInputStream(certFile)) {
            trusted.setCertificateEntry("dev", (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(pem));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
