package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./socklab} launcher: it finds a JDK 25 or newer and runs the packaged command with the
 * I/O engine's JVM options; a client command runs on C1 alone, from an AOT cache made for the build.
 */
@Timeout(60)
class LauncherIT {
    private static final Duration RUN = Duration.ofSeconds(20);
    private static final Path JAR = Launched.ROOT.resolve("cli/target/socklab.jar");
    private static final String AOT_CACHE = "-XX:AOTCache=";
    private static final Path JDK_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
    /** {@code socklab 0.1.0-SNAPSHOT, Java 25.0.1+8-LTS}: the jar's version, then the JVM's. */
    private static final Pattern VERSION = Pattern.compile("socklab (\\S+), Java (\\d+)\\S*");
    /** What the I/O engine needs of the JVM, as the launcher gives it. */
    private static final List<String> ENGINE_OPTIONS = List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED");

    @Test
    void versionExitsZeroWithTheVersionOfTheJar() throws Exception {
        try (Launched socklab = Launched.socklab("--version")) {
            assertThat(socklab.exitWithin(RUN)).as("stderr: %s", socklab.err()).isZero();
            Matcher version = VERSION.matcher(socklab.out());
            assertThat(version.matches()).as("version line: %s", socklab.out()).isTrue();
            assertThat(version.group(1)).as("version from the jar's manifest").matches("\\d+\\.\\d+\\.\\d+.*");
            assertThat(Integer.parseInt(version.group(2))).isGreaterThanOrEqualTo(25);
            assertThat(socklab.err()).as("no warning from the JVM").isEmpty();
        }
    }

    @Test
    void aChainOfLinksToTheLauncherRunsTheBuildItLeadsTo(@TempDir Path dir) throws Exception {
        // As a user puts it on the PATH: ~/bin/socklab, here a relative link to an absolute link to the launcher.
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path links = Files.createDirectories(dir.resolve("links"));
        Files.createSymbolicLink(links.resolve("socklab"), Launched.ROOT.resolve("socklab"));
        Files.createSymbolicLink(bin.resolve("socklab"), Path.of("../links/socklab"));

        try (Launched socklab = Launched.run(dir, Map.of(), List.of(bin.resolve("socklab").toString(), "--version"))) {
            assertThat(socklab.exitWithin(RUN)).as("stderr: %s", socklab.err()).isZero();
            assertThat(socklab.out()).matches(VERSION);
            assertThat(socklab.err()).as("a build in the link's folder").isEmpty();
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
        // Both JAVA_HOME and the java on this PATH are 17: only the search of /usr/lib/jvm finds 25 or newer.
        Map<String, String> env = Map.of("JAVA_HOME", JDK_17.toString(), "PATH", "/usr/bin:/bin");

        try (Launched socklab = Launched.run(env, List.of("bash", "./socklab", "--version"))) {
            assertThat(socklab.exitWithin(RUN)).as("stderr: %s", socklab.err()).isZero();
            Matcher version = VERSION.matcher(socklab.out());
            assertThat(version.matches()).as("version line: %s", socklab.out()).isTrue();
            assertThat(Integer.parseInt(version.group(2))).as("the Java it ran on").isGreaterThanOrEqualTo(25);
        }
    }

    @Test
    void aClientRunsOnC1FromAnAotCacheNewerThanTheBuild() throws Exception {
        List<String> jvm = commandLineOfHello();

        assertThat(jvm).contains("-XX:TieredStopAtLevel=1");
        Path cache = aotCacheIn(jvm);
        assertThat(cache).isRegularFile();
        assertThat(Files.getLastModifiedTime(cache)).isGreaterThan(Files.getLastModifiedTime(JAR));
    }

    @Test
    void aCacheOlderThanTheBuildIsMadeAgainBeforeItIsUsed() throws Exception {
        Path cache = aotCacheIn(commandLineOfHello());
        FileTime build = Files.getLastModifiedTime(JAR);
        Files.setLastModifiedTime(cache, FileTime.fromMillis(build.toMillis() - 60_000));

        List<String> jvm = commandLineOfHello();

        assertThat(aotCacheIn(jvm)).isEqualTo(cache);
        assertThat(Files.getLastModifiedTime(cache)).as("the cache's time").isGreaterThan(build);
    }

    @Test
    void aCacheTheJvmRefusesCostsOnlySpeed() throws Exception {
        Path cache = aotCacheIn(commandLineOfHello());
        try {
            // Newer than the build, so the launcher passes it on; the JVM finds no cache in it.
            Files.writeString(cache, "not an AOT cache");

            List<String> jvm = commandLineOfHello();

            assertThat(aotCacheIn(jvm)).isEqualTo(cache);
        } finally {
            Files.deleteIfExists(cache); // the next client makes it again
        }
    }

    @Test
    void theJvmTakesTheClientsCacheAsTheLauncherRunsIt() throws Exception {
        List<String> hello = commandLineOfHello();
        // The JVM quietly runs without a cache made with module options other than its own (the engine's,
        // say); AOTMode=on makes that an error. The launcher's java and options, another command.
        List<String> version = new ArrayList<>(hello.subList(0, hello.indexOf("-jar")));
        version.addAll(List.of("-XX:AOTMode=on", "-jar", JAR.toString(), "--version"));

        assertThat(hello).containsSubsequence(ENGINE_OPTIONS);
        try (Launched java = Launched.run(Map.of(), version)) {
            assertThat(java.exitWithin(RUN)).as("stderr: %s", java.err()).isZero();
            assertThat(java.out()).matches(VERSION);
        }
    }

    @Test
    void serveRunsOnTheJvmDefaultsWithC2AndNoCache() throws Exception {
        try (Launched server = Launched.socklab("serve", "hello:0/tcp", "--ipv4-only")) {
            server.boundPort("tcp", "127.0.0.1");

            assertThat(commandLine(server.pid()))
                    .containsSubsequence(ENGINE_OPTIONS)
                    .noneMatch(argument -> argument.startsWith("-XX:TieredStopAtLevel"))
                    .noneMatch(argument -> argument.startsWith(AOT_CACHE))
                    .contains("serve");
        }
    }

    /**
     * Runs {@code ./socklab hello} against a greeting server of this test's, checks that it prints
     * the greeting and nothing else, and returns the JVM's command line, read while it waits for the greeting.
     */
    private static List<String> commandLineOfHello() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
            server.setSoTimeout((int) RUN.toMillis()); // the launcher may first make the cache, in about 2 s
            try (Launched hello = Launched.socklab("hello", "127.0.0.1", String.valueOf(server.getLocalPort()))) {
                List<String> jvm;
                try (Socket client = server.accept()) {
                    jvm = commandLine(hello.pid());
                    client.getOutputStream().write("Hello World!\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                assertThat(hello.exitWithin(RUN)).as("stderr: %s", hello.err()).isZero();
                assertThat(hello.out()).isEqualTo("Hello World!");
                assertThat(hello.err()).isEmpty();
                return jvm;
            }
        }
    }

    /** The command and arguments of the running process {@code pid}: the launcher execs java, so the JVM's. */
    private static List<String> commandLine(long pid) throws IOException {
        ProcessHandle.Info info = ProcessHandle.of(pid).orElseThrow(() -> new IOException("no process " + pid)).info();
        if (info.command().isEmpty() || info.arguments().isEmpty()) {
            throw new IOException("the command line of process " + pid + " cannot be read");
        }
        List<String> commandLine = new ArrayList<>(List.of(info.command().get()));
        commandLine.addAll(List.of(info.arguments().get()));
        return commandLine;
    }

    private static Path aotCacheIn(List<String> jvm) {
        return jvm.stream().filter(argument -> argument.startsWith(AOT_CACHE)).findFirst()
                .map(argument -> Path.of(argument.substring(AOT_CACHE.length())))
                .orElseThrow(() -> new AssertionError("no " + AOT_CACHE + " in " + jvm));
    }
}
