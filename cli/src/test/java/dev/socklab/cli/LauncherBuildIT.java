package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code ./socklab} shows while it builds: a line a module, Maven's errors, and no colour
 * codes. The launcher runs in a copy of the repository with no build, against a stand-in
 * {@code mvn} that prints what Maven prints and "builds" by linking this build's jar; only the
 * last test runs the real Maven, and only for its version.
 */
@Timeout(60)
class LauncherBuildIT {
    private static final Duration RUN = Duration.ofSeconds(30);
    private static final Path TARGET = Launched.ROOT.resolve("cli/target");

    @Test
    void theBuildShowsALinePerModuleAndTheFirstDownloadAndNothingElse(@TempDir Path dir) throws Exception {
        Path root = repositoryWithoutBuild(dir);
        Path bin = fakeMaven(dir, 0,
                "[INFO] Scanning for projects...",
                "[INFO] ----------------------< dev.socklab:socklab-core >----------------------",
                "[INFO] Building socklab core runtime 0.1.0-SNAPSHOT                       [2/7]",
                "[INFO] Downloading from central: https://repo.maven.apache.org/maven2/a.pom",
                "[INFO] Downloading from central: https://repo.maven.apache.org/maven2/b.pom",
                "[INFO] Building jar: /tmp/core.jar",
                "[WARNING] a warning about the build, not for the user of socklab",
                "[INFO] Building socklab command line 0.1.0-SNAPSHOT                       [6/7]",
                "[INFO] BUILD SUCCESS");

        try (Launched socklab = launch(root, bin, "--version")) {
            assertThat(socklab.exitWithin(RUN)).as("stderr: %s", socklab.err()).isZero();
            assertThat(socklab.out()).startsWith("socklab ");
            assertThat(socklab.err().lines()).containsExactly(
                    "socklab: building (mvn package, a few minutes the first time) ...",
                    "socklab: building socklab core runtime (2 of 7) ...",
                    "socklab: downloading Maven's plugins and socklab's libraries (once) ...",
                    "socklab: building socklab command line (6 of 7) ...");
        }
        assertThat(Files.readString(root.resolve("mvn.args")).strip().split(" "))
                .contains("-B", "-Dstyle.color=never", "package").doesNotContain("-q");
    }

    @Test
    void aFailedBuildShowsMavensErrorsAndExitsOne(@TempDir Path dir) throws Exception {
        Path root = repositoryWithoutBuild(dir);
        Path bin = fakeMaven(dir, 1,
                "[INFO] Building socklab core runtime 0.1.0-SNAPSHOT                       [2/7]",
                "[ERROR] COMPILATION ERROR :",
                "[ERROR] /src/Server.java:[3,1] ';' expected",
                "[INFO] BUILD FAILURE",
                "Error: JAVA_HOME is not defined correctly.");

        try (Launched socklab = launch(root, bin, "--version")) {
            assertThat(socklab.exitWithin(RUN)).isEqualTo(1);
            assertThat(socklab.out()).isEmpty();
            assertThat(socklab.err().lines()).containsExactly(
                    "socklab: building (mvn package, a few minutes the first time) ...",
                    "socklab: building socklab core runtime (2 of 7) ...",
                    "[ERROR] COMPILATION ERROR :",
                    "[ERROR] /src/Server.java:[3,1] ';' expected",
                    "Error: JAVA_HOME is not defined correctly.",
                    "socklab: the build failed (see above).");
        }
    }

    @Test
    void mavenWritesNoColourCodesWhenItsOutputIsNotATerminal() throws Exception {
        assumeTrue(Stream.of(System.getenv("PATH").split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, "mvn"))),
                "no mvn on the PATH");

        try (Launched maven = Launched.run(Map.of(), List.of("mvn", "-B", "-Dstyle.color=never", "-v"))) {
            assertThat(maven.exitWithin(RUN)).as("stderr: %s", maven.err()).isZero();
            // Maven 3.8's console library writes ESC[0m as it lets go of each stream, unless .mvn/jvm.config says not to.
            assertThat(maven.out() + maven.err()).contains("Apache Maven").doesNotContain("\u001B");
        }
    }

    /** The launcher alone in {@code dir}, as in a clone before its first build. */
    private static Path repositoryWithoutBuild(Path dir) throws IOException {
        Path root = Files.createDirectories(dir.resolve("socklab"));
        Files.copy(Launched.ROOT.resolve("socklab"), root.resolve("socklab"));
        return root;
    }

    /**
     * A directory holding an {@code mvn} that prints {@code lines}, writes its arguments to
     * {@code mvn.args} and, when it succeeds, links this build's jar and libraries where the launcher looks.
     */
    private static Path fakeMaven(Path dir, int exitCode, String... lines) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        StringBuilder script = new StringBuilder("#!/bin/sh\necho \"$@\" > mvn.args\n");
        for (String line : lines) {
            script.append("printf '%s\\n' '").append(line.replace("'", "'\\''")).append("'\n");
        }
        if (exitCode == 0) {
            script.append("mkdir -p cli/target\n")
                    .append("ln -s '").append(TARGET.resolve("socklab.jar")).append("' cli/target/socklab.jar\n")
                    .append("ln -s '").append(TARGET.resolve("lib")).append("' cli/target/lib\n");
        }
        script.append("exit ").append(exitCode).append('\n');
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, script);
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private static Launched launch(Path root, Path bin, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(root.resolve("socklab").toString()));
        command.addAll(List.of(args));
        return Launched.run(root, Map.of("PATH", bin + ":" + System.getenv("PATH")), command);
    }
}
