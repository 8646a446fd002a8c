package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

import dev.socklab.services.ftpusers.FtpUsers;
import dev.socklab.testing.Tools;

/**
 * {@code socklab ftp-passwd}: a password piped in becomes an account the FTP service authenticates.
 * (The terminal's twice-asked prompt needs a terminal, which these in-process runs have not.)
 */
// System.in is swapped, by a test that holds System.out as the others that swap it do (ChatCommandTest).
@ResourceLock(Resources.SYSTEM_OUT)
@Timeout(60)
class FtpPasswdCommandTest {
    @TempDir
    Path dir;

    @Test
    void aPipedPasswordAddsAnAccountThenChangesIt() throws Exception {
        Path file = dir.resolve("ftp-users");

        CommandRun added = withInput("first secret\n", "ftp-passwd", file.toString(), "alice");
        assertThat(added.exitCode()).as("stderr: %s", added.err()).isZero();
        assertThat(added.out()).isEqualTo("added alice" + System.lineSeparator());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(FtpUsers.load(file).authenticate("alice", "first secret".toCharArray()))
                .contains(new FtpUsers.Account("alice", false));

        CommandRun changed = withInput("second\r\n", "ftp-passwd", file.toString(), "alice", "--read-only");
        assertThat(changed.exitCode()).as("stderr: %s", changed.err()).isZero();
        assertThat(changed.out()).isEqualTo("changed alice" + System.lineSeparator());
        FtpUsers users = FtpUsers.load(file);
        assertThat(users.authenticate("alice", "second".toCharArray())).contains(new FtpUsers.Account("alice", true));
        assertThat(users.authenticate("alice", "first secret".toCharArray())).isEmpty();
    }

    @Test
    void noPasswordAnEmptyOneOrABadNameIsAUsageError() throws Exception {
        Path file = dir.resolve("ftp-users");
        withInput("", "ftp-passwd", file.toString(), "alice").failedWith(ExitCode.USAGE, "standard input held no password");
        withInput("\n", "ftp-passwd", file.toString(), "alice").failedWith(ExitCode.USAGE, "the password is empty");
        withInput("pw\n", "ftp-passwd", file.toString(), "al:ice").failedWith(ExitCode.USAGE, "cannot name an FTP account");
        assertThat(file).doesNotExist();
    }

    @Test
    void aFileWithAWrongLineIsLeftAsItWas() throws Exception {
        Path file = Files.writeString(dir.resolve("ftp-users"), "# accounts\nalice:plain\n");
        withInput("pw\n", "ftp-passwd", file.toString(), "bob").failedWith(ExitCode.USAGE, "line 2 of the FTP users file");
        assertThat(Files.readString(file)).isEqualTo("# accounts\nalice:plain\n");
    }

    @Test
    void aFileThatCannotBeWrittenIsAUsageErrorNamingIt() throws Exception {
        Path file = dir.resolve("missing-dir/ftp-users");
        withInput("pw\n", "ftp-passwd", file.toString(), "alice").failedWith(ExitCode.USAGE, "cannot write " + file);
    }

    @Test
    void anAccountAddedBesideOneHtpasswdMadeKeepsBoth() throws Exception {
        String htpasswd = Tools.require("htpasswd");
        Path file = dir.resolve("ftp-users");
        Process process = new ProcessBuilder(htpasswd, "-B", "-b", "-c", file.toString(), "carol", "carols")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();

        assertThat(withInput("bobs\n", "ftp-passwd", file.toString(), "bob").exitCode()).isZero();

        FtpUsers users = FtpUsers.load(file);
        assertThat(users.authenticate("carol", "carols".toCharArray())).contains(new FtpUsers.Account("carol", false));
        assertThat(users.authenticate("bob", "bobs".toCharArray())).contains(new FtpUsers.Account("bob", false));
    }

    private static CommandRun withInput(String input, String... args) {
        InputStream in = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            return CommandRun.of(args);
        } finally {
            System.setIn(in);
        }
    }
}
