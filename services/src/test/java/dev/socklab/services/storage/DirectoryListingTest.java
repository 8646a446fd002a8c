package dev.socklab.services.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory's listing is read as it is handed out, holding nothing ahead, at any size. */
@Tag("no-engine")
class DirectoryListingTest {
    private static final int MANY = 20_000;

    @TempDir
    Path dir;

    /** The names {@code dir}'s listing hands out, in its order. */
    static List<String> names(FileRoot root, StoragePath dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryListing entries = root.list(dir)) {
            entries.forEach(entry -> names.add(entry.name()));
        }
        return names;
    }

    /** {@code count} empty files, {@code f00000} and on, in {@code dir}: their names. */
    static Set<String> emptyFiles(Path dir, int count) throws IOException {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < count; i++) {
            names.add(Files.createFile(dir.resolve("f%05d".formatted(i))).getFileName().toString());
        }
        return names;
    }

    @Test
    void everyVisibleNameOfALargeDirectoryComesOnceAndNothingHiddenDoes() throws Exception {
        Set<String> made = emptyFiles(dir, MANY);
        Files.createDirectory(dir.resolve("sub"));
        made.add("sub");
        Files.createFile(dir.resolve(".hidden"));
        Files.createFile(dir.resolve(".upload-0123456789abcdef.part"));
        Files.createSymbolicLink(dir.resolve("link"), dir.resolve("f00000"));
        Files.createFile(dir.resolve("bad\u001bname"));
        List<String> listed = names(FileRoot.of(dir, "--ftp-root", UploadLimits.DEFAULTS), StoragePath.ROOT);
        // As many as made, and the same set: each once (AssertJ's any-order match is quadratic).
        assertThat(listed).hasSize(made.size());
        assertThat(new HashSet<>(listed)).isEqualTo(made);
    }

    /**
     * The structural bound: each entry is read from the directory only when the one before it has been
     * handled. A listing that read the directory whole first (into a list, to sort it) would still hand
     * out the names the first handler removed; this one finds them gone and hands out none of them.
     */
    @Test
    void eachEntryIsReadOnlyOnceTheOneBeforeItIsHandled() throws Exception {
        // More than one getdents(2) buffer of names: some are still to be read, some read ahead by libc.
        emptyFiles(dir, 2_000);
        FileRoot root = FileRoot.of(dir, "--ftp-root", UploadLimits.DEFAULTS);
        List<String> handed = new ArrayList<>();
        try (DirectoryListing entries = root.list(StoragePath.ROOT)) {
            entries.forEach(entry -> {
                if (handed.isEmpty()) {
                    try (Stream<Path> all = Files.list(dir)) {
                        for (Path other : all.filter(p -> !p.getFileName().toString().equals(entry.name())).toList()) {
                            Files.delete(other);
                        }
                    }
                }
                handed.add(entry.name());
            });
        }
        assertThat(handed).hasSize(1);
    }

    @Test
    void aDirectoryOfAtMostTheBoundIsHandedOutSortedALargerOneWholeAndUnsorted() throws Exception {
        Path few = Files.createDirectory(dir.resolve("few"));
        Path many = Files.createDirectory(dir.resolve("many"));
        Set<String> small = emptyFiles(few, 50);
        Set<String> large = emptyFiles(many, 51);
        FileRoot root = FileRoot.of(dir, "--ftp-root", UploadLimits.DEFAULTS);
        assertThat(sortedUpTo(root, new StoragePath(List.of("few")), 50)).isEqualTo(small.stream().sorted().toList());
        List<String> unsorted = sortedUpTo(root, new StoragePath(List.of("many")), 50);
        assertThat(unsorted).hasSize(51).containsExactlyInAnyOrderElementsOf(large);
    }

    /**
     * Past the bound, the entries held so far are handed out before the next is read: a listing that
     * held them all to sort them would still hand out the names removed after the bound's first.
     */
    @Test
    void pastTheBoundEachFurtherEntryIsReadOnlyOnceTheOneBeforeItIsHandled() throws Exception {
        emptyFiles(dir, 2_000);
        FileRoot root = FileRoot.of(dir, "--ftp-root", UploadLimits.DEFAULTS);
        List<String> handed = new ArrayList<>();
        try (DirectoryListing entries = root.list(StoragePath.ROOT)) {
            entries.forEachSortedUpTo(10, entry -> {
                handed.add(entry.name());
                if (handed.size() == 11) {
                    try (Stream<Path> all = Files.list(dir)) {
                        for (Path other : all.filter(p -> !handed.contains(p.getFileName().toString())).toList()) {
                            Files.delete(other);
                        }
                    }
                }
            });
        }
        assertThat(handed).hasSize(11);
    }

    private static List<String> sortedUpTo(FileRoot root, StoragePath dir, int most) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryListing entries = root.list(dir)) {
            entries.forEachSortedUpTo(most, entry -> names.add(entry.name()));
        }
        return names;
    }
}
