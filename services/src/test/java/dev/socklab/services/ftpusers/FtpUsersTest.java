package dev.socklab.services.ftpusers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.socklab.runtime.SettingException;
import dev.socklab.testing.Tools;

class FtpUsersTest {
    @TempDir
    Path dir;

    @Test
    void anAccountAddedIsAuthenticatedWithItsPasswordOnly() throws Exception {
        Path file = dir.resolve("users");
        assertThat(FtpUsers.set(file, "alice", "s3cret pass".toCharArray(), false)).isEqualTo(FtpUsers.Change.ADDED);
        assertThat(FtpUsers.set(file, "bob", "bobs".toCharArray(), true)).isEqualTo(FtpUsers.Change.ADDED);
        FtpUsers users = FtpUsers.load(file);
        assertThat(users.authenticate("alice", "s3cret pass".toCharArray())).contains(new FtpUsers.Account("alice", false));
        assertThat(users.authenticate("bob", "bobs".toCharArray())).contains(new FtpUsers.Account("bob", true));
        assertThat(users.authenticate("alice", "s3cret Pass".toCharArray())).isEmpty();
        assertThat(users.authenticate("alice", "bobs".toCharArray())).isEmpty();
        assertThat(users.authenticate("carol", "bobs".toCharArray())).isEmpty();
        assertThat(users.authenticate("Alice", "s3cret pass".toCharArray())).isEmpty();
        assertThat(Files.readString(file)).containsPattern("(?m)^alice:\\$2y\\$10\\$[./A-Za-z0-9]{53}\n")
                .containsPattern("(?m)^bob:\\$2y\\$10\\$[./A-Za-z0-9]{53}:read-only\n");
    }

    @Test
    void aNewFileIsTheOwnersOnlyAndAChangedOneKeepsItsModeCommentsAndOtherLines() throws Exception {
        Path file = dir.resolve("users");
        FtpUsers.set(file, "alice", "one".toCharArray(), false);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        String bob = "bob:" + Bcrypt.hash("bobs".toCharArray(), 4);
        Files.writeString(file, "# the lab's accounts\n" + Files.readString(file) + "\n" + bob + ":read-only\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertThat(FtpUsers.set(file, "alice", "two".toCharArray(), true)).isEqualTo(FtpUsers.Change.CHANGED);

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("# the lab's accounts");
        assertThat(lines.get(1)).startsWith("alice:$2y$10$").endsWith(":read-only");
        assertThat(lines.get(2)).isEmpty();
        assertThat(lines.get(3)).isEqualTo(bob + ":read-only");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        FtpUsers users = FtpUsers.load(file);
        assertThat(users.authenticate("alice", "one".toCharArray())).isEmpty();
        assertThat(users.authenticate("alice", "two".toCharArray())).contains(new FtpUsers.Account("alice", true));
        assertThat(users.authenticate("bob", "bobs".toCharArray())).contains(new FtpUsers.Account("bob", true));
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "alice:", "alice:$2y$10$short", "alice:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=",
        "alice:$apr1$abc$def", ":$2y$04$abcdefghijklmnopqrstuu5L1fYz0p2b8o5L1fYz0p2b8o5L1fYz0",
        "alice:$2y$04$abcdefghijklmnopqrstuu5L1fYz0p2b8o5L1fYz0p2b8o5L1fYz0:rw",
        "alice:$2y$04$abcdefghijklmnopqrstuu5L1fYz0p2b8o5L1fYz0p2b8o5L1fYz0:read-only:x",
        "al ice:$2y$04$abcdefghijklmnopqrstuu5L1fYz0p2b8o5L1fYz0p2b8o5L1fYz0"})
    void aWrongLineIsASettingErrorNamingItsNumber(String line) throws Exception {
        Path file = Files.writeString(dir.resolve("users"), "# accounts\n" + line + "\n");
        assertThatThrownBy(() -> FtpUsers.load(file)).isInstanceOf(SettingException.class)
                .hasMessageStartingWith("line 2 of the FTP users file " + file + " is wrong (")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aNameTwiceIsASettingErrorNamingBothLines() throws Exception {
        String hash = Bcrypt.hash("x".toCharArray(), 4);
        Path file = Files.writeString(dir.resolve("users"), "alice:" + hash + "\n\nalice:" + hash + "\n");
        assertThatThrownBy(() -> FtpUsers.load(file)).isInstanceOf(SettingException.class)
                .hasMessageContaining("names alice on line 1 and again on line 3");
    }

    @Test
    void aMissingFileIsASettingErrorWithAHint() {
        assertThatThrownBy(() -> FtpUsers.load(dir.resolve("none"))).isInstanceOf(SettingException.class)
                .hasMessageContaining("cannot be read (no such file)").hasMessageEndingWith("socklab ftp-passwd");
    }

    @Test
    void aNameThatCannotBeAnAccountIsRefusedBeforeTheFileIsTouched() {
        for (String name : List.of("", "a:b", "a b", "#a", "a\nb")) {
            assertThatThrownBy(() -> FtpUsers.set(dir.resolve("users"), name, "x".toCharArray(), false))
                    .isInstanceOf(SettingException.class);
        }
        assertThat(dir.resolve("users")).doesNotExist();
    }

    @Test
    void anEmptyPasswordOrOneLongerThanBcryptReadsIsRefused() throws Exception {
        Path file = dir.resolve("users");
        assertThatThrownBy(() -> FtpUsers.set(file, "alice", new char[0], false)).isInstanceOf(SettingException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> FtpUsers.set(file, "alice", "é".repeat(37).toCharArray(), false))
                .isInstanceOf(SettingException.class).hasMessageContaining("72 bytes");
        assertThat(file).doesNotExist();
        FtpUsers.set(file, "alice", "é".repeat(36).toCharArray(), false);
        assertThat(FtpUsers.load(file).authenticate("alice", "é".repeat(36).toCharArray())).isPresent();
    }

    @Test
    void anUnknownNameIsCheckedAgainstADummyHashOfTheFilesCost() throws Exception {
        Path file = Files.writeString(dir.resolve("users"), "alice:" + Bcrypt.hash("x".toCharArray(), 4) + "\n");
        FtpUsers users = FtpUsers.load(file);
        // A dummy of the default cost 10 would take 64 times as long as this file's cost-4 checks, and no
        // check at all next to nothing: either shows. The median of a few, the machine's load being what it is.
        long known = medianNanos(() -> users.authenticate("alice", "y".toCharArray()));
        long unknown = medianNanos(() -> users.authenticate("mallory", "y".toCharArray()));
        assertThat(unknown).isLessThan(known * 20 + TimeUnit.MILLISECONDS.toNanos(20));
        assertThat(unknown).isGreaterThan(known / 20);
    }

    @Test
    void aLineHtpasswdWroteAuthenticates() throws Exception {
        String htpasswd = Tools.require("htpasswd");
        Path file = dir.resolve("users");
        Process process = new ProcessBuilder(htpasswd, "-B", "-b", "-c", file.toString(), "alice", "pass word")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        FtpUsers users = FtpUsers.load(file);
        assertThat(users.authenticate("alice", "pass word".toCharArray())).contains(new FtpUsers.Account("alice", false));
        assertThat(users.authenticate("alice", "password".toCharArray())).isEmpty();
        FtpUsers.set(file, "bob", "b".toCharArray(), true);
        assertThat(FtpUsers.load(file).authenticate("alice", "pass word".toCharArray())).isPresent();
    }

    private static long medianNanos(Runnable check) {
        long[] times = new long[5];
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            check.run();
            times[i] = System.nanoTime() - start;
        }
        Arrays.sort(times);
        return times[times.length / 2];
    }
}
