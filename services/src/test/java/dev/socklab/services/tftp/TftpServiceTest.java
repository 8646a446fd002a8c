package dev.socklab.services.tftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.net.PortRange;
import dev.socklab.net.SocketAddresses;
import dev.socklab.runtime.Endpoint;
import dev.socklab.services.storage.UploadLimits;
import dev.socklab.testing.Await;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;
import dev.socklab.tftp.ErrorCode;
import dev.socklab.tftp.Packet;
import dev.socklab.tftp.PacketCodec;

/** The tftp service on a real UDP socket on loopback, driven packet by packet with a raw client. */
@Timeout(60)
class TftpServiceTest {
    private static final Duration SOON = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();
    Path root;

    @BeforeEach
    void makeRoot() throws IOException {
        root = Files.createDirectory(dir.resolve("root"));
        Files.writeString(dir.resolve("secret"), "outside the root");
    }

    @Test
    void aFileIsReadInLockStepWithoutOptions() throws Exception {
        byte[] content = bytes(1300);
        Files.write(root.resolve("a.bin"), content);
        try (TftpTestClient client = new TftpTestClient(serve(settings(false, false)))) {
            client.sendToServer(TftpTestClient.request(false, "a.bin", "octet"));
            for (int block = 1; block <= 3; block++) {
                Packet.Data data = (Packet.Data) client.expect(SOON);
                assertThat(data.block()).isEqualTo(block);
                assertThat(data.payload().remaining()).isEqualTo(block < 3 ? 512 : 1300 - 1024);
                client.reply(TftpTestClient.ack(block));
            }
        }
    }

    @Test
    void aTransferIsInProgressFromItsRequestToItsLastAck() throws Exception {
        Files.write(root.resolve("a.bin"), bytes(600));
        TftpService service = TftpService.of(settings(false, false));
        InetSocketAddress server = (InetSocketAddress) servers.datagram("tftp", service, StreamTransport.udp(false)).address();
        LongSupplier inProgress = service.gauges().getFirst().value();
        assertThat(service.gauges().getFirst().name()).isEqualTo("transfers_in_progress");
        try (TftpTestClient client = new TftpTestClient(server)) {
            client.sendToServer(TftpTestClient.request(false, "a.bin", "octet"));
            assertThat(client.expect(SOON)).isInstanceOf(Packet.Data.class);
            assertThat(inProgress.getAsLong()).isEqualTo(1);
            client.reply(TftpTestClient.ack(1));
            assertThat(((Packet.Data) client.expect(SOON)).block()).isEqualTo(2);
            client.reply(TftpTestClient.ack(2));
            Await.until(() -> inProgress.getAsLong() == 0, SOON, "the transfer to end");
        }
    }

    @Test
    void anOackIsAllThatGoesOutUntilItsAck0AndThenOneWindowAtATime() throws Exception {
        Files.write(root.resolve("a.bin"), bytes(100 * 10));
        try (TftpTestClient client = new TftpTestClient(serve(settings(false, false)))) {
            client.sendToServer(TftpTestClient.request(false, "a.bin", "octet", "blksize", "100", "windowsize", "4",
                    "tsize", "0", "timeout", "1", "color", "blue"));
            Packet.OptionAck oack = (Packet.OptionAck) client.expect(SOON);
            assertThat(oack.options()).containsExactly(Map.entry("blksize", "100"), Map.entry("windowsize", "4"),
                    Map.entry("tsize", "1000"), Map.entry("timeout", "1"));
            // Unacknowledged, the OACK comes again at the timeout, and nothing else.
            assertThat(client.expect(SOON)).isInstanceOf(Packet.OptionAck.class);
            client.reply(TftpTestClient.ack(0));
            for (int block = 1; block <= 4; block++) {
                assertThat(((Packet.Data) client.expect(SOON)).block()).isEqualTo(block);
            }
            // Unacknowledged, the window comes again from its first block: never more than one window.
            assertThat(((Packet.Data) client.expect(SOON)).block()).isEqualTo(1);
        }
    }

    @Test
    void aDuplicateAckSendsNothing() throws Exception {
        Files.write(root.resolve("a.bin"), bytes(20));
        try (LogCapture log = LogCapture.socklab();
             TftpTestClient client = new TftpTestClient(serve(settings(false, false)))) {
            client.sendToServer(TftpTestClient.request(false, "a.bin", "octet", "blksize", "8"));
            assertThat(client.expect(SOON)).isInstanceOf(Packet.OptionAck.class);
            client.reply(TftpTestClient.ack(0));
            assertThat(((Packet.Data) client.expect(SOON)).block()).isEqualTo(1);
            client.reply(TftpTestClient.ack(1));
            assertThat(((Packet.Data) client.expect(SOON)).block()).isEqualTo(2);
            // ACK 1 again, and ACK 0 again: the Sorcerer's Apprentice would send DATA 2 and DATA 1 once more.
            client.reply(TftpTestClient.ack(1));
            client.reply(TftpTestClient.ack(0));
            client.reply(TftpTestClient.ack(2));
            Packet.Data last = (Packet.Data) client.expect(SOON);
            assertThat(last.block()).isEqualTo(3);
            client.reply(TftpTestClient.ack(3));
            // The exchange's closing line counts what it sent: the OACK and three blocks, nothing more.
            // This client's exchange alone: another test's may end meanwhile.
            String peer = " udp " + SocketAddresses.format(client.local()) + " -> ";
            assertThat(log.await(line -> line.contains(peer) && line.contains(" ended ("), SOON))
                    .contains("out " + (2 + "blksize".length() + 1 + 2 + 4 + 8 + 4 + 8 + 4 + 4) + " B in 4 datagrams");
        }
    }

    @Test
    void blockNumbersRollOverFrom65535To0() throws Exception {
        int blocks = 70_000;
        byte[] content = bytes(8 * blocks + 3);
        Files.write(root.resolve("big.bin"), content);
        try (TftpTestClient client = new TftpTestClient(serve(settings(false, false)))) {
            assertThat(client.get("big.bin", "octet", "blksize", "8", "windowsize", "16")).isEqualTo(content);
        }
    }

    @Test
    void aClientThatStopsAcknowledgingGetsFiveRetransmissionsThenAnError() throws Exception {
        Files.write(root.resolve("a.bin"), bytes(2000));
        try (TftpTestClient client = new TftpTestClient(serve(settings(false, false)))) {
            client.sendToServer(TftpTestClient.request(false, "a.bin", "octet"));
            int sent = 0;
            Packet packet;
            for (packet = client.expect(SOON); packet instanceof Packet.Data data; packet = client.expect(SOON)) {
                assertThat(data.block()).isEqualTo(1);
                sent++;
            }
            assertThat(sent).isEqualTo(1 + Retransmission.MAX_RETRANSMISSIONS);
            assertThat(packet).isEqualTo(new Packet.Error(0, "timed out: no acknowledgement after 5 retransmissions"));
            assertThat(client.receive(Duration.ofMillis(1500))).isNull();
        }
    }

    @Test
    void aPacketFromAnotherPortGetsError5AndTheTransferGoesOn() throws Exception {
        byte[] content = bytes(600);
        Files.write(root.resolve("a.bin"), content);
        InetSocketAddress server = serve(settings(false, false));
        try (TftpTestClient client = new TftpTestClient(server);
             TftpTestClient stranger = new TftpTestClient(server)) {
            client.sendToServer(TftpTestClient.request(false, "a.bin", "octet"));
            assertThat(((Packet.Data) client.expect(SOON)).block()).isEqualTo(1);
            SocketAddress transfer = client.from();
            stranger.sendTo(TftpTestClient.ack(1), transfer);
            assertThat(stranger.expect(SOON)).isEqualTo(new Packet.Error(5, "unknown transfer ID"));
            assertThat(stranger.from()).isEqualTo(transfer);
            client.reply(TftpTestClient.ack(1));
            Packet.Data last = (Packet.Data) client.expect(SOON);
            assertThat(last.block()).isEqualTo(2);
            assertThat(last.payload().remaining()).isEqualTo(600 - 512);
            client.reply(TftpTestClient.ack(2));
        }
    }

    @Test
    void noNameReachesOutsideTheRootWhateverItsEncoding() throws Exception {
        Files.createDirectory(root.resolve("sub"));
        InetSocketAddress server = serve(settings(false, false));
        Stream<byte[]> names = Stream.concat(Stream.of("../secret", "/../secret", "sub/../../secret", "..\\secret",
                        "..%2fsecret", "%2e%2e/secret", "..%252fsecret", "....//secret", "./../secret", "//../secret",
                        "sub/./../../secret", "\u2025/secret", "..\u2215secret", "\u002e\u002e/secret")
                        .map(name -> name.getBytes(StandardCharsets.UTF_8)),
                Stream.of(new byte[] {'.', '.', (byte) 0xC0, (byte) 0xAF, 's', 'e', 'c', 'r', 'e', 't'},
                        new byte[] {'.', '.', (byte) 0xE0, (byte) 0x80, (byte) 0xAF, 's', 'e', 'c', 'r', 'e', 't'},
                        new byte[] {'.', '.', (byte) 0xC1, (byte) 0x9C, 's', 'e', 'c', 'r', 'e', 't'},
                        new byte[] {'.', '.', 0x01, '/', 's', 'e', 'c', 'r', 'e', 't'}));
        for (byte[] name : names.toList()) {
            try (TftpTestClient client = new TftpTestClient(server)) {
                client.sendToServer(TftpTestClient.request(false, name, "octet"));
                Packet answer = client.expect(SOON);
                assertThat(answer).as(new String(name, StandardCharsets.ISO_8859_1)).isInstanceOfSatisfying(
                        Packet.Error.class, error -> assertThat(error.code()).isIn(1, 2));
            }
        }
    }

    @Test
    void aMissingFileIsError1AndADirectoryError2() throws Exception {
        Files.createDirectory(root.resolve("sub"));
        InetSocketAddress server = serve(settings(false, false));
        try (TftpTestClient client = new TftpTestClient(server)) {
            assertThatThrownBy(() -> client.get("nothing.bin", "octet")).isInstanceOfSatisfying(
                    TftpTestClient.TransferFailed.class, e -> assertThat(e.code).isEqualTo(1));
        }
        try (TftpTestClient client = new TftpTestClient(server)) {
            assertThatThrownBy(() -> client.get("sub", "octet")).isInstanceOfSatisfying(
                    TftpTestClient.TransferFailed.class, e -> assertThat(e.code).isEqualTo(2));
        }
    }

    @Test
    void aBlockSizeBelow8IsError8AndMailModeError4() throws Exception {
        Files.write(root.resolve("a.bin"), bytes(10));
        InetSocketAddress server = serve(settings(false, false));
        try (TftpTestClient client = new TftpTestClient(server)) {
            client.sendToServer(TftpTestClient.request(false, "a.bin", "octet", "blksize", "7"));
            assertThat(client.expect(SOON)).isEqualTo(new Packet.Error(8, "blksize 7 is below 8 (RFC 2348)"));
        }
        try (TftpTestClient client = new TftpTestClient(server)) {
            // Options the server ignores make the request long enough for the whole message.
            client.sendToServer(TftpTestClient.request(false, "a.bin", "mail", "x", "y".repeat(40)));
            Packet.Error error = (Packet.Error) client.expect(SOON);
            assertThat(error.code()).isEqualTo(4);
            assertThat(error.message()).isEqualTo("mode mail is not served: use octet or netascii");
            assertThat(client.from()).as("the service's own port answers").isEqualTo(server);
        }
    }

    @Test
    void theServicesPortNeverAnswersWithMoreBytesThanItGot() throws Exception {
        InetSocketAddress server = serve(settings(false, false));
        try (TftpTestClient client = new TftpTestClient(server)) {
            // 9 bytes in: the ERROR's 5 bytes of frame leave 4 for its message.
            client.sendToServer(TftpTestClient.request(false, "a", "mail"));
            assertThat(client.expect(SOON)).isEqualTo(new Packet.Error(4, "mode"));
            client.sendToServer(TftpTestClient.ack(1));
            assertThat(client.receive(Duration.ofMillis(500))).as("an ACK of 4 bytes has no room for an ERROR").isNull();
        }
    }

    @Test
    void aWriteToAReadOnlyServerIsError2AndLeavesNothing() throws Exception {
        try (TftpTestClient client = new TftpTestClient(serve(settings(false, false)))) {
            assertThatThrownBy(() -> client.put("new.bin", bytes(10), "octet")).isInstanceOfSatisfying(
                    TftpTestClient.TransferFailed.class, e -> assertThat(e.code).isEqualTo(2));
        }
        assertThat(root).isEmptyDirectory();
    }

    @Test
    void writeReplacesAFileButCreatesNoneWithoutCreate() throws Exception {
        Files.writeString(root.resolve("old.bin"), "old");
        InetSocketAddress server = serve(settings(true, false));
        byte[] content = bytes(3000);
        try (TftpTestClient client = new TftpTestClient(server)) {
            client.put("old.bin", content, "octet", "blksize", "1000", "windowsize", "2");
        }
        assertThat(root.resolve("old.bin")).hasBinaryContent(content);
        try (TftpTestClient client = new TftpTestClient(server)) {
            assertThatThrownBy(() -> client.put("new.bin", content, "octet")).isInstanceOfSatisfying(
                    TftpTestClient.TransferFailed.class, e -> assertThat(e.code).isEqualTo(1));
        }
        assertThat(root.resolve("new.bin")).doesNotExist();
    }

    @Test
    void createStoresANewFileWholeOnlyAfterItsLastBlock() throws Exception {
        InetSocketAddress server = serve(settings(true, true));
        byte[] content = bytes(512 * 3);
        try (TftpTestClient client = new TftpTestClient(server)) {
            client.sendToServer(TftpTestClient.request(true, "new.bin", "octet"));
            assertThat(client.expect(SOON)).isEqualTo(new Packet.Ack(0));
            for (int block = 1; block <= 3; block++) {
                client.reply(TftpTestClient.data(block, Arrays.copyOfRange(content, (block - 1) * 512, block * 512)));
                assertThat(client.expect(SOON)).isEqualTo(new Packet.Ack(block));
                assertThat(root.resolve("new.bin")).doesNotExist();
            }
            client.reply(TftpTestClient.data(4, new byte[0]));
            assertThat(client.expect(SOON)).isEqualTo(new Packet.Ack(4));
        }
        assertThat(root.resolve("new.bin")).hasBinaryContent(content);
        assertThat(hiddenFiles()).isEmpty();
    }

    @Test
    void anUploadTheClientCancelsLeavesNoFile() throws Exception {
        try (LogCapture log = LogCapture.socklab();
             TftpTestClient client = new TftpTestClient(serve(settings(true, true)))) {
            client.sendToServer(TftpTestClient.request(true, "cut.bin", "octet"));
            assertThat(client.expect(SOON)).isEqualTo(new Packet.Ack(0));
            client.reply(TftpTestClient.data(1, bytes(512)));
            assertThat(client.expect(SOON)).isEqualTo(new Packet.Ack(1));
            client.reply(PacketCodec.error(ErrorCode.NOT_DEFINED, "user cancelled"));
            String peer = " udp " + SocketAddresses.format(client.local()) + " -> ";
            log.await(line -> line.contains(peer) && line.contains(" ended"), SOON);
        }
        assertThat(root).isEmptyDirectory();
    }

    @Test
    void anUploadPastItsLimitIsError3AndLeavesNoFile() throws Exception {
        TftpSettings limited = new TftpSettings(root, true, true, 1468, 16, 256, 8, PortRange.ANY,
                new UploadLimits(1000, 10_000));
        InetSocketAddress server = serve(limited);
        try (TftpTestClient client = new TftpTestClient(server)) {
            assertThatThrownBy(() -> client.put("big.bin", bytes(1500), "octet")).isInstanceOfSatisfying(
                    TftpTestClient.TransferFailed.class, e -> assertThat(e.code).isEqualTo(3));
        }
        try (TftpTestClient client = new TftpTestClient(server)) {
            // Announced too large with tsize: refused before a byte is sent.
            client.sendToServer(TftpTestClient.request(true, "big.bin", "octet", "tsize", "1001"));
            assertThat(client.expect(SOON)).isInstanceOfSatisfying(Packet.Error.class,
                    e -> assertThat(e.code()).isEqualTo(3));
        }
        assertThat(root.resolve("big.bin")).doesNotExist();
        assertThat(hiddenFiles()).isEmpty();
    }

    @Test
    void netasciiGoesOutWithCrLfAndComesInAsLf() throws Exception {
        Files.writeString(root.resolve("text.txt"), "one\ntwo\rthree\n");
        InetSocketAddress server = serve(settings(true, true));
        try (TftpTestClient client = new TftpTestClient(server)) {
            assertThat(new String(client.get("text.txt", "netascii"), StandardCharsets.ISO_8859_1))
                    .isEqualTo("one\r\ntwo\r\0three\r\n");
        }
        try (TftpTestClient client = new TftpTestClient(server)) {
            client.put("up.txt", "a\r\nb\r\0c\r\n".getBytes(StandardCharsets.ISO_8859_1), "NetASCII");
        }
        assertThat(root.resolve("up.txt")).hasContent("a\nb\rc\n");
    }

    @Test
    void aSourcePastItsTransfersGetsError0FromTheServicesPort() throws Exception {
        Files.write(root.resolve("a.bin"), bytes(2000));
        TftpSettings one = new TftpSettings(root, false, false, 1468, 16, 256, 1, PortRange.ANY, UploadLimits.DEFAULTS);
        InetSocketAddress server = serve(one);
        try (TftpTestClient first = new TftpTestClient(server);
             TftpTestClient second = new TftpTestClient(server)) {
            first.sendToServer(TftpTestClient.request(false, "a.bin", "octet"));
            assertThat(first.expect(SOON)).isInstanceOf(Packet.Data.class);
            second.sendToServer(TftpTestClient.request(false, "a.bin", "octet", "tsize", "0", "blksize", "1468"));
            assertThat(second.expect(SOON)).isEqualTo(new Packet.Error(0, "too many transfers"));
            assertThat(second.from()).isEqualTo(server);
        }
    }

    @Test
    void aTransferTakesItsPortFromThePortRangeAndOneWithNoPortLeftGetsError0() throws Exception {
        Files.write(root.resolve("a.bin"), bytes(2000));
        int free;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            free = probe.getLocalPort();
        }
        TftpSettings onePort = new TftpSettings(root, false, false, 1468, 16, 256, 8, new PortRange(free, free),
                UploadLimits.DEFAULTS);
        InetSocketAddress server = serve(onePort);
        try (TftpTestClient first = new TftpTestClient(server);
             TftpTestClient second = new TftpTestClient(server)) {
            first.sendToServer(TftpTestClient.request(false, "a.bin", "octet"));
            assertThat(first.expect(SOON)).isInstanceOf(Packet.Data.class);
            assertThat(((InetSocketAddress) first.from()).getPort()).isEqualTo(free);
            second.sendToServer(TftpTestClient.request(false, "a.bin", "octet", "blksize", "1468", "tsize", "0"));
            assertThat(second.expect(SOON)).isEqualTo(new Packet.Error(0, "no free port for the transfer"));
        }
    }

    private InetSocketAddress serve(TftpSettings settings) {
        Endpoint bound = servers.datagram("tftp", TftpService.of(settings), StreamTransport.udp(false));
        return (InetSocketAddress) bound.address();
    }

    private TftpSettings settings(boolean write, boolean create) {
        return new TftpSettings(root, write || create, create, 1468, 16, 256, 8, PortRange.ANY, UploadLimits.DEFAULTS);
    }

    /** The upload's temporary files left in the root. */
    private List<Path> hiddenFiles() throws IOException {
        try (Stream<Path> files = Files.list(root)) {
            return files.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }

    /** Repeatable bytes that are not all alike. */
    static byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        new Random(n).nextBytes(bytes);
        return bytes;
    }
}
