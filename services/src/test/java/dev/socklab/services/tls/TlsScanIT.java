package dev.socklab.services.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import dev.socklab.runtime.Limits;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.Tools;
import dev.socklab.tls.ServerTls;
import dev.socklab.trace.Tracer;

/**
 * testssl.sh against the http service's TLS port: protocols, cipher categories, forward secrecy,
 * the server's defaults and the known vulnerabilities, offline (no DNS, no OCSP or CRL fetched),
 * with no finding of severity HIGH or CRITICAL. A failsafe test, run once in {@code mvn verify}: about
 * a minute on a quiet machine.
 *
 * <p>The server has a certificate as a CA issues them, in a chain with its CA and with a CRL
 * address: testssl rates a certificate that names no way to revoke it HIGH, which a self-signed
 * development certificate ({@code socklab cert dev}) cannot help, and which says nothing of the
 * server.
 */
@Timeout(300)
class TlsScanIT {
    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void testsslFindsNothingHighOrCritical() throws Exception {
        Tools.require("testssl");
        Tools.require("openssl");
        ServerTls tls = ServerTls.load(new ServerTls.KeyFiles(issueChain(), dir.resolve("key.pem"), Optional.empty()));
        InetSocketAddress http = CatalogOverTls.serve(servers, tls, "http", Limits.DEFAULTS, Tracer.off());
        Path json = dir.resolve("testssl.json");
        List<String> command = List.of("testssl", "--quiet", "--color", "0", "--warnings", "off", "--nodns", "none",
                "--ip", "127.0.0.1", "--add-ca", dir.resolve("ca.pem").toString(), "--openssl-timeout", "10",
                "--connect-timeout", "10", "--fast", "--jsonfile", json.toString(),
                "-p", "-s", "-f", "-S", "-U", "localhost:" + http.getPort());
        try (ToolProcess testssl = ToolProcess.start(command)) {
            testssl.awaitExit(Duration.ofMinutes(4));
            List<String> severe = new ArrayList<>();
            JsonNode findings = new ObjectMapper().readTree(json.toFile());
            for (JsonNode finding : findings) {
                String severity = finding.path("severity").asText();
                if (severity.equals("HIGH") || severity.equals("CRITICAL")) {
                    severe.add(severity + " " + finding.path("id").asText() + ": " + finding.path("finding").asText());
                }
            }
            assertThat(findings.size()).as("%s", testssl).isGreaterThan(10);
            assertThat(severe).as("%s", testssl).isEmpty();
        }
    }

    /** A CA, and a certificate for localhost it issued with a CRL address; the chain (leaf first) in a file, as --tls-cert takes it. */
    private Path issueChain() throws Exception {
        Files.writeString(dir.resolve("leaf.ext"), """
                subjectAltName = DNS:localhost, IP:127.0.0.1
                basicConstraints = critical, CA:FALSE
                keyUsage = critical, digitalSignature
                extendedKeyUsage = serverAuth
                crlDistributionPoints = URI:http://127.0.0.1:9/socklab-test-ca.crl
                """);
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "365",
                "-subj", "/CN=socklab test CA", "-keyout", "ca.key", "-out", "ca.pem",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-subj", "/CN=localhost", "-keyout", "key.pem", "-out", "leaf.csr");
        openssl("x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "365", "-sha256", "-extfile", "leaf.ext", "-out", "leaf.pem");
        return Files.writeString(dir.resolve("chain.pem"),
                Files.readString(dir.resolve("leaf.pem")) + Files.readString(dir.resolve("ca.pem")));
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.out").toFile()).start();
        assertThat(process.waitFor()).as("%s: %s", command, Files.readString(dir.resolve("openssl.out"))).isZero();
    }
}
