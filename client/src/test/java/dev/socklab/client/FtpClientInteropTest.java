package dev.socklab.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.net.Family;
import dev.socklab.net.Host;
import dev.socklab.testing.TestCertificates;
import dev.socklab.testing.Vsftpd;
import dev.socklab.trace.Tracer;

/**
 * socklab's FTP client against Debian's vsftpd, run by the test on a free port of 127.0.0.1:
 * passive and active mode, explicit and implicit TLS, and TLS data connections that resume the
 * control connection's session, which vsftpd demands by default.
 */
@Timeout(60)
class FtpClientInteropTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void getsAFileByteForByte() throws IOException {
        Path root = root();
        byte[] file = random(700_000);
        Files.write(root.resolve("a.bin"), file);
        try (Vsftpd server = Vsftpd.start(dir, root, null); FtpClient ftp = anonymous(server, Optional.empty())) {
            assertThat(ftp.size("a.bin")).hasValue(file.length);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            assertThat(ftp.retrieve("a.bin", 0, got, TransferProgress.NONE)).isEqualTo(file.length);
            assertThat(got.toByteArray()).isEqualTo(file);
        }
    }

    @Test
    void restFetchesOnlyTheRest() throws IOException {
        Path root = root();
        byte[] file = random(100_000);
        Files.write(root.resolve("a.bin"), file);
        try (Vsftpd server = Vsftpd.start(dir, root, null); FtpClient ftp = anonymous(server, Optional.empty())) {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            ftp.retrieve("a.bin", 60_000, got, TransferProgress.NONE);
            assertThat(got.toByteArray()).isEqualTo(Arrays.copyOfRange(file, 60_000, file.length));
        }
    }

    @Test
    void putThenAppendMakeTheWholeFile() throws IOException {
        Path root = root();
        byte[] file = random(300_000);
        try (Vsftpd server = Vsftpd.start(dir, root, null); FtpClient ftp = anonymous(server, Optional.empty())) {
            ftp.store("up.bin", new ByteArrayInputStream(file, 0, 100_000), 100_000, false, TransferProgress.NONE);
            assertThat(ftp.size("up.bin")).hasValue(100_000);
            ftp.store("up.bin", new ByteArrayInputStream(file, 100_000, 200_000), 200_000, true, TransferProgress.NONE);
            assertThat(root.resolve("up.bin")).hasBinaryContent(file);
        }
    }

    @Test
    void listsNamesAndTheLongForm() throws IOException {
        Path root = root();
        Files.writeString(root.resolve("one.txt"), "1");
        Files.writeString(root.resolve("two.txt"), "22");
        try (Vsftpd server = Vsftpd.start(dir, root, null); FtpClient ftp = anonymous(server, Optional.empty())) {
            ByteArrayOutputStream names = new ByteArrayOutputStream();
            ftp.list(FtpClient.Listing.NAMES, "", names);
            assertThat(names.toString(StandardCharsets.UTF_8).lines().sorted().toList())
                    .isEqualTo(List.of("one.txt", "two.txt"));
            ByteArrayOutputStream lines = new ByteArrayOutputStream();
            ftp.list(FtpClient.Listing.LONG, "", lines);
            assertThat(lines.toString(StandardCharsets.UTF_8)).contains("one.txt").contains("two.txt");
        }
    }

    @Test
    void aMissingFileIsRefusedWith550AndAHint() throws IOException {
        try (Vsftpd server = Vsftpd.start(dir, root(), null); FtpClient ftp = anonymous(server, Optional.empty())) {
            assertThat(ftp.size("missing.bin")).isEmpty();
            assertThatThrownBy(() -> ftp.retrieve("missing.bin", 0, new ByteArrayOutputStream(), TransferProgress.NONE))
                    .isInstanceOf(ServerRefusedException.class)
                    .hasMessageStartingWith("the server answered 550")
                    .hasMessageContaining("to RETR missing.bin; check the path");
        }
    }

    @Test
    void aRefusedLoginSaysSo() throws IOException {
        try (Vsftpd server = Vsftpd.start(dir, root(), null);
                FtpClient ftp = FtpClient.connect(Host.parse("127.0.0.1"), server.port(), Family.IPV4, TIMEOUT,
                        Tracer.off(), Optional.empty())) {
            assertThatThrownBy(() -> ftp.login("bob", "wrong"))
                    .isInstanceOf(ServerRefusedException.class)
                    .hasMessageStartingWith("the server refused the login as bob: 530")
                    .hasMessageContaining("check the user and password");
        }
    }

    @Test
    void explicitTlsCarriesBothConnections() throws IOException {
        Path root = root();
        TestCertificates pair = TestCertificates.in(Files.createDirectories(dir.resolve("tls")));
        byte[] file = random(200_000);
        Files.write(root.resolve("a.bin"), file);
        ClientTls trusting = ClientTls.trusting(List.of(pair.certificate().certificate()));
        try (Vsftpd server = Vsftpd.start(dir, root, pair); FtpClient ftp = anonymous(server, Optional.of(trusting))) {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            ftp.retrieve("a.bin", 0, got, TransferProgress.NONE);
            assertThat(got.toByteArray()).isEqualTo(file);
            ftp.store("b.bin", new ByteArrayInputStream(file), file.length, false, TransferProgress.NONE);
            assertThat(root.resolve("b.bin")).hasBinaryContent(file);
        }
    }

    @Test
    void everyTlsDataConnectionResumesTheControlConnectionsSessionAsVsftpdDemandsByDefault() throws IOException {
        Path root = root();
        TestCertificates pair = TestCertificates.in(Files.createDirectories(dir.resolve("tls")));
        TraceLines trace = new TraceLines();
        try (Vsftpd server = Vsftpd.start(dir, root, pair, EnumSet.of(Vsftpd.Option.REQUIRE_SSL_REUSE));
                FtpClient ftp = FtpClient.connect(Host.parse("localhost"), server.port(), Family.IPV4, TIMEOUT,
                        trace.tracer(), Optional.of(trusting(pair)))) {
            ftp.login("anonymous", "socklab@");
            getPutAndList(ftp, root);
        }
        assertThat(trace.lines()).as("TLS 1.3 resumption, with OpenSSL's session tickets")
                .filteredOn(line -> line.contains("ftp-data") && line.contains("SSL_connect()"))
                .hasSize(3).allMatch(line -> line.contains("SSL_connect() = TLSv1.3 "));
    }

    @Test
    void implicitTlsGetsPutsAndLists() throws IOException {
        Path root = root();
        TestCertificates pair = TestCertificates.in(Files.createDirectories(dir.resolve("tls")));
        try (Vsftpd server = Vsftpd.start(dir, root, pair,
                EnumSet.of(Vsftpd.Option.IMPLICIT_TLS, Vsftpd.Option.REQUIRE_SSL_REUSE));
                FtpClient ftp = FtpClient.connectImplicit(Host.parse("localhost"), server.port(), Family.IPV4, TIMEOUT,
                        Tracer.off(), trusting(pair))) {
            ftp.login("anonymous", "socklab@");
            getPutAndList(ftp, root);
        }
    }

    @Test
    void activeModeGetsPutsAndLists() throws IOException {
        Path root = root();
        try (Vsftpd server = Vsftpd.start(dir, root, null, EnumSet.of(Vsftpd.Option.ACTIVE));
                FtpClient ftp = anonymous(server, Optional.empty())) {
            ftp.useActiveMode();
            getPutAndList(ftp, root);
        }
    }

    @Test
    void activeModeOverTlsResumesTheSessionToo() throws IOException {
        Path root = root();
        TestCertificates pair = TestCertificates.in(Files.createDirectories(dir.resolve("tls")));
        try (Vsftpd server = Vsftpd.start(dir, root, pair,
                EnumSet.of(Vsftpd.Option.ACTIVE, Vsftpd.Option.REQUIRE_SSL_REUSE));
                FtpClient ftp = anonymous(server, Optional.of(trusting(pair)))) {
            ftp.useActiveMode();
            getPutAndList(ftp, root);
        }
    }

    @Test
    void aServerWithoutActiveModeRefusesPortAndTheClientSaysWhatToTry() throws IOException {
        Path root = root();
        Files.writeString(root.resolve("a.txt"), "a");
        try (Vsftpd server = Vsftpd.start(dir, root, null); FtpClient ftp = anonymous(server, Optional.empty())) {
            ftp.useActiveMode();
            assertThatThrownBy(() -> ftp.retrieve("a.txt", 0, new ByteArrayOutputStream(), TransferProgress.NONE))
                    .isInstanceOf(ServerRefusedException.class)
                    .hasMessageStartingWith("the server answered 550 Permission denied.")
                    .hasMessageContaining("to PORT; the server may not serve active mode");
        }
    }

    /** A get, a put and a listing, each checked against the server's disk. */
    private static void getPutAndList(FtpClient ftp, Path root) throws IOException {
        byte[] file = random(200_000);
        Files.write(root.resolve("a.bin"), file);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        ftp.retrieve("a.bin", 0, got, TransferProgress.NONE);
        assertThat(got.toByteArray()).isEqualTo(file);
        ftp.store("b.bin", new ByteArrayInputStream(file), file.length, false, TransferProgress.NONE);
        assertThat(root.resolve("b.bin")).hasBinaryContent(file);
        ByteArrayOutputStream names = new ByteArrayOutputStream();
        ftp.list(FtpClient.Listing.NAMES, "", names);
        assertThat(names.toString(StandardCharsets.UTF_8).lines().sorted().toList())
                .isEqualTo(List.of("a.bin", "b.bin"));
    }

    private static ClientTls trusting(TestCertificates pair) {
        return ClientTls.trusting(List.of(pair.certificate().certificate()));
    }

    private Path root() throws IOException {
        return Files.createDirectories(dir.resolve("root"));
    }

    private static FtpClient anonymous(Vsftpd server, Optional<ClientTls> tls) throws IOException {
        FtpClient ftp = FtpClient.connect(Host.parse("localhost"), server.port(), Family.IPV4, TIMEOUT,
                Tracer.off(), tls);
        ftp.login("anonymous", "socklab@");
        return ftp;
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }
}
