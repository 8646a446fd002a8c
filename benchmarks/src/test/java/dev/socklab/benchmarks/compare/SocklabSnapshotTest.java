package dev.socklab.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The copy of socklab's build keeps the jar's lib/ layout and holds only the build it was taken from. */
class SocklabSnapshotTest {
    @TempDir
    Path root;

    @Test
    void jarAndLibrariesAreCopiedAndAnEarlierCopysLibrariesAreDropped() throws IOException {
        Path target = Files.createDirectories(root.resolve("cli/target/lib"));
        Files.writeString(target.resolveSibling("socklab.jar"), "jar v1");
        Files.writeString(target.resolve("picocli-1.jar"), "lib");
        Path dir = root.resolve("benchmarks/target/compare/socklab");
        SocklabSnapshot.take(root, dir);
        Files.delete(target.resolve("picocli-1.jar"));
        Files.writeString(target.resolve("picocli-2.jar"), "lib");
        Files.writeString(target.resolveSibling("socklab.jar"), "jar v2");

        Path jar = SocklabSnapshot.take(root, dir);

        assertThat(jar).hasContent("jar v2");
        try (var libs = Files.list(dir.resolve("lib"))) {
            assertThat(libs.map(p -> p.getFileName().toString())).containsExactly("picocli-2.jar");
        }
    }
}
