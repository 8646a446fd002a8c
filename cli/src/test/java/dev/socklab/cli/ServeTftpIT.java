package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.testing.LabProgram;
import dev.socklab.testing.Tools;

/**
 * {@code ./socklab serve tftp} as a process: the command lines docs/services.md gives, and a
 * server killed with SIGKILL in the middle of an upload, which must leave no file under the
 * upload's name.
 */
@Timeout(60)
class ServeTftpIT {
    private static final Duration SOON = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void theDocumentedCommandLinesServeCurlAGetAndAPut() throws Exception {
        String curl = Tools.require("curl");
        Files.writeString(dir.resolve("hello.txt"), "hello over tftp\n");
        try (Launched server = Launched.socklab("serve", "tftp:0", "--ipv4-only", "--tftp-root", dir.toString(),
                "--tftp-create")) {
            int port = server.boundPort("tftp", "udp", "127.0.0.1");
            String url = "tftp://127.0.0.1:" + port + "/";
            try (LabProgram get = LabProgram.start(List.of(curl, "-sS", url + "hello.txt"))) {
                assertThat(get.outputUntilExit(SOON)).isEqualTo("hello over tftp\n");
            }
            Path upload = Files.writeString(dir.resolve("local.txt"), "stored\n");
            try (LabProgram put = LabProgram.start(List.of(curl, "-sS", "-T", upload.toString(), url + "up.txt"))) {
                put.outputUntilExit(SOON);
                assertThat(put.exitCode()).isZero();
            }
            assertThat(dir.resolve("up.txt")).hasContent("stored");
            server.awaitLine(line -> line.contains("tftp#") && line.contains(" ended ("), SOON);
        }
    }

    @Test
    void aServerKilledInTheMiddleOfAnUploadLeavesNoFileUnderItsName() throws Exception {
        try (Launched server = Launched.socklab("serve", "tftp:0", "--ipv4-only", "--tftp-root", dir.toString(),
                "--tftp-create");
             DatagramChannel client = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            int port = server.boundPort("tftp", "udp", "127.0.0.1");
            client.socket().setSoTimeout((int) SOON.toMillis());
            client.send(ByteBuffer.wrap("\0\2big.bin\0octet\0".getBytes(StandardCharsets.ISO_8859_1)),
                    new InetSocketAddress("127.0.0.1", port));
            SocketAddress transfer = expectAck(client, 0);
            byte[] block = new byte[512];
            for (int n = 1; n <= 20; n++) {
                ByteBuffer data = ByteBuffer.allocate(4 + block.length).putShort((short) 3).putShort((short) n).put(block);
                client.send(data.flip(), transfer);
                expectAck(client, n);
            }
            assertThat(partFiles()).as("the upload's temporary file").hasSize(1);

            ProcessHandle.of(server.pid()).orElseThrow().destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(ProcessHandle.of(server.pid()).map(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).join()))
                    .isNotEmpty();

            assertThat(dir.resolve("big.bin")).doesNotExist();
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).allMatch(name -> name.startsWith(".upload-"));
            }
        }
    }

    private List<Path> partFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
        }
    }

    /** Receives the ACK of {@code block}, through the blocking socket's timeout; where it came from. */
    private static SocketAddress expectAck(DatagramChannel client, int block) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[516], 516);
        client.socket().receive(packet);
        ByteBuffer ack = ByteBuffer.wrap(packet.getData(), 0, packet.getLength());
        assertThat(ack.getShort()).as("opcode").isEqualTo((short) 4);
        assertThat(Short.toUnsignedInt(ack.getShort())).as("block").isEqualTo(block);
        return packet.getSocketAddress();
    }
}
