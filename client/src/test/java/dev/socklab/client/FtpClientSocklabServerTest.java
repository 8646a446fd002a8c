package dev.socklab.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.socklab.net.Family;
import dev.socklab.net.Host;
import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Server;
import dev.socklab.services.ftp.FtpAccount;
import dev.socklab.services.ftp.FtpService;
import dev.socklab.services.ftp.FtpSettings;
import dev.socklab.services.storage.FileRoot;
import dev.socklab.services.storage.UploadLimits;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;
import dev.socklab.testing.TestCertificates;
import dev.socklab.trace.Tracer;

/**
 * socklab's FTP client against socklab's own ftp service: implicit TLS ({@code ftps://}) on a
 * {@code /tls} endpoint, and active mode (PORT over IPv4, EPRT over IPv6) with {@code --ftp-active}.
 */
@Timeout(30)
class FtpClientSocklabServerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void implicitTlsOnATlsEndpointGetsPutsAndLists() throws IOException {
        Path root = root();
        TestCertificates pair = TestCertificates.in(Files.createDirectories(dir.resolve("tls")));
        InetSocketAddress server = serve(Server.builder().tls(pair.serverTls()), settings(root),
                Endpoint.tls(new InetSocketAddress("127.0.0.1", 0)));
        TraceLines trace = new TraceLines();
        try (FtpClient ftp = FtpClient.connectImplicit(Host.parse("localhost"), server.getPort(), Family.IPV4, TIMEOUT,
                trace.tracer(), trusting(pair))) {
            ftp.login("ada", "any");
            getPutAndList(ftp, root);
        }
        assertThat(trace.lines()).as("the handshake comes before the greeting, which arrives over TLS")
                .filteredOn(line -> line.contains("trace ftp ")
                        && (line.contains("SSL_connect()") || line.contains("220")))
                .first().asString().contains("SSL_connect() = TLS");
        assertThat(trace.lines()).filteredOn(line -> line.contains("ftp-data") && line.contains("SSL_connect() = TLS"))
                .hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void activeModeNamesItsPortWithPortOverIpv4AndEprtOverIpv6(String address) throws IOException {
        assumeTrue(!address.contains(":") || StreamTransport.hasIpv6Loopback(), "::1 is not configured here");
        Path root = root();
        InetSocketAddress server = serve(Server.builder(), settings(root).withActive(),
                Endpoint.tcp(new InetSocketAddress(address, 0)));
        TraceLines trace = new TraceLines();
        try (FtpClient ftp = FtpClient.connect(Host.parse(address), server.getPort(), Family.ANY, TIMEOUT,
                trace.tracer(), Optional.empty())) {
            ftp.useActiveMode();
            ftp.login("ada", "any");
            getPutAndList(ftp, root);
        }
        String named = address.contains(":") ? "> EPRT |2|::1|" : "> PORT 127,0,0,1,";
        assertThat(trace.lines()).filteredOn(line -> line.contains(named)).hasSize(3);
        assertThat(trace.lines()).noneMatch(line -> line.contains("> PASV") || line.contains("> EPSV"));
    }

    @Test
    void activeModeOverImplicitTlsRunsTheDataHandshakeAsTheTlsClient() throws IOException {
        Path root = root();
        TestCertificates pair = TestCertificates.in(Files.createDirectories(dir.resolve("tls")));
        InetSocketAddress server = serve(Server.builder().tls(pair.serverTls()), settings(root).withActive(),
                Endpoint.tls(new InetSocketAddress("127.0.0.1", 0)));
        try (FtpClient ftp = FtpClient.connectImplicit(Host.parse("localhost"), server.getPort(), Family.IPV4, TIMEOUT,
                Tracer.off(), trusting(pair))) {
            ftp.useActiveMode();
            ftp.login("ada", "any");
            getPutAndList(ftp, root);
        }
    }

    @Test
    void aServerWithoutActiveModeRefusesPortAndTheClientSaysWhatToTry() throws IOException {
        Path root = root();
        Files.writeString(root.resolve("a.txt"), "a");
        InetSocketAddress server = serve(Server.builder(), settings(root),
                Endpoint.tcp(new InetSocketAddress("127.0.0.1", 0)));
        try (FtpClient ftp = FtpClient.connect(Host.parse("127.0.0.1"), server.getPort(), Family.IPV4, TIMEOUT,
                Tracer.off(), Optional.empty())) {
            ftp.useActiveMode();
            ftp.login("ada", "any");
            assertThatThrownBy(() -> ftp.retrieve("a.txt", 0, new ByteArrayOutputStream(), TransferProgress.NONE))
                    .isInstanceOf(ServerRefusedException.class)
                    .hasMessageContaining("to PORT; the server may not serve active mode")
                    .hasMessageEndingWith("try passive mode (without --active)");
        }
    }

    @Test
    void anFtpsUrlToAPlainServerSaysItDoesNotSpeakTlsThere() throws IOException {
        TestCertificates pair = TestCertificates.in(Files.createDirectories(dir.resolve("tls")));
        InetSocketAddress server = serve(Server.builder(), settings(root()),
                Endpoint.tcp(new InetSocketAddress("127.0.0.1", 0)));
        assertThatThrownBy(() -> FtpClient.connectImplicit(Host.parse("localhost"), server.getPort(), Family.IPV4,
                TIMEOUT, Tracer.off(), trusting(pair)))
                .hasMessage("the server answered without TLS: it does not speak TLS on this port");
    }

    /** A get, a put and a listing, each checked on the server's disk or against it. */
    private static void getPutAndList(FtpClient ftp, Path root) throws IOException {
        byte[] file = random(300_000);
        Files.write(root.resolve("a.bin"), file);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        assertThat(ftp.retrieve("a.bin", 0, got, TransferProgress.NONE)).isEqualTo(file.length);
        assertThat(got.toByteArray()).isEqualTo(file);
        ftp.store("b.bin", new ByteArrayInputStream(file), file.length, false, TransferProgress.NONE);
        assertThat(root.resolve("b.bin")).hasBinaryContent(file);
        ByteArrayOutputStream names = new ByteArrayOutputStream();
        ftp.list(FtpClient.Listing.NAMES, "", names);
        assertThat(names.toString(StandardCharsets.UTF_8).lines().sorted().toList())
                .isEqualTo(List.of("a.bin", "b.bin"));
    }

    private InetSocketAddress serve(Server.Builder builder, FtpSettings settings, Endpoint endpoint) {
        return (InetSocketAddress) servers.start(builder.stream("ftp", new FtpService(settings), endpoint))
                .bindings().getFirst().endpoint().address();
    }

    /** Anyone may log in, with any password, and write. */
    private static FtpSettings settings(Path root) {
        return FtpSettings.of(FileRoot.of(root, "--ftp-root", UploadLimits.DEFAULTS),
                (user, password) -> Optional.of(new FtpAccount(user, true)));
    }

    private Path root() throws IOException {
        return Files.createDirectories(dir.resolve("root"));
    }

    private static ClientTls trusting(TestCertificates pair) {
        return ClientTls.trusting(List.of(pair.certificate().certificate()));
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }
}
