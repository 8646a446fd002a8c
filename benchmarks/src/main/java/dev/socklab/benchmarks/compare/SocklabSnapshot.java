package dev.socklab.benchmarks.compare;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A private copy of socklab's build, {@code cli/target/socklab.jar} and its {@code lib/}, taken
 * once when the comparison starts. Every run then runs the same socklab, and a rebuild during the
 * comparison ({@code ./socklab} rebuilds whenever a source is newer than its jar) can neither slow a
 * run down nor replace the jar under a running server.
 */
final class SocklabSnapshot {
    private SocklabSnapshot() {
    }

    /** The build's jar in {@code root}, which {@code ./socklab} runs. */
    static Path built(Path root) {
        return root.resolve("cli/target/socklab.jar");
    }

    /**
     * Copies the jar and its libraries into {@code dir}, replacing an earlier copy.
     *
     * @return the copied jar, runnable with {@code java -jar}
     */
    static Path take(Path root, Path dir) throws IOException {
        Path jar = built(root);
        Path lib = dir.resolve("lib");
        Files.createDirectories(lib);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(lib, "*.jar")) {
            for (Path p : old) {
                Files.delete(p);
            }
        }
        // The jar's manifest names its libraries as lib/NAME.jar, so the copy keeps that layout.
        try (DirectoryStream<Path> libs = Files.newDirectoryStream(jar.resolveSibling("lib"), "*.jar")) {
            for (Path p : libs) {
                Files.copy(p, lib.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path copy = dir.resolve("socklab.jar");
        Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
        return copy;
    }
}
