package dev.socklab.services.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadTest {
    private static final SocketAddress ALICE = new InetSocketAddress("127.0.0.1", 40000);
    private static final SocketAddress ALICE_AGAIN = new InetSocketAddress("::ffff:127.0.0.1", 40001);
    private static final SocketAddress BOB = new InetSocketAddress("127.0.0.2", 40000);
    private static final SocketAddress V6 = new InetSocketAddress("2001:db8:1:2::1", 40000);
    private static final SocketAddress V6_SAME_64 = new InetSocketAddress("2001:db8:1:2:ffff::9", 40000);
    private static final SocketAddress V6_OTHER_64 = new InetSocketAddress("2001:db8:1:3::1", 40000);

    @TempDir
    Path dir;

    private FileRoot root(long maxUpload, long maxPerSource) {
        return FileRoot.of(dir, "--ftp-root", new UploadLimits(maxUpload, maxPerSource));
    }

    @Test
    void aCommittedUploadReplacesTheFileAndLeavesNoTemporaryFile() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "old content");
        FileRoot root = root(100, 1000);
        StoragePath path = root.resolve(StoragePath.ROOT, "a.txt");
        try (FileRoot.Upload upload = root.startUpload(path, true, true, 0, ALICE)) {
            upload.write(bytes("new"));
            assertThat(Files.readString(dir.resolve("a.txt"))).isEqualTo("old content");
            assertThat(parts()).hasSize(1).allSatisfy(p -> assertThat(p.getFileName().toString()).matches("\\.upload-[0-9a-f]{16}\\.part"));
            assertThat(DirectoryListingTest.names(root, StoragePath.ROOT)).containsExactly("a.txt");
            upload.commit();
            assertThat(upload.size()).isEqualTo(3);
        }
        assertThat(Files.readString(dir.resolve("a.txt"))).isEqualTo("new");
        assertThat(parts()).isEmpty();
    }

    @Test
    void anUploadClosedWithoutCommitLeavesTheOldFileAndNothingElse() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "old");
        FileRoot root = root(100, 1000);
        try (FileRoot.Upload upload = root.startUpload(root.resolve(StoragePath.ROOT, "a.txt"), true, true, 0, ALICE)) {
            upload.write(bytes("half of it"));
        }
        try (FileRoot.Upload upload = root.startUpload(root.resolve(StoragePath.ROOT, "new.txt"), true, true, 0, ALICE)) {
            upload.write(bytes("half of it"));
        }
        assertThat(Files.readString(dir.resolve("a.txt"))).isEqualTo("old");
        assertThat(dir.resolve("new.txt")).doesNotExist();
        assertThat(parts()).isEmpty();
    }

    @Test
    void keepFirstStartsWithThatManyBytesOfTheExistingFile() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "0123456789");
        FileRoot root = root(100, 1000);
        StoragePath path = root.resolve(StoragePath.ROOT, "a.txt");
        try (FileRoot.Upload upload = root.startUpload(path, false, true, 4, ALICE)) {
            assertThat(upload.size()).isEqualTo(4);
            upload.write(bytes("abc"));
            upload.commit();
        }
        assertThat(Files.readString(dir.resolve("a.txt"))).isEqualTo("0123abc");
        try (FileRoot.Upload append = root.startUpload(path, false, true, 7, ALICE)) {
            append.write(bytes("!"));
            append.commit();
        }
        assertThat(Files.readString(dir.resolve("a.txt"))).isEqualTo("0123abc!");
    }

    @Test
    void keepFirstPastTheEndOfTheFileIsRefused() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "0123");
        FileRoot root = root(100, 1000);
        assertKind(() -> root.startUpload(root.resolve(StoragePath.ROOT, "a.txt"), true, true, 5, ALICE),
                StorageException.Kind.DENIED);
        assertKind(() -> root.startUpload(root.resolve(StoragePath.ROOT, "new"), true, true, 1, ALICE),
                StorageException.Kind.DENIED);
        assertThat(parts()).isEmpty();
    }

    @Test
    void whetherAFileMayBeCreatedOrReplacedIsTheCallersChoice() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "old");
        FileRoot root = root(100, 1000);
        assertKind(() -> root.startUpload(root.resolve(StoragePath.ROOT, "a.txt"), true, false, 0, ALICE),
                StorageException.Kind.EXISTS);
        assertKind(() -> root.startUpload(root.resolve(StoragePath.ROOT, "new"), false, true, 0, ALICE),
                StorageException.Kind.NOT_FOUND);
    }

    @Test
    void anUploadThatMayNotReplaceLosesToAFileMadeMeanwhile() throws Exception {
        FileRoot root = root(100, 1000);
        try (FileRoot.Upload upload = root.startUpload(root.resolve(StoragePath.ROOT, "a.txt"), true, false, 0, ALICE)) {
            upload.write(bytes("mine"));
            Files.writeString(dir.resolve("a.txt"), "theirs");
            assertKind(upload::commit, StorageException.Kind.EXISTS);
        }
        assertThat(Files.readString(dir.resolve("a.txt"))).isEqualTo("theirs");
        assertThat(parts()).isEmpty();
    }

    @Test
    void anUploadNeverReplacesADirectoryOrALinkNorWritesAHiddenName() throws Exception {
        Files.createDirectory(dir.resolve("sub"));
        Files.createSymbolicLink(dir.resolve("link"), dir.resolve("sub"));
        Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
        FileRoot root = root(100, 1000);
        assertKind(() -> root.startUpload(root.resolve(StoragePath.ROOT, "sub"), true, true, 0, ALICE),
                StorageException.Kind.DENIED);
        assertKind(() -> root.startUpload(root.resolve(StoragePath.ROOT, "link"), true, true, 0, ALICE),
                StorageException.Kind.DENIED);
        assertKind(() -> root.startUpload(root.resolve(StoragePath.ROOT, "dangling"), true, true, 0, ALICE),
                StorageException.Kind.DENIED);
        assertKind(() -> root.startUpload(root.resolve(StoragePath.ROOT, "link/x"), true, true, 0, ALICE),
                StorageException.Kind.NOT_FOUND);
        assertKind(() -> root.startUpload(root.resolve(StoragePath.ROOT, ".profile"), true, true, 0, ALICE),
                StorageException.Kind.BAD_NAME);
        assertKind(() -> root.startUpload(root.resolve(StoragePath.ROOT, ".upload-0.part"), true, true, 0, ALICE),
                StorageException.Kind.BAD_NAME);
        assertKind(() -> root.startUpload(StoragePath.ROOT, true, true, 0, ALICE), StorageException.Kind.BAD_NAME);
        assertKind(() -> root.startUpload(root.resolve(StoragePath.ROOT, "missing/x"), true, true, 0, ALICE),
                StorageException.Kind.NOT_FOUND);
        assertThat(dir.resolve("nowhere")).doesNotExist();
    }

    @Test
    void anUploadPastItsLimitIsRefusedAndRemoved() throws Exception {
        FileRoot root = root(10, 1000);
        try (FileRoot.Upload upload = root.startUpload(root.resolve(StoragePath.ROOT, "a"), true, true, 0, ALICE)) {
            upload.write(bytes("0123456789"));
            assertKind(() -> upload.write(bytes("x")), StorageException.Kind.QUOTA);
            assertThat(parts()).isEmpty();
            assertThatThrownBy(upload::commit).isInstanceOf(IOException.class);
        }
        assertThat(dir.resolve("a")).doesNotExist();
    }

    @Test
    void aWriteAfterARefusalIsRefusedAndCountsNothingAgainstTheSource() throws Exception {
        FileRoot root = root(10, 10);
        try (FileRoot.Upload upload = root.startUpload(root.resolve(StoragePath.ROOT, "a"), true, true, 0, ALICE)) {
            upload.write(bytes("12345678"));
            assertKind(() -> upload.write(bytes("12345")), StorageException.Kind.QUOTA);
            assertThatThrownBy(() -> upload.write(bytes("1"))).isInstanceOf(ClosedChannelException.class);
        }
        store(root, "b", "1234567890", ALICE);
    }

    @Test
    void keptBytesCountTowardsTheLimitOfAnUpload() throws Exception {
        Files.writeString(dir.resolve("a"), "0123456789");
        FileRoot root = root(10, 1000);
        StoragePath path = root.resolve(StoragePath.ROOT, "a");
        try (FileRoot.Upload upload = root.startUpload(path, true, true, 10, ALICE)) {
            assertKind(() -> upload.write(bytes("x")), StorageException.Kind.QUOTA);
        }
        assertThat(Files.readString(dir.resolve("a"))).isEqualTo("0123456789");
        FileRoot smaller = root(5, 1000);
        assertKind(() -> smaller.startUpload(path, true, true, 10, ALICE), StorageException.Kind.QUOTA);
        assertThat(parts()).isEmpty();
    }

    @Test
    void aSourceQuotaCountsCommittedAndInProgressBytesOfOneAddress() throws Exception {
        FileRoot root = root(100, 10);
        store(root, "one", "123456", ALICE);
        try (FileRoot.Upload upload = root.startUpload(root.resolve(StoragePath.ROOT, "two"), true, true, 0, ALICE_AGAIN)) {
            upload.write(bytes("12"));
            try (FileRoot.Upload other = root.startUpload(root.resolve(StoragePath.ROOT, "three"), true, true, 0, ALICE)) {
                assertKind(() -> other.write(bytes("123")), StorageException.Kind.QUOTA);
            }
            store(root, "bobs", "1234567890", BOB);
        }
        // the cut upload gave its two bytes back
        store(root, "four", "1234", ALICE);
        assertKind(() -> store(root, "five", "1", ALICE), StorageException.Kind.QUOTA);
        assertThat(parts()).isEmpty();
        assertThat(dir.resolve("five")).doesNotExist();
    }

    @Test
    void anIpv6SourceIsItsSlash64() throws Exception {
        FileRoot root = root(100, 4);
        store(root, "a", "12", V6);
        store(root, "b", "12", V6_SAME_64);
        assertKind(() -> store(root, "c", "1", V6_SAME_64), StorageException.Kind.QUOTA);
        store(root, "d", "1234", V6_OTHER_64);
    }

    @Test
    void aPeerWithoutAnAddressIsHeldOnlyToTheLimitOfAnUpload() throws Exception {
        FileRoot root = root(4, 1);
        SocketAddress unix = UnixDomainSocketAddress.of(dir.resolve("socket"));
        store(root, "a", "1234", unix);
        store(root, "b", "1234", unix);
        assertKind(() -> store(root, "c", "12345", unix), StorageException.Kind.QUOTA);
    }

    private static void store(FileRoot root, String name, String content, SocketAddress source) throws IOException {
        try (FileRoot.Upload upload = root.startUpload(root.resolve(StoragePath.ROOT, name), true, true, 0, source)) {
            upload.write(bytes(content));
            upload.commit();
        }
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private java.util.List<Path> parts() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(".upload-")).toList();
        }
    }

    static void assertKind(ThrowingCall call, StorageException.Kind kind) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(kind));
    }

    /** A call that may throw, for {@link #assertKind}. */
    interface ThrowingCall {
        void run() throws Exception;
    }
}
