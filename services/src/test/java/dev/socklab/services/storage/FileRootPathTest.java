package dev.socklab.services.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.socklab.runtime.SettingException;

class FileRootPathTest {
    private static final StoragePath PUB = new StoragePath(List.of("pub"));

    @TempDir
    Path dir;

    private FileRoot root;

    @BeforeEach
    void makeRoot() {
        root = FileRoot.of(dir, "--tftp-root", UploadLimits.DEFAULTS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a.txt            | /pub/a.txt",
        "./a.txt          | /pub/a.txt",
        "../a.txt         | /a.txt",
        "..               | /",
        "''               | /pub",
        "/                | /",
        "/a/b             | /a/b",
        "//a//b/          | /a/b",
        "/a/./b/../c      | /a/c",
        "a/../../b        | /b",
        "/a/../..x        | /..x",
        "...              | /pub/...",
        ".hidden          | /pub/.hidden",
        "ä ö/€ name       | /pub/ä ö/€ name",
    })
    void aPathIsNormalisedFromTheRootOrTheWorkingDirectory(String client, String shown) throws Exception {
        assertThat(root.resolve(PUB, client).shown()).isEqualTo(shown);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../..", "../../etc/passwd", "/..", "/../..", "/../etc/passwd", "a/../../..", "../../b",
        "//..//..", "/./../x"})
    void aDotDotAboveTheRootIsABadName(String client) {
        assertThatThrownBy(() -> root.resolve(PUB, client)).isInstanceOfSatisfying(StorageException.class,
                e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.BAD_NAME));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..\\..\\etc\\passwd", "..\\", "a\\b", "\\", "a\u0000b", "a\u0000/../../x", "\u0000",
        "a\nb", "a\rb", "a\tb", "\u001b[2J", "x\u007f", "x\u0085", "x\u009b"})
    void aBackslashNulOrControlCharacterIsABadName(String client) {
        assertThatThrownBy(() -> root.resolve(StoragePath.ROOT, client)).isInstanceOfSatisfying(StorageException.class,
                e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.BAD_NAME));
    }

    @Test
    void aPercentEncodedDotDotIsJustAName() throws Exception {
        // Decoding is the protocol's business (none of TFTP's or FTP's paths is encoded): here %2e%2e is a name.
        assertThat(root.resolve(StoragePath.ROOT, "%2e%2e/%2e%2e/x").names()).containsExactly("%2e%2e", "%2e%2e", "x");
    }

    @Test
    void aStoragePathMadeByHandStillKeepsTheRules() {
        assertThatThrownBy(() -> new StoragePath(List.of(".."))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StoragePath(List.of("a/b"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StoragePath(List.of(""))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StoragePath(List.of("a\u0000"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRootThatIsNoDirectoryIsASettingErrorNamingTheFlag() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> FileRoot.of(file, "--ftp-root", UploadLimits.DEFAULTS))
                .isInstanceOf(SettingException.class).hasMessageStartingWith("--ftp-root ").hasMessageContaining("not a directory");
        assertThatThrownBy(() -> FileRoot.of(dir.resolve("missing"), "--tftp-root", UploadLimits.DEFAULTS))
                .isInstanceOf(SettingException.class).hasMessageContaining("no such file");
    }

    @Test
    void theRootIsItsRealPath() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link"), dir);
        assertThat(FileRoot.of(link, "--tftp-root", UploadLimits.DEFAULTS).path()).isEqualTo(dir.toRealPath());
    }
}
