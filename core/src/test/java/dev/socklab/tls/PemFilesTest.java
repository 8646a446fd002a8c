package dev.socklab.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Server;
import dev.socklab.runtime.SettingException;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.Tools;

/**
 * Keys and certificates as the openssl command line writes them, each form --tls-key takes: a
 * server made from them completes a handshake with a client that trusts the certificate.
 */
@Timeout(60)
class PemFilesTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "RSA, PKCS#1      | genrsa -traditional -out key.pem 2048           | RSA PRIVATE KEY",
        "RSA, PKCS#8      | genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out key.pem | PRIVATE KEY",
        "EC P-256, SEC1   | ecparam -name prime256v1 -genkey -noout -out key.pem | EC PRIVATE KEY",
        "EC P-384, PKCS#8 | genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out key.pem | PRIVATE KEY",
    })
    void everyKeyFormOpensslWritesServesAHandshake(String form, String keyCommand, String pemLabel) throws Exception {
        openssl(keyCommand.trim().split(" +"));
        assertThat(Files.readString(dir.resolve("key.pem"))).startsWith("-----BEGIN " + pemLabel.trim() + "-----");
        openssl("req", "-x509", "-key", "key.pem", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
                "-days", "2", "-out", "cert.pem");

        ServerTls tls = ServerTls.load(new ServerTls.KeyFiles(dir.resolve("cert.pem"), dir.resolve("key.pem"), Optional.empty()));
        Server server = servers.start(Server.builder().tls(tls)
                .stream("greet", conn -> conn.writeLine("hi"), Endpoint.tls(new InetSocketAddress("127.0.0.1", 0))));
        InetSocketAddress bound = (InetSocketAddress) server.bindings().getFirst().endpoint().address();
        try (SSLSocket client = TlsClients.connect(TlsClients.context(List.of(tls.certificate()), null), bound)) {
            assertThat(new String(client.getInputStream().readNBytes(4), StandardCharsets.US_ASCII)).isEqualTo("hi\r\n");
        }
    }

    @Test
    void anEncryptedKeyIsRefusedWithTheCommandThatDecryptsIt() throws Exception {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-aes256", "-pass", "pass:secret",
                "-out", "key.pem");

        assertThatThrownBy(() -> PemFiles.privateKey(dir.resolve("key.pem"), "--tls-key"))
                .isInstanceOf(SettingException.class).hasMessageContaining("the key is encrypted")
                .hasMessageContaining("openssl pkey");
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefusedBeforeAnyHandshake() throws Exception {
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "key.pem");
        openssl("req", "-x509", "-key", "key.pem", "-subj", "/CN=localhost", "-days", "2", "-out", "cert.pem");
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "other.pem");

        assertThatThrownBy(() -> ServerTls.load(new ServerTls.KeyFiles(dir.resolve("cert.pem"), dir.resolve("other.pem"),
                Optional.empty()))).isInstanceOf(SettingException.class).hasMessageContaining("is not the key of the certificate");
    }

    /** Runs the openssl command line in this test's directory and waits for it to succeed. */
    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Tools.require("openssl")));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("openssl %s finished", command).isTrue();
        assertThat(process.exitValue()).as("openssl %s: %s", command, output).isZero();
    }
}
