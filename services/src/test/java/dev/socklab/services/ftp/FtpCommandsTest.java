package dev.socklab.services.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.socklab.testing.ServerUnderTest;

/** The commands of every group but transfers: session, navigation, listing and changes, and the paths refused. */
@Timeout(30)
class FtpCommandsTest {
    @TempDir
    Path root;
    @TempDir
    Path outside;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();
    InetSocketAddress server;

    @BeforeEach
    void files() throws Exception {
        Files.createDirectories(root.resolve("pub/docs"));
        Files.writeString(root.resolve("pub/a.txt"), "twelve bytes");
        Files.setLastModifiedTime(root.resolve("pub/a.txt"), FileTime.from(Instant.parse("2026-01-02T03:04:05Z")));
        Files.writeString(root.resolve(".hidden"), "not shown");
        Files.writeString(outside.resolve("secret.txt"), "outside the root");
        server = TestFtp.serve(servers, TestFtp.settings(root));
    }

    private FtpTestClient login(String user) throws Exception {
        FtpTestClient client = FtpTestClient.connect(server);
        assertThat(client.login(user, TestFtp.PASSWORD).code()).isEqualTo(230);
        return client;
    }

    @Test
    void featListsWhatCurlLftpAndFtplibLookFor() throws Exception {
        try (FtpTestClient client = FtpTestClient.connect(server)) {
            FtpTestClient.Reply feat = client.send("FEAT");
            assertThat(feat.code()).isEqualTo(211);
            assertThat(feat.text().lines()).contains(" EPSV", " PASV", " SIZE", " MDTM", " REST STREAM", " UTF8",
                    " MLST type*;size*;modify*;perm*;");
            // No certificate: AUTH TLS is not offered. No --ftp-active: no EPRT.
            assertThat(feat.text()).doesNotContain("AUTH TLS", "EPRT");
            assertThat(client.send("OPTS UTF8 ON")).isEqualTo(new FtpTestClient.Reply(200, "Always in UTF8 mode."));
            assertThat(client.send("OPTS MLST type;size;")).isEqualTo(new FtpTestClient.Reply(200, "MLST OPTS type;size;"));
            assertThat(client.send("OPTS NOSUCH").code()).isEqualTo(501);
        }
    }

    @Test
    void typeTakesBinaryAndAscii() throws Exception {
        try (FtpTestClient client = login(TestFtp.READER)) {
            assertThat(client.send("TYPE I").code()).isEqualTo(200);
            assertThat(client.send("TYPE A").code()).isEqualTo(200);
            assertThat(client.send("TYPE L 8").code()).isEqualTo(200);
            assertThat(client.send("TYPE E").code()).isEqualTo(504);
        }
    }

    @Test
    void cwdCdupAndPwdWalkTheTreeAndStopAtTheRoot() throws Exception {
        try (FtpTestClient client = login(TestFtp.READER)) {
            assertThat(client.send("CWD pub").code()).isEqualTo(250);
            assertThat(client.send("PWD").text()).isEqualTo("\"/pub\" is the current directory");
            assertThat(client.send("CWD docs").code()).isEqualTo(250);
            assertThat(client.send("CDUP").code()).isEqualTo(250);
            assertThat(client.send("PWD").text()).startsWith("\"/pub\"");
            assertThat(client.send("CWD a.txt").code()).isEqualTo(550);
            assertThat(client.send("CWD nowhere").code()).isEqualTo(550);
            assertThat(client.send("CWD /").code()).isEqualTo(250);
            assertThat(client.send("CDUP").code()).as("above the root").isIn(250, 550);
            assertThat(client.send("PWD").text()).startsWith("\"/\"");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"../", "..", "/../..", "pub/../../", "..\\..", "%2e%2e/", "..%2f", "....//", "pub/../../../etc"})
    void noPathLeadsOutOfTheRoot(String path) throws Exception {
        try (FtpTestClient client = login(TestFtp.WRITER)) {
            String escape = path + outside.getFileName() + "/secret.txt";
            client.send("CWD " + path);
            assertThat(client.send("PWD").text()).as("PWD after CWD %s", path).isIn(
                    "\"/\" is the current directory", "\"/pub\" is the current directory");
            assertThat(client.send("SIZE " + escape).code()).isIn(550, 553);
            assertThat(client.send("RETR " + escape).code()).isIn(425, 550, 553);
            assertThat(client.send("DELE " + escape).code()).isIn(550, 553);
            assertThat(client.send("RNFR pub/a.txt").code()).isEqualTo(350);
            assertThat(client.send("RNTO " + path + "stolen.txt").code()).isIn(250, 550, 553);
            assertThat(outside.resolve("stolen.txt")).doesNotExist();
            assertThat(outside.getParent().resolve("stolen.txt")).doesNotExist();
        }
        assertThat(outside.resolve("secret.txt")).hasContent("outside the root");
    }

    @Test
    void aPathWithAControlCharacterOrNulIsRefused() throws Exception {
        try (FtpTestClient client = login(TestFtp.WRITER)) {
            assertThat(client.sendBytes("MKD a\u0001b\r\n".getBytes(StandardCharsets.UTF_8)).code()).isIn(550, 553);
            assertThat(client.sendBytes("MKD a\0b\r\n".getBytes(StandardCharsets.UTF_8)).code()).isIn(550, 553);
            assertThat(client.send("CWD .hidden").code()).isEqualTo(550);
        }
    }

    @Test
    void sizeMdtmAndMlstDescribeAFile() throws Exception {
        try (FtpTestClient client = login(TestFtp.READER)) {
            assertThat(client.send("SIZE /pub/a.txt")).isEqualTo(new FtpTestClient.Reply(213, "12"));
            assertThat(client.send("MDTM pub/a.txt")).isEqualTo(new FtpTestClient.Reply(213, "20260102030405"));
            assertThat(client.send("SIZE pub").code()).isEqualTo(550);
            assertThat(client.send("SIZE pub/missing").code()).isEqualTo(550);
            FtpTestClient.Reply mlst = client.send("MLST pub/a.txt");
            assertThat(mlst.code()).isEqualTo(250);
            assertThat(mlst.text().lines()).contains(" type=file;size=12;modify=20260102030405;perm=r; /pub/a.txt");
        }
    }

    @Test
    void listNlstAndMlsdShowTheVisibleEntries() throws Exception {
        try (FtpTestClient client = login(TestFtp.READER)) {
            assertThat(client.listing("NLST")).isEqualTo("pub\r\n");
            // In the directory's own order, which is no order: a listing is sent as it is read.
            assertThat(FtpTestClient.lines(client.listing("LIST -la pub"))).satisfiesExactlyInAnyOrder(
                    line -> assertThat(line).matches("-rw-r--r-- +1 ftp +ftp +12 Jan 02 {1,2}2026 a\\.txt"),
                    line -> assertThat(line).matches("drwxr-xr-x +2 ftp +ftp +\\d+ \\w{3} \\d\\d [ \\d:]{5} docs"));
            assertThat(FtpTestClient.lines(client.listing("MLSD pub"))).satisfiesExactlyInAnyOrder(
                    line -> assertThat(line).isEqualTo("type=file;size=12;modify=20260102030405;perm=r; a.txt"),
                    line -> assertThat(line).matches("type=dir;modify=\\d{14};perm=el; docs"));
            assertThat(client.listing("LIST pub/a.txt")).contains(" a.txt\r\n");
            assertThat(client.listing("LIST")).doesNotContain(".hidden");
            assertThat(client.send("MLSD pub/a.txt").code()).isEqualTo(501);
            assertThat(client.send("LIST nowhere").code()).isEqualTo(550);
        }
    }

    @Test
    void aListingWithNoDataConnectionPreparedIs425() throws Exception {
        try (FtpTestClient client = login(TestFtp.READER)) {
            assertThat(client.send("LIST").code()).isEqualTo(425);
        }
    }

    @Test
    void aWriterMakesRenamesStampsAndRemoves() throws Exception {
        try (FtpTestClient client = login(TestFtp.WRITER)) {
            assertThat(client.send("MKD pub/new \"dir\"")).isEqualTo(
                    new FtpTestClient.Reply(257, "\"/pub/new \"\"dir\"\"\" created"));
            assertThat(root.resolve("pub/new \"dir\"")).isDirectory();
            assertThat(client.send("RMD pub/new \"dir\"").code()).isEqualTo(250);
            assertThat(client.send("RNFR pub/a.txt").code()).isEqualTo(350);
            assertThat(client.send("RNTO pub/b.txt").code()).isEqualTo(250);
            assertThat(root.resolve("pub/b.txt")).hasContent("twelve bytes");
            assertThat(client.send("RNTO pub/c.txt")).isEqualTo(new FtpTestClient.Reply(503, "RNFR required first."));
            assertThat(client.send("MFMT 20200304050607 pub/b.txt"))
                    .isEqualTo(new FtpTestClient.Reply(213, "Modify=20200304050607; /pub/b.txt"));
            assertThat(Files.getLastModifiedTime(root.resolve("pub/b.txt")).toInstant())
                    .isEqualTo(Instant.parse("2020-03-04T05:06:07Z"));
            assertThat(client.send("MFMT yesterday pub/b.txt").code()).isEqualTo(501);
            assertThat(client.send("RMD pub").code()).as("not empty").isEqualTo(550);
            assertThat(client.send("DELE pub/b.txt").code()).isEqualTo(250);
            assertThat(root.resolve("pub/b.txt")).doesNotExist();
            assertThat(client.send("DELE pub/b.txt").code()).isEqualTo(550);
        }
    }

    @Test
    void rntoMustFollowRnfrAtOnceAndNeverReplaces() throws Exception {
        Files.writeString(root.resolve("pub/b.txt"), "b");
        try (FtpTestClient client = login(TestFtp.WRITER)) {
            assertThat(client.send("RNFR pub/a.txt").code()).isEqualTo(350);
            client.send("NOOP");
            assertThat(client.send("RNTO pub/c.txt").code()).isEqualTo(503);
            assertThat(client.send("RNFR pub/a.txt").code()).isEqualTo(350);
            assertThat(client.send("RNTO pub/b.txt").code()).isEqualTo(550);
            assertThat(root.resolve("pub/b.txt")).hasContent("b");
            assertThat(client.send("RNFR pub/missing").code()).isEqualTo(550);
        }
    }

    @Test
    void aReadOnlyAccountChangesNothing() throws Exception {
        try (FtpTestClient client = login(TestFtp.READER)) {
            for (String command : new String[] {"DELE pub/a.txt", "MKD x", "RMD pub/docs", "RNFR pub/a.txt",
                    "RNTO x", "MFMT 20200101000000 pub/a.txt", "STOR x", "APPE pub/a.txt"}) {
                assertThat(client.send(command)).as(command)
                        .isEqualTo(new FtpTestClient.Reply(550, "Permission denied: this account may only read."));
            }
        }
        assertThat(root.resolve("pub/a.txt")).hasContent("twelve bytes");
        assertThat(root.resolve("pub/docs")).isDirectory();
        assertThat(root.resolve("x")).doesNotExist();
    }
}
