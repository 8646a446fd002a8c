package dev.socklab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.tls.DevCertificate;

/** serve's TLS flags: each mistake is one sentence and exit code 2, said before anything is bound. */
@Timeout(30)
class ServeTlsOptionsTest {
    @TempDir
    Path dir;

    @Test
    void aTlsEndpointWithoutACertificateAsksForOne() {
        CommandRun.of("serve", "http:0/tls")
                .failedWith(ExitCode.USAGE, "http:0/tls needs a certificate and its key: --tls-cert FILE --tls-key FILE",
                        "socklab cert dev");
    }

    @Test
    void aCertificateWithoutItsKeyIsRefused() throws IOException {
        Path cert = pair().resolve("cert.pem");

        CommandRun.of("serve", "http:0/tls", "--tls-cert", cert.toString())
                .failedWith(ExitCode.USAGE, "--tls-cert and --tls-key go together");
    }

    @Test
    void aKeyWithoutItsCertificateIsRefused() throws IOException {
        Path key = pair().resolve("key.pem");

        CommandRun.of("serve", "http:0/tls", "--tls-key", key.toString())
                .failedWith(ExitCode.USAGE, "--tls-cert and --tls-key go together");
    }

    @Test
    void aClientCaWithoutTheServersPairIsRefused() throws IOException {
        Path cert = pair().resolve("cert.pem");

        CommandRun.of("serve", "http:0/tls", "--tls-client-ca", cert.toString())
                .failedWith(ExitCode.USAGE, "--tls-client-ca needs the server's own pair too");
    }

    @Test
    void aPairWithNoTlsEndpointToServeSaysHowToNameOne() throws IOException {
        Path pair = pair();

        CommandRun.of("serve", "http:0", "--tls-cert", pair.resolve("cert.pem").toString(),
                        "--tls-key", pair.resolve("key.pem").toString())
                .failedWith(ExitCode.USAGE, "neither is served; add one, as http:10443/tls");
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        Path pair = pair();

        CommandRun.of("serve", "http:0/tls", "--tls-cert", dir.resolve("nope.pem").toString(),
                        "--tls-key", pair.resolve("key.pem").toString())
                .failedWith(ExitCode.USAGE, "--tls-cert " + dir.resolve("nope.pem") + ": no such file");
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefused() throws IOException {
        Path pair = pair();
        Files.writeString(pair.resolve("other.pem"), DevCertificate.generate("localhost").keyPem());

        CommandRun.of("serve", "http:0/tls", "--tls-cert", pair.resolve("cert.pem").toString(),
                        "--tls-key", pair.resolve("other.pem").toString())
                .failedWith(ExitCode.USAGE, "is not the key of the certificate in --tls-cert");
    }

    @Test
    void aUnixSocketTakesNoTls() {
        CommandRun.of("serve", "http:unix:" + dir.resolve("h.sock") + "/tls")
                .failedWith(ExitCode.USAGE, "a Unix socket path takes no /tcp, /udp or /tls");
    }

    private Path pair() throws IOException {
        DevCertificate pair = DevCertificate.generate("localhost");
        Files.writeString(dir.resolve("cert.pem"), pair.certificatePem());
        Files.writeString(dir.resolve("key.pem"), pair.keyPem());
        return dir;
    }
}
