package dev.socklab.services.storage;

import static dev.socklab.services.storage.UploadTest.assertKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, made honestly: a tmpfs of 256 KiB mounted on a temporary directory. Mounting needs
 * root (CI runs as root); where it is not permitted, the tests that need it are skipped, and only
 * the reading of the system's message is tested.
 */
class DiskFullTest {
    private static final long TINY_BYTES = 256 * 1024;
    private static final SocketAddress ALICE = new InetSocketAddress("127.0.0.1", 40000);

    @TempDir
    Path dir;

    private boolean mounted;

    @BeforeEach
    void mountATinyFileSystem() throws Exception {
        mounted = run("mount", "-t", "tmpfs", "-o", "size=" + TINY_BYTES + ",mode=0700", "tmpfs", dir.toString());
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            assertThat(run("umount", dir.toString())).as("umount " + dir).isTrue();
        }
    }

    @Test
    void aFullDiskEndsTheUploadAndRemovesThePartialFile() throws Exception {
        assumeTrue(mounted, "mounting a tmpfs is not permitted here");
        FileRoot root = FileRoot.of(dir, "--tftp-root", new UploadLimits(1L << 30, 1L << 30));
        try (FileRoot.Upload upload = root.startUpload(root.resolve(StoragePath.ROOT, "big"), true, true, 0, ALICE)) {
            assertKind(() -> {
                for (int i = 0; i < 2 * TINY_BYTES / 4096; i++) {
                    upload.write(ByteBuffer.allocate(4096));
                }
            }, StorageException.Kind.DISK_FULL);
        }
        assertThat(listing()).isEmpty();
        // The space and the source's count came back: a small file still fits.
        try (FileRoot.Upload upload = root.startUpload(root.resolve(StoragePath.ROOT, "small"), true, true, 0, ALICE)) {
            upload.write(ByteBuffer.allocate(4096));
            upload.commit();
        }
        assertThat(listing()).containsExactly("small");
    }

    @Test
    void aFullDiskWhileKeepingTheFirstBytesRemovesThePartialFile() throws Exception {
        assumeTrue(mounted, "mounting a tmpfs is not permitted here");
        Files.write(dir.resolve("big"), new byte[(int) (TINY_BYTES * 3 / 4)]);
        FileRoot root = FileRoot.of(dir, "--ftp-root", UploadLimits.DEFAULTS);
        assertKind(() -> root.startUpload(root.resolve(StoragePath.ROOT, "big"), true, true, TINY_BYTES * 3 / 4, ALICE),
                StorageException.Kind.DISK_FULL);
        assertThat(listing()).containsExactly("big");
    }

    @Test
    void theSystemsWordsForAFullDiskOrQuotaAreReadAsDiskFull() {
        assertThat(Failures.of(new IOException("No space left on device"), "x").kind()).isEqualTo(StorageException.Kind.DISK_FULL);
        assertThat(Failures.of(new FileSystemException("/r/a", null, "Disk quota exceeded"), "x").kind())
                .isEqualTo(StorageException.Kind.DISK_FULL);
        assertThat(Failures.of(new IOException("Input/output error"), "x").kind()).isEqualTo(StorageException.Kind.DENIED);
    }

    private java.util.List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return false;
        }
        return process.exitValue() == 0;
    }
}
