package dev.socklab.services.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Server;
import dev.socklab.services.storage.UploadLimits;
import dev.socklab.testing.Await;
import dev.socklab.testing.ServerUnderTest;

/** RETR, STOR, APPE and REST over passive and active data connections, and the data connections no one else may take. */
@Timeout(30)
class FtpTransferTest {
    private static final InetAddress OTHER_LOOPBACK = InetAddress.ofLiteral("127.0.0.2");

    @TempDir
    Path root;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();
    byte[] content;

    @BeforeEach
    void files() throws IOException {
        content = new byte[300_000];
        new Random(959).nextBytes(content);
        Files.write(root.resolve("data.bin"), content);
    }

    private FtpTestClient login(FtpSettings settings, String user) throws IOException {
        FtpTestClient client = FtpTestClient.connect(TestFtp.serve(servers, settings));
        assertThat(client.login(user, TestFtp.PASSWORD).code()).isEqualTo(230);
        assertThat(client.send("TYPE I").code()).isEqualTo(200);
        return client;
    }

    private FtpTestClient login(String user) throws IOException {
        return login(TestFtp.settings(root), user);
    }

    @Test
    void retrSendsTheFileOverEpsvAndOverPasv() throws Exception {
        try (FtpTestClient client = login(TestFtp.READER)) {
            assertThat(client.retrieve("data.bin")).isEqualTo(content);
            Socket data = client.pasv();
            assertThat(client.send("RETR /data.bin").text()).isEqualTo(
                    "Opening BINARY mode data connection for data.bin (300000 bytes).");
            assertThat(FtpTestClient.readAll(data)).isEqualTo(content);
            assertThat(client.reply()).isEqualTo(new FtpTestClient.Reply(226, "Transfer complete."));
            assertThat(client.send("RETR missing.bin").code()).isEqualTo(550);
        }
    }

    @Test
    void restThenRetrSendsTheRestOfTheFileAndOnlyOnce() throws Exception {
        try (FtpTestClient client = login(TestFtp.READER)) {
            assertThat(client.send("REST 100000")).isEqualTo(new FtpTestClient.Reply(350, "Restart position accepted (100000)."));
            assertThat(client.retrieve("data.bin")).isEqualTo(Arrays.copyOfRange(content, 100_000, content.length));
            assertThat(client.retrieve("data.bin")).as("the offset is the next transfer's alone").isEqualTo(content);
            client.send("REST 999999999");
            assertThat(client.retrieve("data.bin")).isEmpty();
            assertThat(client.send("REST -1").code()).isEqualTo(501);
            assertThat(client.send("REST many").code()).isEqualTo(501);
        }
    }

    @Test
    void storThenRestStorAndAppeResumeAnUpload() throws Exception {
        try (FtpTestClient client = login(TestFtp.WRITER)) {
            byte[] first = Arrays.copyOf(content, 120_000);
            assertThat(client.store("STOR up.bin", first).code()).isEqualTo(226);
            assertThat(root.resolve("up.bin")).hasBinaryContent(first);
            // REST+STOR: the first 100000 bytes kept, the rest written after them (curl -C - -T).
            assertThat(client.send("REST 100000").code()).isEqualTo(350);
            assertThat(client.store("STOR up.bin", Arrays.copyOfRange(content, 100_000, 200_000)).code()).isEqualTo(226);
            assertThat(root.resolve("up.bin")).hasBinaryContent(Arrays.copyOf(content, 200_000));
            // APPE: the whole file kept.
            assertThat(client.store("APPE up.bin", Arrays.copyOfRange(content, 200_000, content.length)).code())
                    .isEqualTo(226);
            assertThat(root.resolve("up.bin")).hasBinaryContent(content);
            assertThat(client.store("APPE new.bin", first).code()).as("APPE creates").isEqualTo(226);
            assertThat(root.resolve("new.bin")).hasBinaryContent(first);
        }
    }

    @Test
    void aStoreIsATransferInProgressUntilItsDataConnectionCloses() throws Exception {
        FtpService service = new FtpService(TestFtp.settings(root));
        Server server = servers.start(Server.builder().stream("ftp", service,
                Endpoint.tcp(new InetSocketAddress("127.0.0.1", 0))));
        LongSupplier inProgress = service.gauges().getFirst().value();
        try (FtpTestClient client = FtpTestClient.connect(
                (InetSocketAddress) server.bindings().getFirst().endpoint().address())) {
            assertThat(client.login(TestFtp.WRITER, TestFtp.PASSWORD).code()).isEqualTo(230);
            Socket data = client.passive();
            assertThat(client.send("STOR up.bin").code()).isEqualTo(150);
            data.getOutputStream().write(new byte[1000]);
            Await.until(() -> inProgress.getAsLong() == 1, FtpTestClient.WAIT, "the store to be in progress");
            data.close();
            assertThat(client.reply().code()).isEqualTo(226);
            assertThat(inProgress.getAsLong()).isZero();
            // The data connection's bytes are the ftp listener's, with the control connection's commands.
            assertThat(server.listenerStats().getFirst().bytesIn()).isGreaterThan(1000);
        }
    }

    @Test
    void aResetDataConnectionLeavesTheOldFileAndNoTemporaryAndTheSessionGoesOn() throws Exception {
        try (FtpTestClient client = login(TestFtp.WRITER)) {
            Socket data = client.passive();
            assertThat(client.send("STOR data.bin").code()).isEqualTo(150);
            data.getOutputStream().write(new byte[50_000]);
            data.setSoLinger(true, 0);
            data.close(); // a reset, not a FIN: the upload was cut
            assertThat(client.reply().code()).isEqualTo(426);
            assertThat(root.resolve("data.bin")).hasBinaryContent(content);
            try (Stream<Path> left = Files.list(root)) {
                assertThat(left).containsExactly(root.resolve("data.bin"));
            }
            assertThat(client.retrieve("data.bin")).isEqualTo(content);
        }
    }

    @Test
    void aRetrWhoseDataConnectionIsResetEndsWith426AndTheSessionGoesOn() throws Exception {
        byte[] large = new byte[32 << 20];
        Files.write(root.resolve("large.bin"), large);
        try (FtpTestClient client = login(TestFtp.READER)) {
            Socket data = client.passive();
            assertThat(client.send("RETR large.bin").code()).isEqualTo(150);
            data.getInputStream().readNBytes(1000);
            data.setSoLinger(true, 0);
            data.close();
            assertThat(client.reply().code()).isIn(426, 226);
            assertThat(client.retrieve("data.bin")).isEqualTo(content);
        }
    }

    @Test
    void anUploadOverTheLimitIs552AndLeavesNothing() throws Exception {
        FtpSettings settings = TestFtp.settings(root, new UploadLimits(100_000, 1L << 30));
        try (FtpTestClient client = login(settings, TestFtp.WRITER)) {
            assertThat(client.store("STOR big.bin", content).code()).isEqualTo(552);
            assertThat(root.resolve("big.bin")).doesNotExist();
            try (Stream<Path> left = Files.list(root)) {
                assertThat(left).containsExactly(root.resolve("data.bin"));
            }
        }
    }

    @Test
    void aDataConnectionFromAnotherAddressIsRefusedAndTheClientsOwnStillComes() throws Exception {
        try (FtpTestClient client = login(TestFtp.READER)) {
            FtpTestClient.Reply epsv = client.send("EPSV");
            int port = Integer.parseInt(epsv.text().replaceAll(".*\\|\\|\\|(\\d+)\\|.*", "$1"));
            InetSocketAddress target = new InetSocketAddress(client.server().getAddress(), port);
            // Port theft: another host connects first; the runtime closes it, and it reads no byte of the file.
            try (Socket thief = new Socket()) {
                thief.bind(new InetSocketAddress(OTHER_LOOPBACK, 0));
                thief.connect(target, 10_000);
                thief.setSoTimeout(10_000);
                Socket data = new Socket();
                data.connect(target, 10_000);
                data.setSoTimeout(10_000);
                assertThat(client.send("RETR data.bin").code()).isEqualTo(150);
                assertThat(FtpTestClient.readAll(data)).isEqualTo(content);
                assertThat(client.reply().code()).isEqualTo(226);
                assertThat(readOrReset(thief)).isEmpty();
            }
        }
    }

    private static byte[] readOrReset(Socket socket) {
        try {
            return socket.getInputStream().readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    @Test
    void withNoDataConnectionWithinTheWaitTheTransferIs425() throws Exception {
        FtpSettings settings = TestFtp.settings(root).withDataWait(Duration.ofMillis(300));
        try (FtpTestClient client = login(settings, TestFtp.READER)) {
            assertThat(client.send("EPSV").code()).isEqualTo(229);
            assertThat(client.send("RETR data.bin").code()).isEqualTo(150);
            assertThat(client.reply().code()).isEqualTo(425);
            assertThat(client.send("RETR data.bin").code()).as("the listener is gone").isEqualTo(425);
        }
    }

    @Test
    void activeModeIsOffUnlessEnabled() throws Exception {
        try (FtpTestClient client = login(TestFtp.READER)) {
            assertThat(client.send("PORT 127,0,0,1,200,10").code()).isEqualTo(502);
            assertThat(client.send("EPRT |1|127.0.0.1|51210|").code()).isEqualTo(502);
        }
    }

    @Test
    void activeModeConnectsToTheClientsOwnAddress() throws Exception {
        try (FtpTestClient client = login(TestFtp.settings(root).withActive(), TestFtp.READER);
             ServerSocket listener = new ServerSocket(0, 1, InetAddress.ofLiteral("127.0.0.1"))) {
            assertThat(client.send("FEAT").text()).contains(" EPRT");
            int port = listener.getLocalPort();
            assertThat(client.send("PORT 127,0,0,1," + (port >> 8) + "," + (port & 0xff)).code()).isEqualTo(200);
            assertThat(client.send("RETR data.bin").code()).isEqualTo(150);
            listener.setSoTimeout(10_000);
            assertThat(FtpTestClient.readAll(listener.accept())).isEqualTo(content);
            assertThat(client.reply().code()).isEqualTo(226);
            assertThat(client.send("EPRT |1|127.0.0.1|" + port + "|").code()).isEqualTo(200);
            assertThat(client.send("RETR data.bin").code()).isEqualTo(150);
            assertThat(FtpTestClient.readAll(listener.accept())).isEqualTo(content);
            assertThat(client.reply().code()).isEqualTo(226);
        }
    }

    @Test
    void portAndEprtToAnotherAddressAreRefusedWithoutAConnect() throws Exception {
        try (FtpTestClient client = login(TestFtp.settings(root).withActive(), TestFtp.READER);
             ServerSocket bystander = new ServerSocket(0, 1, OTHER_LOOPBACK)) {
            int port = bystander.getLocalPort();
            FtpTestClient.Reply port1 = client.send("PORT 127,0,0,2," + (port >> 8) + "," + (port & 0xff));
            assertThat(port1.code()).isEqualTo(501);
            assertThat(port1.text()).contains("your own address alone, 127.0.0.1");
            assertThat(client.send("EPRT |1|127.0.0.2|" + port + "|").code()).isEqualTo(501);
            assertThat(client.send("PORT 127,0,0,1,0,25").code()).as("a privileged port").isEqualTo(501);
            assertThat(client.send("EPRT |1|example.com|2000|").code()).isEqualTo(501);
            assertThat(client.send("EPRT |3|x|1|").code()).isEqualTo(522);
            assertThat(client.send("PORT 1,2,3").code()).isEqualTo(501);
            assertThat(client.send("RETR data.bin").code()).isEqualTo(425);
            bystander.setSoTimeout(300);
            assertThat(acceptedWithin(bystander)).isFalse();
        }
    }

    private static boolean acceptedWithin(ServerSocket listener) throws IOException {
        try (Socket ignored = listener.accept()) {
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        }
    }

    @Test
    void epsvAllLeavesEpsvAlone() throws Exception {
        try (FtpTestClient client = login(TestFtp.settings(root).withActive(), TestFtp.READER)) {
            assertThat(client.send("EPSV ALL").code()).isEqualTo(200);
            assertThat(client.send("PASV").code()).isEqualTo(503);
            assertThat(client.send("PORT 127,0,0,1,200,10").code()).isEqualTo(503);
            assertThat(client.send("EPSV 2").code()).isEqualTo(522);
            assertThat(client.retrieve("data.bin")).isEqualTo(content);
        }
    }

    @Test
    void overIpv6EpsvServesAndPasvIsRefused() throws Exception {
        Server server = servers.start(Server.builder().stream("ftp", new FtpService(TestFtp.settings(root)),
                Endpoint.tcp(new InetSocketAddress(InetAddress.ofLiteral("::1"), 0))));
        try (FtpTestClient client = FtpTestClient.connect((InetSocketAddress) server.bindings().getFirst().endpoint().address())) {
            assertThat(client.login(TestFtp.READER, TestFtp.PASSWORD).code()).isEqualTo(230);
            assertThat(client.send("PASV").code()).isEqualTo(522);
            assertThat(client.send("EPSV 1").code()).isEqualTo(522);
            assertThat(client.retrieve("data.bin")).isEqualTo(content);
        }
    }

    @Test
    void abortWithNoTransferIs225AndDropsThePreparedDataConnection() throws Exception {
        try (FtpTestClient client = login(TestFtp.READER)) {
            assertThat(client.send("EPSV").code()).isEqualTo(229);
            assertThat(client.send("ABOR").code()).isEqualTo(225);
            assertThat(client.send("RETR data.bin").code()).isEqualTo(425);
        }
    }

    @Test
    void aListingInUtf8NamesItsFilesInUtf8() throws Exception {
        Files.writeString(root.resolve("été.txt"), "x");
        try (FtpTestClient client = login(TestFtp.READER)) {
            assertThat(client.listing("NLST")).contains("été.txt\r\n");
            assertThat(client.retrieve("été.txt")).isEqualTo("x".getBytes(StandardCharsets.UTF_8));
        }
    }
}
