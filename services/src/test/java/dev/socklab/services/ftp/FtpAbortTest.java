package dev.socklab.services.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.testing.ServerUnderTest;

/**
 * ABOR during a transfer (RFC 959 section 4.1.3): the data connection closed, 426 for the transfer,
 * 226 for the ABOR, sent as Telnet IP and Synch with urgent data or plain; and any other command
 * sent during a transfer answered after it.
 */
@Timeout(30)
class FtpAbortTest {
    /** Far more than loopback's socket buffers hold: a download the client stops reading blocks the server's write. */
    private static final int LARGE = 32 << 20;

    @TempDir
    Path root;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();
    byte[] content;

    @BeforeEach
    void files() throws IOException {
        content = new byte[100_000];
        new Random(4113).nextBytes(content);
        Files.write(root.resolve("data.bin"), content);
        Files.write(root.resolve("large.bin"), new byte[LARGE]);
    }

    private FtpTestClient login(String user) throws IOException {
        FtpTestClient client = FtpTestClient.connect(TestFtp.serve(servers, TestFtp.settings(root)));
        assertThat(client.login(user, TestFtp.PASSWORD).code()).isEqualTo(230);
        assertThat(client.send("TYPE I").code()).isEqualTo(200);
        return client;
    }

    @Test
    void aborWithTelnetSynchDuringADownloadTheClientStoppedReadingIs426Then226() throws Exception {
        try (FtpTestClient client = login(TestFtp.READER)) {
            Socket data = client.passive();
            assertThat(client.send("RETR large.bin").code()).isEqualTo(150);
            assertThat(data.getInputStream().readNBytes(1000)).hasSize(1000);
            client.abortAsTelnetDoes();
            assertThat(client.reply()).isEqualTo(new FtpTestClient.Reply(426, "Transfer aborted by ABOR."));
            assertThat(client.reply()).isEqualTo(new FtpTestClient.Reply(226, "ABOR successful."));
            assertThat(received(data)).as("the data connection ended before the file did").isLessThan(LARGE - 1000);
            assertThat(client.retrieve("data.bin")).as("the session goes on").isEqualTo(content);
        }
    }

    @Test
    void aborAsAPlainCommandDuringAnUploadLeavesNoFile() throws Exception {
        try (FtpTestClient client = login(TestFtp.WRITER)) {
            Socket data = client.passive();
            assertThat(client.send("STOR new.bin").code()).isEqualTo(150);
            data.getOutputStream().write(new byte[50_000]);
            client.sendOnly("ABOR");
            assertThat(client.reply().code()).isEqualTo(426);
            assertThat(client.reply().code()).isEqualTo(226);
            data.close();
            // Answered once STOR has returned, which removed its temporary file.
            assertThat(client.send("NOOP").code()).isEqualTo(200);
            try (Stream<Path> left = Files.list(root)) {
                assertThat(left).containsExactlyInAnyOrder(root.resolve("data.bin"), root.resolve("large.bin"));
            }
        }
    }

    @Test
    void quitDuringATransferIsAnsweredOnceTheTransferIsComplete() throws Exception {
        try (FtpTestClient client = login(TestFtp.READER)) {
            Socket data = client.passive();
            assertThat(client.send("RETR large.bin").code()).isEqualTo(150);
            // The server cannot finish before the client reads: QUIT comes during the transfer.
            client.sendOnly("QUIT");
            assertThat(FtpTestClient.readAll(data)).hasSize(LARGE);
            assertThat(client.reply()).isEqualTo(new FtpTestClient.Reply(226, "Transfer complete."));
            assertThat(client.reply().code()).isEqualTo(221);
            assertThat(client.closed()).isTrue();
        }
    }

    @Test
    void aborWithTelnetSynchAndNoTransferIs225() throws Exception {
        try (FtpTestClient client = login(TestFtp.READER)) {
            client.abortAsTelnetDoes();
            assertThat(client.reply().code()).isEqualTo(225);
            assertThat(client.sendBytes(new byte[] {(byte) 0xff, (byte) 0xf4, (byte) 0xff, (byte) 0xf2, 'N', 'O', 'O', 'P',
                    '\r', '\n'}).code()).as("Telnet bytes before any command").isEqualTo(200);
        }
    }

    /** What the data connection still carries until the server's reset or close ends it. */
    private static long received(Socket data) throws IOException {
        long n = 0;
        try (data; InputStream in = data.getInputStream()) {
            byte[] buffer = new byte[64 * 1024];
            for (int got = in.read(buffer); got >= 0; got = in.read(buffer)) {
                n += got;
            }
        } catch (SocketException e) {
            // The reset the ABOR sent.
        }
        return n;
    }
}
