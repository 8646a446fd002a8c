package dev.socklab.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Server;
import dev.socklab.service.StreamService;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.ServerUnderTest;

/**
 * A pair written over the files reaches new connections and leaves open ones alone; a broken one
 * is refused with one warning and the pair in use stays. The test looks at the files itself
 * ({@link ServerTls#reloadIfChanged()}), as the server does on an accept a second after its last look.
 */
@Timeout(30)
class ServerTlsReloadTest {
    /** Sends back each line it reads, until the client closes. */
    private static final StreamService ECHO_LINES = conn -> {
        for (Optional<String> line = conn.readLine(); line.isPresent(); line = conn.readLine()) {
            conn.writeLine(line.get());
        }
    };

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    private final DevCertificate first = DevCertificate.generate("first");
    private final DevCertificate second = DevCertificate.generate("second");
    private final DevCertificate third = DevCertificate.generate("third");
    private final SSLContext client = TlsClients.context(
            List.of(first.certificate(), second.certificate(), third.certificate()), null);
    /** Each write's modification time, a second past the last: the reload looks at sizes and times, and a write can keep both. */
    private Instant written = Instant.now();

    @Test
    void aNewPairReachesNewConnectionsOnlyAndABrokenOneIsRefusedOnceAndTheOldStays() throws IOException {
        write("cert.pem", first.certificatePem());
        write("key.pem", first.keyPem());
        ServerTls tls = ServerTls.load(new ServerTls.KeyFiles(dir.resolve("cert.pem"), dir.resolve("key.pem"),
                Optional.empty()));
        InetSocketAddress server = serve(tls);

        try (LogCapture log = LogCapture.socklab(); SSLSocket open = TlsClients.connect(client, server)) {
            assertThat(certificateOf(open)).isEqualTo(first.certificate());
            assertThat(talk(open, "before")).isEqualTo("before");

            write("cert.pem", second.certificatePem());
            write("key.pem", second.keyPem());
            tls.reloadIfChanged();
            assertThat(newConnectionsCertificate(server)).isEqualTo(second.certificate());
            assertThat(log.lines()).anyMatch(line -> line.startsWith("TLS certificate reloaded from ")
                    && line.contains("CN=second"));
            assertThat(talk(open, "during")).as("the connection open before the reload").isEqualTo("during");

            write("key.pem", third.keyPem()); // not second's key
            tls.reloadIfChanged();
            tls.reloadIfChanged();
            assertThat(newConnectionsCertificate(server)).isEqualTo(second.certificate());
            assertThat(log.warnings()).singleElement().asString()
                    .startsWith("TLS files changed but cannot be used, so the certificate in use stays:")
                    .contains("is not the key of the certificate");

            String whole = third.certificatePem();
            write("cert.pem", whole.substring(0, whole.length() / 2)); // a writer caught halfway
            tls.reloadIfChanged();
            tls.reloadIfChanged();
            assertThat(newConnectionsCertificate(server)).isEqualTo(second.certificate());
            assertThat(log.warnings()).hasSize(2);

            write("cert.pem", whole);
            tls.reloadIfChanged();
            assertThat(newConnectionsCertificate(server)).isEqualTo(third.certificate());
            assertThat(log.warnings()).hasSize(2);
            assertThat(talk(open, "after")).isEqualTo("after");
            assertThat(certificateOf(open)).isEqualTo(first.certificate());
        }
    }

    private InetSocketAddress serve(ServerTls tls) {
        Server server = servers.start(Server.builder().tls(tls)
                .stream("lines", ECHO_LINES, Endpoint.tls(new InetSocketAddress("127.0.0.1", 0))));
        return (InetSocketAddress) server.bindings().getFirst().endpoint().address();
    }

    private void write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        written = written.plusSeconds(1);
        Files.setLastModifiedTime(file, FileTime.from(written));
    }

    private X509Certificate newConnectionsCertificate(InetSocketAddress server) throws IOException {
        try (SSLSocket socket = TlsClients.connect(client, server)) {
            X509Certificate certificate = certificateOf(socket);
            assertThat(talk(socket, "new")).isEqualTo("new");
            return certificate;
        }
    }

    private static X509Certificate certificateOf(SSLSocket socket) throws IOException {
        socket.startHandshake();
        return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }

    private static String talk(SSLSocket socket, String line) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        // Not closed: closing the reader would close the socket, which the test goes on using.
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        return in.readLine();
    }
}
