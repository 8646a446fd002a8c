package dev.socklab.services.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.services.storage.FileRoot;
import dev.socklab.services.storage.UploadLimits;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.ServerUnderTest;

/** USER and PASS: accounts, anonymous access, three failures and the close, and passwords kept out of the log. */
@Timeout(30)
class FtpLoginTest {
    @TempDir
    Path root;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    private InetSocketAddress serve() {
        return TestFtp.serve(servers, TestFtp.settings(root));
    }

    @Test
    void theGreetingIs220AndAnAccountLogsInWithItsPassword() throws Exception {
        try (FtpTestClient client = FtpTestClient.connect(serve())) {
            assertThat(client.greeting().code()).isEqualTo(220);
            assertThat(client.send("USER " + TestFtp.WRITER)).isEqualTo(new FtpTestClient.Reply(331, "Please specify the password."));
            assertThat(client.send("PASS " + TestFtp.PASSWORD)).isEqualTo(new FtpTestClient.Reply(230, "Login successful."));
            assertThat(client.send("USER " + TestFtp.READER).code()).isEqualTo(530);
            assertThat(client.send("QUIT")).isEqualTo(new FtpTestClient.Reply(221, "Goodbye."));
            assertThat(client.closed()).isTrue();
        }
    }

    @Test
    void anUnknownUserIsAskedForAPasswordAsAKnownOneIs() throws Exception {
        try (FtpTestClient client = FtpTestClient.connect(serve())) {
            assertThat(client.send("USER nobody-here").code()).isEqualTo(331);
            assertThat(client.send("PASS " + TestFtp.PASSWORD)).isEqualTo(new FtpTestClient.Reply(530, "Login incorrect."));
        }
    }

    @Test
    void theThirdFailedLoginIsAnsweredWith421AfterAPauseAndTheConnectionCloses() throws Exception {
        try (FtpTestClient client = FtpTestClient.connect(serve())) {
            assertThat(client.login(TestFtp.WRITER, "wrong").code()).isEqualTo(530);
            assertThat(client.login(TestFtp.WRITER, "wrong again").code()).isEqualTo(530);
            long start = System.nanoTime();
            assertThat(client.login(TestFtp.WRITER, "still wrong").code()).isEqualTo(421);
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
            assertThat(client.closed()).isTrue();
        }
    }

    @Test
    void beforeLoginOnlyTheLoginAndSessionCommandsAreAnswered() throws Exception {
        try (FtpTestClient client = FtpTestClient.connect(serve())) {
            for (String command : new String[] {"PWD", "CWD /", "LIST", "RETR a", "STOR a", "EPSV", "TYPE I", "SIZE a"}) {
                assertThat(client.send(command).code()).as(command).isEqualTo(530);
            }
            assertThat(client.send("SYST")).isEqualTo(new FtpTestClient.Reply(215, "UNIX Type: L8"));
            assertThat(client.send("NOOP").code()).isEqualTo(200);
            assertThat(client.send("FEAT").code()).isEqualTo(211);
            assertThat(client.send("PASS x").code()).isEqualTo(503);
        }
    }

    @Test
    void anonymousLogsInWithAnyPasswordToReadAlone() throws Exception {
        try (FtpTestClient client = FtpTestClient.connect(serve())) {
            assertThat(client.login("anonymous", "me@example.com").code()).isEqualTo(230);
            assertThat(client.send("PWD")).isEqualTo(new FtpTestClient.Reply(257, "\"/\" is the current directory"));
            assertThat(client.send("MKD new").code()).isEqualTo(550);
            assertThat(client.send("STOR new.txt").code()).isEqualTo(550);
        }
    }

    @Test
    void withNoAccountsNobodyLogsIn() throws Exception {
        FtpSettings settings = FtpSettings.of(FileRoot.of(root, "--ftp-root", UploadLimits.DEFAULTS), Accounts.NONE);
        try (FtpTestClient client = FtpTestClient.connect(TestFtp.serve(servers, settings))) {
            assertThat(client.login("anonymous", "x").code()).isEqualTo(530);
            assertThat(client.login(TestFtp.WRITER, TestFtp.PASSWORD).code()).isEqualTo(530);
        }
    }

    @Test
    void passwordsNeverReachTheLog() throws Exception {
        try (LogCapture log = LogCapture.socklab(); FtpTestClient client = FtpTestClient.connect(serve())) {
            client.login(TestFtp.WRITER, "a-wrong-password");
            client.login(TestFtp.WRITER, TestFtp.PASSWORD);
            client.send("QUIT");
            log.awaitContaining("logged in as alice");
            log.awaitContaining("failed login 1 of 3 as alice");
            assertThat(log.lines()).noneMatch(line -> line.contains("a-wrong-password") || line.contains(TestFtp.PASSWORD));
        }
    }

    @Test
    void anUnknownCommandIs502AndAnEmptyLine500() throws Exception {
        try (FtpTestClient client = FtpTestClient.connect(serve())) {
            assertThat(client.send("SITE CHMOD 777 a").code()).isEqualTo(502);
            assertThat(client.send("XMKD a").code()).isEqualTo(502);
            assertThat(client.send("").code()).isEqualTo(500);
        }
    }

    @Test
    void aClientTurnedAwayByALimitReads421() throws Exception {
        assertThat(new FtpService(TestFtp.settings(root)).refusalLine("too many connections"))
                .contains("421 socklab: too many connections");
    }
}
