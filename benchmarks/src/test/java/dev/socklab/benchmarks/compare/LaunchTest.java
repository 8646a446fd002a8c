package dev.socklab.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.benchmarks.NettyBaseline;
import dev.socklab.benchmarks.SocklabTlsEcho;
import dev.socklab.benchmarks.TlsEchoLoad;

/** The command lines of the servers and the load generator, and the choice of cores. */
class LaunchTest {
    private static final Path ROOT = Path.of("/src/socklab");
    private static final Pinning PINNED = new Pinning(0, 1, "");
    private static final Path JAR = Path.of("/src/socklab/benchmarks/target/compare/socklab/socklab.jar");
    private static final Launch LAUNCH =
            new Launch(ROOT, JAR, Path.of("/jdk"), "cp.jar", PINNED, Duration.ofSeconds(10));

    @Test
    void socklabServesEchoAndHelloOnFreeLoopbackPortsPinnedToTheServerCore() {
        assertThat(LAUNCH.server(Side.SOCKLAB)).containsExactly("taskset", "-c", "0", "/jdk/bin/java",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED",
                "--enable-native-access=ALL-UNNAMED", "-jar", JAR.toString(), "serve",
                "echo:0", "hello:0/tcp", "--ipv4-only", "--bind", "127.0.0.1", "--max-connections", "20000",
                "--idle-timeout", "1m", "--first-request-timeout", "1m", "--io", "epoll");
    }

    @Test
    void theTwoEnginesDifferInTheirIoOptionAlone() {
        List<String> epoll = LAUNCH.server(Side.SOCKLAB);
        List<String> jdk = LAUNCH.server(Side.SOCKLAB_JDK);

        assertThat(jdk).endsWith("--io", "jdk");
        assertThat(jdk.subList(0, jdk.size() - 1)).isEqualTo(epoll.subList(0, epoll.size() - 1));
    }

    @Test
    void socklabsTlsEchoRunsFromItsBuildWithItsLoggingAheadOfThisModule(@TempDir Path dir) throws IOException {
        Path jar = Files.createFile(dir.resolve("socklab.jar"));
        Launch built = new Launch(ROOT, jar, Path.of("/jdk"), "cp.jar", PINNED, Duration.ofSeconds(10));

        assertThat(built.socklabClass(SocklabTlsEcho.class, List.of("--port", "0"))).containsExactly("taskset", "-c", "0",
                "/jdk/bin/java", "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-exports",
                "java.base/sun.nio.ch=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
                "-Dlogback.configurationFile=jar:" + jar.toUri() + "!/logback.xml", "-cp", jar + File.pathSeparator + "cp.jar",
                SocklabTlsEcho.class.getName(), "--port", "0");
        assertThat(LAUNCH.socklabClass(SocklabTlsEcho.class, List.of()))
                .as("without a build, this class path alone, which has socklab's services in the module's tests")
                .endsWith("-cp", "cp.jar", SocklabTlsEcho.class.getName())
                .noneMatch(arg -> arg.startsWith("-Dlogback"));
    }

    @Test
    void theTlsLoadRunsOnTheLoadCoreAndNettyOnTheServerCore() {
        assertThat(LAUNCH.loadClass(TlsEchoLoad.class, List.of("--port", "1"))).containsExactly("taskset", "-c", "1",
                "/jdk/bin/java", "-cp", "cp.jar", TlsEchoLoad.class.getName(), "--port", "1");
        assertThat(LAUNCH.netty(List.of("--tls-echo", "0"))).startsWith("taskset", "-c", "0", "/jdk/bin/java")
                .endsWith("-cp", "cp.jar", NettyBaseline.class.getName(), "--tls-echo", "0");
    }

    @Test
    void straceAttachesToEveryThreadOfTheServerOnTheServersCore() {
        assertThat(LAUNCH.strace(4321, Path.of("/logs/s.txt"))).containsExactly("taskset", "-c", "0", "strace", "-c",
                "-f", "-o", "/logs/s.txt", "-p", "4321");
    }

    @Test
    void theLoadUnderStraceHasNoWarmUpSoThatStraceSeesEveryRoundTripCounted() {
        assertThat(LAUNCH.tracedBench(Scenario.traced(), 4000)).containsExactly("taskset", "-c", "1", "/jdk/bin/java",
                "-jar", JAR.toString(), "bench", "pingpong", "127.0.0.1", "4000", "--connections", "100", "--size", "64",
                "--duration", "10s", "--json", "--warmup", "0ms");
    }

    @Test
    void socklabRunsFromItsJarAsTheLauncherScriptRunsIt() {
        assertThat(LAUNCH.socklab("bench", "--help")).containsExactly("/jdk/bin/java", "-jar", JAR.toString(),
                "bench", "--help");
    }

    @Test
    void nettyRunsOnTheSameJdkWithTheSameServices() {
        assertThat(LAUNCH.server(Side.NETTY)).startsWith("taskset", "-c", "0", "/jdk/bin/java")
                .endsWith("-cp", "cp.jar", "dev.socklab.benchmarks.NettyBaseline", "--bind", "127.0.0.1",
                        "--echo", "0", "--hello", "0", "--udp-echo", "0");
    }

    @Test
    void loadGeneratorRunsOnTheOtherCoreWithTheWorkloadsShape() {
        Scenario pingpong = Scenario.all().getFirst();
        Scenario connect = Scenario.only(java.util.Set.of("connect")).getFirst();
        Scenario idle = Scenario.all().getLast();

        assertThat(LAUNCH.bench(pingpong, 4000, 77)).containsExactly("taskset", "-c", "1", "/jdk/bin/java", "-jar",
                JAR.toString(), "bench", "pingpong", "127.0.0.1", "4000", "--connections", "1", "--size", "64", "--duration", "10s",
                "--json");
        assertThat(LAUNCH.bench(connect, 4000, 77)).doesNotContain("--size").contains("32", "connect");
        assertThat(LAUNCH.bench(idle, 4000, 77)).endsWith("--json", "--server-pid", "77").contains("10000");
    }

    @Test
    void longRunsRaiseSocklabsIdleTimeoutPastTheRun() {
        Launch longRuns = new Launch(ROOT, JAR, Path.of("/jdk"), "cp.jar", PINNED, Duration.ofMinutes(2));

        assertThat(longRuns.idleTimeout()).isEqualTo(Duration.ofSeconds(270));
    }

    @Test
    void unpinnedCommandsHaveNoTaskset() {
        Launch unpinned = new Launch(ROOT, JAR, Path.of("/jdk"), "cp.jar", new Pinning(-1, -1, "no taskset"),
                Duration.ofSeconds(3));

        assertThat(unpinned.server(Side.SOCKLAB).getFirst()).isEqualTo("/jdk/bin/java");
        assertThat(unpinned.bench(Scenario.all().getFirst(), 1, 1).getFirst()).isEqualTo("/jdk/bin/java");
    }

    @Test
    void classPathEntriesAreMadeAbsoluteSinceServersRunInTheCheckout() {
        String cwd = Path.of("").toAbsolutePath().toString();

        assertThat(Launch.absolute("a.jar" + java.io.File.pathSeparator + "/lib/b.jar"))
                .isEqualTo(cwd + "/a.jar" + java.io.File.pathSeparator + "/lib/b.jar");
    }

    @Test
    void cpuListsReadAsTheKernelWritesThem() {
        assertThat(Pinning.parseCpuList("0-2,5")).containsExactly(0, 1, 2, 5);
        assertThat(Pinning.parseCpuList("3")).containsExactly(3);
    }
}
