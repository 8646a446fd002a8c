package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.testing.CTftpServer;
import dev.socklab.testing.LoopbackPorts;
import dev.socklab.testing.TestCertificates;
import dev.socklab.testing.Vsftpd;

/**
 * {@code socklab tftp} and {@code socklab ftp} in this JVM against the C servers (tftpd-hpa, vsftpd):
 * files byte for byte, the SHA-256 line, resume both ways, and each failure a person meets as one
 * sentence with its exit code.
 */
@Timeout(60)
class FileTransferCommandsTest {
    @TempDir
    Path dir;

    @Test
    void tftpGetSavesTheFileAndPrintsItsSha256() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        byte[] file = random(150_000);
        Files.write(root.resolve("boot.img"), file);
        Path saved = dir.resolve("saved.img");
        try (CTftpServer server = CTftpServer.tftpdHpa(root)) {
            CommandRun run = CommandRun.of("tftp", "get", "127.0.0.1", Integer.toString(server.port()), "boot.img",
                    "-o", saved.toString(), "--blksize", "1428", "--sha256");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(saved).hasBinaryContent(file);
            assertThat(run.out()).isEqualTo(sha256(file) + "  " + saved + System.lineSeparator());
            assertThat(run.err()).startsWith("socklab: received 146.5 KiB in ");
        }
    }

    @Test
    void tftpPutSendsTheFileUnderItsName() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        byte[] file = random(70_000);
        Path local = Files.write(dir.resolve("notes.bin"), file);
        try (CTftpServer server = CTftpServer.tftpdHpa(root)) {
            CommandRun run = CommandRun.of("tftp", "put", "127.0.0.1", Integer.toString(server.port()),
                    local.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(root.resolve("notes.bin")).hasBinaryContent(file);
            assertThat(run.err()).startsWith("socklab: sent 68.4 KiB in ");
        }
    }

    @Test
    void tftpGetOfAMissingFileExitsSixAndLeavesNoFile() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path saved = dir.resolve("nothing.bin");
        try (CTftpServer server = CTftpServer.tftpdHpa(root)) {
            CommandRun.of("tftp", "get", "127.0.0.1", Integer.toString(server.port()), "nothing.bin",
                    "-o", saved.toString())
                    .failedWith(ExitCode.SERVER_REFUSED, "the server answered TFTP error 1", "check the name");
            assertThat(saved).doesNotExist();
        }
    }

    @Test
    void tftpWithNoServerGivesUpAfterItsRetransmissions() throws IOException {
        int port = LoopbackPorts.udp();
        CommandRun.of("tftp", "get", "127.0.0.1", Integer.toString(port), "a.bin", "-o",
                dir.resolve("a.bin").toString(), "--timeout", "100ms")
                .failedWith(ExitCode.NO_ANSWER, "no answer from udp 127.0.0.1:" + port, "after 5 retransmissions",
                        "raise --timeout");
    }

    @Test
    void tftpRefusesAnUnknownActionAndABlockSizeOutOfRange() {
        CommandRun.of("tftp", "fetch", "a.bin").failedWith(ExitCode.USAGE, "tftp takes get or put first");
        CommandRun.of("tftp", "get", "a.bin", "--blksize", "4").failedWith(ExitCode.USAGE, "--blksize must be from 8");
    }

    @Test
    void ftpGetAndPutWithResumeAndSha256() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        byte[] file = random(400_000);
        Files.write(root.resolve("big.bin"), file);
        Path partial = Files.write(dir.resolve("big.bin"), Arrays.copyOf(file, 123_456));
        try (Vsftpd server = Vsftpd.start(dir, root, null)) {
            String url = "ftp://127.0.0.1:" + server.port() + "/";
            CommandRun get = CommandRun.of("ftp", "get", url + "big.bin", "-o", partial.toString(), "--continue",
                    "--sha256");
            assertThat(get.exitCode()).as(get.err()).isZero();
            assertThat(partial).hasBinaryContent(file);
            assertThat(get.out()).isEqualTo(sha256(file) + "  " + partial + System.lineSeparator());

            Files.write(root.resolve("up.bin"), Arrays.copyOf(file, 1000));
            Path local = Files.write(dir.resolve("up.bin"), file);
            CommandRun put = CommandRun.of("ftp", "put", local.toString(), url, "--continue");
            assertThat(put.exitCode()).as(put.err()).isZero();
            assertThat(root.resolve("up.bin")).hasBinaryContent(file);
            assertThat(put.err()).startsWith("socklab: sent 389.6 KiB in ");
        }
    }

    @Test
    void ftpsWithActiveModeGetsPutsAndListsFromAServerThatDemandsSessionReuse() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        byte[] file = random(300_000);
        Files.write(root.resolve("a.bin"), file);
        TestCertificates pair = TestCertificates.in(Files.createDirectories(dir.resolve("tls")));
        try (Vsftpd server = Vsftpd.start(dir, root, pair, EnumSet.of(Vsftpd.Option.IMPLICIT_TLS,
                Vsftpd.Option.REQUIRE_SSL_REUSE, Vsftpd.Option.ACTIVE))) {
            String url = "ftps://127.0.0.1:" + server.port() + "/";
            String ca = pair.certFile().toString();
            Path got = dir.resolve("got.bin");
            CommandRun get = CommandRun.of("ftp", "get", url + "a.bin", "-o", got.toString(), "--ca", ca, "--active",
                    "--sha256");
            assertThat(get.exitCode()).as(get.err()).isZero();
            assertThat(got).hasBinaryContent(file);
            assertThat(get.out()).isEqualTo(sha256(file) + "  " + got + System.lineSeparator());

            CommandRun put = CommandRun.of("ftp", "put", got.toString(), url + "b.bin", "--ca", ca, "--active");
            assertThat(put.exitCode()).as(put.err()).isZero();
            assertThat(root.resolve("b.bin")).hasBinaryContent(file);

            // The listing goes to System.out itself, as a file sent to -o - does; FtpClientInteropTest reads it.
            CommandRun ls = CommandRun.of("ftp", "ls", url, "--names", "--ca", ca, "--active");
            assertThat(ls.exitCode()).as(ls.err()).isZero();
        }
    }

    @Test
    void overTls12TheDataConnectionsResumeTheSessionBySessionId() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        byte[] file = random(100_000);
        Files.write(root.resolve("a.bin"), file);
        TestCertificates pair = TestCertificates.in(Files.createDirectories(dir.resolve("tls")));
        try (Vsftpd server = Vsftpd.start(dir, root, pair,
                EnumSet.of(Vsftpd.Option.REQUIRE_SSL_REUSE, Vsftpd.Option.TLS_1_2))) {
            // Without the resumption vsftpd answers RETR with 522; with the JDK's TLS 1.2 session tickets on, it would.
            Path got = dir.resolve("got.bin");
            CommandRun get = CommandRun.of("ftp", "get", "ftp://127.0.0.1:" + server.port() + "/a.bin", "-o",
                    got.toString(), "--tls", "--ca", pair.certFile().toString());
            assertThat(get.exitCode()).as(get.err()).isZero();
            assertThat(got).hasBinaryContent(file);
        }
    }

    @Test
    void ftpGetOfAMissingFileExitsSix() throws IOException {
        try (Vsftpd server = Vsftpd.start(dir, Files.createDirectories(dir.resolve("root")), null)) {
            CommandRun.of("ftp", "get", "ftp://127.0.0.1:" + server.port() + "/missing.bin", "-o",
                    dir.resolve("m.bin").toString())
                    .failedWith(ExitCode.SERVER_REFUSED, "the server answered 550", "check the path");
            assertThat(dir.resolve("m.bin")).doesNotExist();
        }
    }

    @Test
    void ftpWithAWrongPasswordExitsSixAndSaysSo() throws IOException {
        try (Vsftpd server = Vsftpd.start(dir, Files.createDirectories(dir.resolve("root")), null)) {
            CommandRun.of("ftp", "ls", "ftp://ada:wrong@127.0.0.1:" + server.port() + "/")
                    .failedWith(ExitCode.SERVER_REFUSED, "the server refused the login as ada: 530",
                            "check the user and password");
        }
    }

    @Test
    void ftpToAPortWhereNothingListensExitsFour() throws IOException {
        CommandRun.of("ftp", "ls", "ftp://127.0.0.1:" + LoopbackPorts.tcp() + "/")
                .failedWith(ExitCode.NETWORK, "cannot connect to 127.0.0.1");
    }

    @Test
    void ftpRefusesWhatCannotBe() {
        CommandRun.of("ftp", "get", "sftp://localhost/a").failedWith(ExitCode.USAGE, "or ftps:// for implicit TLS");
        CommandRun.of("ftp", "ls", "ftp://localhost/", "--insecure").failedWith(ExitCode.USAGE,
                "--insecure is for TLS: add --tls", "ftps://");
        CommandRun.of("ftp", "put", "ftp://localhost/a").failedWith(ExitCode.USAGE, "put FILE URL");
        CommandRun.of("ftp", "ls", "ftp://ada@localhost/", "--password-stdin", "--names", "--machine")
                .failedWith(ExitCode.USAGE, "pick one");
        CommandRun.of("ftp", "get", "ftp://localhost/dir/").failedWith(ExitCode.USAGE, "names a directory");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }
}
