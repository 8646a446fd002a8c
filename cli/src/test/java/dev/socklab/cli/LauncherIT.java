package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The {@code ./socklab} launcher: it finds a JDK 21 or newer and runs the packaged command. */
@Timeout(60)
class LauncherIT {
    private static final Duration RUN = Duration.ofSeconds(20);
    private static final Path JDK_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
    /** {@code socklab 0.1.0-SNAPSHOT, Java 25.0.1+8-LTS}: the jar's version, then the JVM's. */
    private static final Pattern VERSION = Pattern.compile("socklab (\\S+), Java (\\d+)\\S*");

    @Test
    void versionExitsZeroWithTheVersionOfTheJar() throws Exception {
        try (Launched socklab = Launched.socklab("--version")) {
            assertThat(socklab.exitWithin(RUN)).as("stderr: %s", socklab.err()).isZero();
            Matcher version = VERSION.matcher(socklab.out());
            assertThat(version.matches()).as("version line: %s", socklab.out()).isTrue();
            assertThat(version.group(1)).as("version from the jar's manifest").matches("\\d+\\.\\d+\\.\\d+.*");
            assertThat(Integer.parseInt(version.group(2))).isGreaterThanOrEqualTo(21);
        }
    }

    @Test
    void servicesExitsZeroAndListsHello() throws Exception {
        try (Launched socklab = Launched.socklab("services")) {
            assertThat(socklab.exitWithin(RUN)).as("stderr: %s", socklab.err()).isZero();
            assertThat(socklab.out().lines()).anyMatch(line -> line.matches("hello\\s+tcp,udp,unix\\s+10000\\s.*"));
        }
    }

    @Test
    void javaHomeTooOldIsPassedOverForANewerJdk() throws Exception {
        assumeTrue(Files.isExecutable(JDK_17.resolve("bin/java")), "no JDK 17 at " + JDK_17);
        // Both JAVA_HOME and the java on this PATH are 17: only the search of /usr/lib/jvm finds 21 or newer.
        Map<String, String> env = Map.of("JAVA_HOME", JDK_17.toString(), "PATH", "/usr/bin:/bin");

        try (Launched socklab = Launched.run(env, List.of("bash", "./socklab", "--version"))) {
            assertThat(socklab.exitWithin(RUN)).as("stderr: %s", socklab.err()).isZero();
            Matcher version = VERSION.matcher(socklab.out());
            assertThat(version.matches()).as("version line: %s", socklab.out()).isTrue();
            assertThat(Integer.parseInt(version.group(2))).as("the Java it ran on").isGreaterThanOrEqualTo(21);
        }
    }
}
