package dev.socklab.services.storage;

import static dev.socklab.services.storage.UploadTest.assertKind;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRootChangesTest {
    @TempDir
    Path base;

    private Path dir;
    private Path outside;
    private FileRoot root;

    @BeforeEach
    void makeTree() throws Exception {
        dir = Files.createDirectory(base.resolve("root"));
        outside = Files.createDirectory(base.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "outside");
        Files.createDirectory(dir.resolve("pub"));
        Files.writeString(dir.resolve("pub/a.txt"), "hello");
        Files.writeString(dir.resolve(".hidden"), "hidden");
        Files.createSymbolicLink(dir.resolve("out-dir"), outside);
        Files.createSymbolicLink(dir.resolve("out-file"), outside.resolve("secret"));
        root = FileRoot.of(dir, "--ftp-root", UploadLimits.DEFAULTS);
    }

    @Test
    void aDirectoryIsMadeOnceAndOnlyUnderAVisibleDirectory() throws Exception {
        root.makeDirectory(path("pub/new"));
        assertThat(dir.resolve("pub/new")).isDirectory();
        assertKind(() -> root.makeDirectory(path("pub/new")), StorageException.Kind.EXISTS);
        assertKind(() -> root.makeDirectory(path("pub/a.txt")), StorageException.Kind.EXISTS);
        assertKind(() -> root.makeDirectory(path("pub/.git")), StorageException.Kind.BAD_NAME);
        assertKind(() -> root.makeDirectory(path("out-dir/x")), StorageException.Kind.NOT_FOUND);
        assertKind(() -> root.makeDirectory(StoragePath.ROOT), StorageException.Kind.EXISTS);
        assertThat(outside.resolve("x")).doesNotExist();
    }

    @Test
    void onlyAnEmptyDirectoryIsRemovedAndNeverALinkToOne() throws Exception {
        assertKind(() -> root.removeDirectory(path("pub")), StorageException.Kind.DENIED);
        assertKind(() -> root.removeDirectory(path("pub/a.txt")), StorageException.Kind.DENIED);
        assertKind(() -> root.removeDirectory(path("out-dir")), StorageException.Kind.NOT_FOUND);
        assertKind(() -> root.removeDirectory(StoragePath.ROOT), StorageException.Kind.DENIED);
        Files.createDirectory(dir.resolve("empty"));
        root.removeDirectory(path("empty"));
        assertThat(dir.resolve("empty")).doesNotExist();
        assertThat(outside).isDirectory();
    }

    @Test
    void onlyAVisibleRegularFileIsDeleted() throws Exception {
        assertKind(() -> root.delete(path("pub")), StorageException.Kind.DENIED);
        assertKind(() -> root.delete(path("out-file")), StorageException.Kind.NOT_FOUND);
        assertKind(() -> root.delete(path(".hidden")), StorageException.Kind.NOT_FOUND);
        assertKind(() -> root.delete(path("missing")), StorageException.Kind.NOT_FOUND);
        root.delete(path("pub/a.txt"));
        assertThat(dir.resolve("pub/a.txt")).doesNotExist();
        assertThat(dir.resolve(".hidden")).exists();
        assertThat(dir.resolve("out-file")).exists();
        assertThat(outside.resolve("secret")).exists();
    }

    @Test
    void aRenameStaysInsideTheRootAndNeverTakesAnExistingOrHiddenName() throws Exception {
        Files.writeString(dir.resolve("b.txt"), "b");
        assertKind(() -> root.rename(path("b.txt"), path("pub/a.txt")), StorageException.Kind.EXISTS);
        assertKind(() -> root.rename(path("b.txt"), path("pub")), StorageException.Kind.EXISTS);
        assertKind(() -> root.rename(path("b.txt"), path(".b")), StorageException.Kind.BAD_NAME);
        assertKind(() -> root.rename(path("b.txt"), path("out-dir/b.txt")), StorageException.Kind.NOT_FOUND);
        assertKind(() -> root.rename(path(".hidden"), path("shown")), StorageException.Kind.NOT_FOUND);
        assertKind(() -> root.rename(path("out-file"), path("mine")), StorageException.Kind.NOT_FOUND);
        assertKind(() -> root.rename(path("pub"), path("pub/deeper")), StorageException.Kind.DENIED);
        assertKind(() -> root.rename(StoragePath.ROOT, path("x")), StorageException.Kind.DENIED);
        assertThat(Files.readString(dir.resolve("pub/a.txt"))).isEqualTo("hello");

        root.rename(path("b.txt"), path("pub/c.txt"));
        root.rename(path("pub"), path("renamed"));
        assertThat(Files.readString(dir.resolve("renamed/c.txt"))).isEqualTo("b");
        assertThat(outside.resolve("b.txt")).doesNotExist();
    }

    @Test
    void theModificationTimeIsSetOnARegularFileOnly() throws Exception {
        FileTime time = FileTime.from(Instant.parse("2020-02-29T12:34:56Z"));
        root.setModified(path("pub/a.txt"), time);
        assertThat(Files.getLastModifiedTime(dir.resolve("pub/a.txt"))).isEqualTo(time);
        assertKind(() -> root.setModified(path("pub"), time), StorageException.Kind.DENIED);
        assertKind(() -> root.setModified(path("out-file"), time), StorageException.Kind.NOT_FOUND);
        assertThat(Files.getLastModifiedTime(outside.resolve("secret"), LinkOption.NOFOLLOW_LINKS)).isNotEqualTo(time);
    }

    private StoragePath path(String client) throws StorageException {
        return root.resolve(StoragePath.ROOT, client);
    }
}
