package dev.socklab.services.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileRootWalkTest {
    @TempDir
    Path base;

    private Path dir;

    private FileRoot root;

    @BeforeEach
    void makeTree() throws Exception {
        // The root and what lies outside it share one temporary directory, which JUnit removes whole.
        dir = Files.createDirectory(base.resolve("root"));
        Path outside = Files.createDirectory(base.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "outside");
        Files.createDirectory(dir.resolve("pub"));
        Files.writeString(dir.resolve("pub/a.txt"), "hello");
        Files.writeString(dir.resolve("inside.txt"), "inside");
        Files.writeString(dir.resolve(".hidden"), "hidden");
        Files.createDirectory(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/config"), "hidden");
        Files.writeString(dir.resolve("pub/.upload-1234.part"), "half");
        Files.createSymbolicLink(dir.resolve("out-file"), outside.resolve("secret"));
        Files.createSymbolicLink(dir.resolve("out-dir"), outside);
        Files.createSymbolicLink(dir.resolve("pub/up"), dir.resolve(".."));
        Files.createSymbolicLink(dir.resolve("in-file"), dir.resolve("inside.txt"));
        Files.createSymbolicLink(dir.resolve("in-dir"), dir.resolve("pub"));
        root = FileRoot.of(dir, "--ftp-root", UploadLimits.DEFAULTS);
    }

    @Test
    void aRegularFileIsRead() throws Exception {
        StoragePath path = root.resolve(StoragePath.ROOT, "/pub/a.txt");
        assertThat(root.attributes(path).size()).isEqualTo(5);
        assertThat(read(path)).isEqualTo("hello");
    }

    @ParameterizedTest
    @ValueSource(strings = {"out-file", "out-dir", "out-dir/secret", "pub/up", "pub/up/secret", "pub/up/inside.txt",
        "in-file", "in-dir", "in-dir/a.txt"})
    void aLinkAnywhereOnThePathIsNotFollowedWhereverItLeads(String client) throws Exception {
        StoragePath path = root.resolve(StoragePath.ROOT, client);
        assertThatThrownBy(() -> root.attributes(path)).isInstanceOfSatisfying(StorageException.class,
                e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.NOT_FOUND));
        assertThatThrownBy(() -> root.openRead(path)).isInstanceOfSatisfying(StorageException.class,
                e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.NOT_FOUND));
    }

    @ParameterizedTest
    @ValueSource(strings = {".hidden", ".git/config", ".git", "pub/.upload-1234.part", "missing", "pub/a.txt/x"})
    void aHiddenNameOrNothingIsNotFound(String client) throws Exception {
        StoragePath path = root.resolve(StoragePath.ROOT, client);
        assertThatThrownBy(() -> root.openRead(path)).isInstanceOfSatisfying(StorageException.class,
                e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.NOT_FOUND));
    }

    @Test
    void aDirectoryIsNotOpenedAsAFile() throws Exception {
        assertThatThrownBy(() -> root.openRead(root.resolve(StoragePath.ROOT, "pub"))).isInstanceOfSatisfying(
                StorageException.class, e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.DENIED));
    }

    @Test
    void aListingShowsNeitherHiddenNamesNorLinks() throws Exception {
        Files.writeString(dir.resolve("b\u001bname"), "made outside the rules");
        assertThat(DirectoryListingTest.names(root, StoragePath.ROOT)).containsExactlyInAnyOrder("inside.txt", "pub");
        assertThat(DirectoryListingTest.names(root, root.resolve(StoragePath.ROOT, "pub"))).containsExactly("a.txt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"out-dir", "in-dir", ".git", "missing", "inside.txt"})
    void onlyAVisibleDirectoryIsListed(String client) throws Exception {
        StoragePath path = root.resolve(StoragePath.ROOT, client);
        assertThatThrownBy(() -> root.list(path)).isInstanceOfSatisfying(StorageException.class,
                e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.NOT_FOUND));
    }

    private String read(StoragePath path) throws Exception {
        try (FileChannel in = root.openRead(path)) {
            ByteBuffer buffer = ByteBuffer.allocate(64);
            in.read(buffer);
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        }
    }
}
