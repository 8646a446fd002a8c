package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.testing.LabProgram;
import dev.socklab.testing.Tools;
import dev.socklab.tls.DevCertificate;

/**
 * TLS as a user meets it, through {@code ./socklab}: {@code cert dev}, then {@code serve} with a
 * {@code /tls} endpoint and the pair, then curl with {@code --cacert}, as the README's three
 * commands do (on ports the system picks, and with curl pointed at 127.0.0.1 for localhost).
 */
@Timeout(90)
class ServeTlsIT {
    private static final Duration START = Duration.ofSeconds(20);
    private static final Duration SOON = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void certDevThenServeOverTlsAnswersCurlWithTheVersionAndCipherOverHttp11() throws Exception {
        String curl = Tools.require("curl");
        Path tls = dir.resolve("tls");
        try (Launched cert = Launched.socklab("cert", "dev", "--out", tls.toString())) {
            assertThat(cert.exitWithin(START)).as("cert dev; stderr: %s", cert.err()).isZero();
        }
        try (Launched server = Launched.socklab("serve", "http:0", "http:0/tls", "--ipv4-only",
                "--tls-cert", tls.resolve("cert.pem").toString(), "--tls-key", tls.resolve("key.pem").toString())) {
            int port = server.boundPort("http", "tls", "127.0.0.1");
            int plainPort = server.boundPort("http", "tcp", "127.0.0.1");
            assertThat(server.outLines()).anyMatch(line -> line.matches("http\\s+tls\\s+127\\.0\\.0\\.1:" + port))
                    .anyMatch(line -> line.startsWith("TLS certificate: O=socklab development,CN=localhost, valid until "));

            List<String> answer = run(curl, "-sS", "--cacert", tls.resolve("cert.pem").toString(),
                    "--resolve", "localhost:" + port + ":127.0.0.1", "--write-out", "\\n%{http_version}\\n",
                    "https://localhost:" + port + "/anything");
            assertThat(answer.getLast()).as("the HTTP version curl settled on").isEqualTo("1.1");
            JsonNode session = JSON.readTree(String.join("\n", answer.subList(0, answer.size() - 1))).get("tls");
            assertThat(session.get("version").asString()).isIn("TLSv1.3", "TLSv1.2");
            assertThat(session.get("cipher").asString()).startsWith("TLS_");
            assertThat(session.get("sni").asString()).isEqualTo("localhost");
            assertThat(session.get("alpn").asString()).isEqualTo("http/1.1");
            assertThat(server.awaitLine(line -> line.contains("http#") && line.contains(" tls 127.0.0.1:"), SOON))
                    .contains("; TLSv1.", "sni=localhost alpn=http/1.1");

            List<String> plain = run(curl, "-sS", "http://127.0.0.1:" + plainPort + "/anything");
            assertThat(String.join("\n", plain)).contains("\"client\"").doesNotContain("\"tls\"");
        }
    }

    @Test
    void withAClientCaOnlyAClientWithItsCertificateGetsInAndItsSubjectIsShown() throws Exception {
        String curl = Tools.require("curl");
        Path tls = dir.resolve("tls");
        try (Launched cert = Launched.socklab("cert", "dev", "--out", tls.toString())) {
            assertThat(cert.exitWithin(START)).as("cert dev; stderr: %s", cert.err()).isZero();
        }
        DevCertificate alice = DevCertificate.generate("alice");
        Path aliceCert = Files.writeString(dir.resolve("alice.pem"), alice.certificatePem());
        Path aliceKey = Files.writeString(dir.resolve("alice-key.pem"), alice.keyPem());
        try (Launched server = Launched.socklab("serve", "http:0/tls", "--ipv4-only",
                "--tls-cert", tls.resolve("cert.pem").toString(), "--tls-key", tls.resolve("key.pem").toString(),
                "--tls-client-ca", aliceCert.toString())) {
            int port = server.boundPort("http", "tls", "127.0.0.1");
            List<String> common = List.of(curl, "-sS", "--cacert", tls.resolve("cert.pem").toString(),
                    "--resolve", "localhost:" + port + ":127.0.0.1", "https://localhost:" + port + "/anything");

            try (LabProgram refused = LabProgram.start(common)) {
                refused.outputUntilExit(SOON);
                assertThat(refused.exitCode()).as("curl without a client certificate").isNotZero();
            }
            assertThat(server.awaitLine(line -> line.contains("TLS handshake failed"), SOON)).contains("http#1 tls");

            List<String> withCertificate = new ArrayList<>(common);
            withCertificate.addAll(1, List.of("--cert", aliceCert.toString(), "--key", aliceKey.toString()));
            JsonNode session = JSON.readTree(String.join("\n", run(withCertificate.toArray(String[]::new)))).get("tls");
            assertThat(session.get("client").asString()).isEqualTo("O=socklab development,CN=alice");
            assertThat(server.awaitLine(line -> line.contains("http#2 tls"), SOON))
                    .contains("client=\"O=socklab development,CN=alice\"");
        }
    }

    /** What {@code command} prints, line by line, once it has exited 0. */
    private static List<String> run(String... command) throws Exception {
        try (LabProgram program = LabProgram.start(List.of(command))) {
            String output = program.outputUntilExit(SOON);
            assertThat(program.exitCode()).as("%s: %s", String.join(" ", command), output).isZero();
            return output.lines().toList();
        }
    }
}
