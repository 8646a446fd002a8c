package dev.socklab.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.net.Family;
import dev.socklab.net.Host;
import dev.socklab.testing.CTftpServer;
import dev.socklab.trace.Tracer;

/**
 * socklab's TFTP client against the C servers: tftpd-hpa ({@code in.tftpd}) and atftpd, each run by
 * the test on a free port of 127.0.0.1 with its root in the test's directory.
 */
@Timeout(60)
class TftpClientInteropTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    Path root;

    @Test
    void getFromTftpdHpaWithoutOptionsIsByteForByte() throws IOException {
        byte[] file = random(100_000);
        Files.write(root.resolve("plain.bin"), file);
        try (CTftpServer server = CTftpServer.tftpdHpa(root)) {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            TftpClient.Result result = client(server, 512, 1).get("plain.bin", got, TransferProgress.NONE);
            assertThat(got.toByteArray()).isEqualTo(file);
            assertThat(result.bytes()).isEqualTo(file.length);
            assertThat(result.optionsTaken()).as("tsize and timeout are always asked for").isTrue();
        }
    }

    @Test
    void getFromTftpdHpaWithALargeBlockSizeSettlesOnIt() throws IOException {
        byte[] file = random(300_000);
        Files.write(root.resolve("big.bin"), file);
        try (CTftpServer server = CTftpServer.tftpdHpa(root)) {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            TftpClient.Result result = client(server, 1428, 1).get("big.bin", got, TransferProgress.NONE);
            assertThat(got.toByteArray()).isEqualTo(file);
            assertThat(result.blksize()).isEqualTo(1428);
        }
    }

    @Test
    void aFileOfWholeBlocksEndsWithAnEmptyOneBothWays() throws IOException {
        byte[] file = random(512 * 8);
        Files.write(root.resolve("whole.bin"), file);
        try (CTftpServer server = CTftpServer.tftpdHpa(root)) {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            client(server, 512, 1).get("whole.bin", got, TransferProgress.NONE);
            assertThat(got.toByteArray()).isEqualTo(file);
            client(server, 512, 1).put("whole-up.bin", new ByteArrayInputStream(file), file.length,
                    TransferProgress.NONE);
            assertThat(root.resolve("whole-up.bin")).hasBinaryContent(file);
        }
    }

    @Test
    void putToTftpdHpaCreatesTheFile() throws IOException {
        byte[] file = random(200_001);
        try (CTftpServer server = CTftpServer.tftpdHpa(root)) {
            TftpClient.Result result = client(server, 1024, 1).put("up.bin", new ByteArrayInputStream(file),
                    file.length, TransferProgress.NONE);
            assertThat(result.bytes()).isEqualTo(file.length);
            assertThat(root.resolve("up.bin")).hasBinaryContent(file);
        }
    }

    @Test
    void aMissingFileOnTftpdHpaIsRefusedWithItsError() throws IOException {
        try (CTftpServer server = CTftpServer.tftpdHpa(root)) {
            assertThatThrownBy(() -> client(server, 512, 1).get("missing.bin", new ByteArrayOutputStream(),
                    TransferProgress.NONE))
                    .isInstanceOf(ServerRefusedException.class)
                    .hasMessageStartingWith("the server answered TFTP error 1")
                    .hasMessageContaining("check the name");
        }
    }

    @Test
    void getAndPutWithAtftpdInWindowsOf4() throws IOException {
        byte[] file = random(1_000_000);
        Files.write(root.resolve("w.bin"), file);
        try (CTftpServer server = CTftpServer.atftpd(root)) {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            TftpClient.Result result = client(server, 1428, 4).get("w.bin", got, TransferProgress.NONE);
            assertThat(got.toByteArray()).isEqualTo(file);
            assertThat(result.windowsize()).isEqualTo(4);
            client(server, 1428, 4).put("w-up.bin", new ByteArrayInputStream(file), file.length,
                    TransferProgress.NONE);
            assertThat(root.resolve("w-up.bin")).hasBinaryContent(file);
        }
    }

    @Test
    void moreThan65535BlocksRollOverWithAtftpd() throws IOException {
        byte[] file = random(65_536 * 8 + 3);
        Files.write(root.resolve("roll.bin"), file);
        try (CTftpServer server = CTftpServer.atftpd(root)) {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            client(server, 8, 16).get("roll.bin", got, TransferProgress.NONE);
            assertThat(got.toByteArray()).isEqualTo(file);
        }
    }

    private static TftpClient client(CTftpServer server, int blksize, int windowsize) {
        return TftpClient.of(Host.parse("127.0.0.1"), server.port(), Family.IPV4,
                new TftpClient.Settings(blksize, windowsize, TIMEOUT, 5), Tracer.off());
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }
}
