package dev.socklab.benchmarks.compare;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import dev.socklab.benchmarks.NettyBaseline;
import dev.socklab.text.Durations;

/**
 * The command lines the comparison runs: each server and the load generator, pinned to their
 * cores, and strace when it counts a server's system calls. Every server and the load generator run
 * on the JDK running the comparison, so that the JVM is not a difference between the sides.
 *
 * @param root      the socklab checkout: every process runs there
 * @param socklab   the socklab jar to run, as {@code ./socklab} runs it: {@code java -jar}
 * @param javaHome  the JDK every process runs on
 * @param classpath the class path with the Netty baseline and Netty
 * @param pinning   which cores the server and the load generator get
 * @param duration  how long each load runs
 */
record Launch(Path root, Path socklab, Path javaHome, String classpath, Pinning pinning, Duration duration) {
    /** The address both servers listen on and the load generator connects to. */
    static final String HOST = "127.0.0.1";
    /** socklab's default, raised for the idle workload's 10,000 connections with room to spare. */
    private static final int MAX_CONNECTIONS = 20_000;
    /** socklab closes connections idle this long by default; a run must not outlast it. */
    private static final Duration SOCKLAB_IDLE_DEFAULT = Duration.ofSeconds(60);
    /**
     * What socklab's epoll engine needs of the JVM (without them it falls back to jdk). Both engines
     * get them, so that {@code --io} is the only difference between the two, whether or not the jar's
     * manifest grants them too.
     */
    private static final List<String> ENGINE_JVM_OPTIONS = List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED");

    /** The launch for this JVM: its JDK, its class path. */
    static Launch of(Path root, Path socklab, Pinning pinning, Duration duration) {
        return new Launch(root, socklab, Path.of(System.getProperty("java.home")), absolute(System.getProperty("java.class.path")),
                pinning, duration);
    }

    /** The class path with every entry absolute: the servers run in the socklab checkout, not here. */
    static String absolute(String classpath) {
        return Arrays.stream(classpath.split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry).toAbsolutePath().normalize().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** The server's command: every service on port 0 (the kernel picks free ones, the server prints them). */
    List<String> server(Side side) {
        List<String> command = new ArrayList<>(pinning.server());
        switch (side) {
            case SOCKLAB, SOCKLAB_JDK -> {
                command.add(java());
                command.addAll(ENGINE_JVM_OPTIONS);
                command.addAll(List.of("-jar", socklab.toString(), "serve",
                        "echo:0", "hello:0/tcp", "--ipv4-only", "--bind", HOST,
                        "--max-connections", Integer.toString(MAX_CONNECTIONS),
                        // The idle workload's connections never send: the first-request deadline must outlast the run too.
                        "--idle-timeout", Durations.format(idleTimeout()),
                        "--first-request-timeout", Durations.format(idleTimeout()),
                        "--io", side.engine()));
            }
            case NETTY -> {
                command.add(java());
                command.addAll(nettyJvmOptions());
                command.addAll(List.of("-cp", classpath, NettyBaseline.class.getName(),
                        "--bind", HOST, "--echo", "0", "--hello", "0", "--udp-echo", "0"));
            }
        }
        return command;
    }

    /** socklab running {@code args} ({@code serve ...}) as a server: pinned to the server's core, with the engine's JVM options. */
    List<String> socklabServer(List<String> args) {
        List<String> command = new ArrayList<>(pinning.server());
        command.add(java());
        command.addAll(ENGINE_JVM_OPTIONS);
        command.addAll(List.of("-jar", socklab.toString()));
        command.addAll(args);
        return command;
    }

    /**
     * A main class of this module that runs socklab's runtime, as a server: pinned, with the
     * engine's JVM options, and socklab's build ahead of this module on the class path (when there is
     * one), so that its services and its logging configuration are those socklab ships.
     */
    List<String> socklabClass(Class<?> main, List<String> args) {
        List<String> command = new ArrayList<>(pinning.server());
        command.add(java());
        command.addAll(ENGINE_JVM_OPTIONS);
        String path = classpath;
        if (Files.isRegularFile(socklab)) {
            // Named, so that logback does not warn that this module's logback.xml is on the path too.
            command.add("-Dlogback.configurationFile=jar:" + socklab.toUri() + "!/logback.xml");
            path = socklab + File.pathSeparator + classpath;
        }
        command.addAll(List.of("-cp", path, main.getName()));
        command.addAll(args);
        return command;
    }

    /** The Netty baseline serving what {@code args} say, as a server: pinned, with the JVM options it needs. */
    List<String> netty(List<String> args) {
        List<String> command = new ArrayList<>(pinning.server());
        command.add(java());
        command.addAll(nettyJvmOptions());
        command.addAll(List.of("-cp", classpath, NettyBaseline.class.getName()));
        command.addAll(args);
        return command;
    }

    /** A main class of this module as a load generator, pinned to the load generator's core. */
    List<String> loadClass(Class<?> main, List<String> args) {
        List<String> command = new ArrayList<>(pinning.load());
        command.addAll(List.of(java(), "-cp", classpath, main.getName()));
        command.addAll(args);
        return command;
    }

    /** The load generator's command for one run against {@code port}. */
    List<String> bench(Scenario workload, int port, long serverPid) {
        return bench(workload, port, serverPid, List.of());
    }

    /**
     * The load generator's command for a run under strace: no warm-up, so that the round trips it
     * reports are all those strace saw.
     */
    List<String> tracedBench(Scenario workload, int port) {
        return bench(workload, port, 0, List.of("--warmup", Durations.format(Duration.ZERO)));
    }

    /**
     * strace counting the system calls of every thread of {@code serverPid} into {@code summary}
     * until SIGTERM, when it detaches and writes the summary; on the server's core, so that the load
     * generator keeps its own.
     */
    List<String> strace(long serverPid, Path summary) {
        List<String> command = new ArrayList<>(pinning.server());
        command.addAll(List.of("strace", "-c", "-f", "-o", summary.toString(), "-p", Long.toString(serverPid)));
        return command;
    }

    private List<String> bench(Scenario workload, int port, long serverPid, List<String> extra) {
        List<String> command = new ArrayList<>(pinning.load());
        command.addAll(List.of(java(), "-jar", socklab.toString(), "bench", workload.bench(), HOST,
                Integer.toString(port), "--connections", Integer.toString(workload.connections())));
        if (workload.size() > 0) {
            command.addAll(List.of("--size", Integer.toString(workload.size())));
        }
        command.addAll(List.of("--duration", Durations.format(duration), "--json"));
        command.addAll(extra);
        if (workload.measuresServerMemory()) {
            command.addAll(List.of("--server-pid", Long.toString(serverPid)));
        }
        return command;
    }

    /** The command that runs socklab as {@code ./socklab} would, on the comparison's JDK: for the check that bench exists. */
    List<String> socklab(String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", socklab.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private String java() {
        return javaHome.resolve("bin").resolve("java").toString();
    }

    /** Long enough that no connection of a run is closed as idle: socklab's default, or more for long runs. */
    Duration idleTimeout() {
        Duration needed = duration.multipliedBy(2).plusSeconds(30);
        return needed.compareTo(SOCKLAB_IDLE_DEFAULT) > 0 ? needed : SOCKLAB_IDLE_DEFAULT;
    }

    /**
     * Netty loads a native library and uses {@code sun.misc.Unsafe}; the JDK warns about both
     * unless allowed. Allowing them changes no behaviour, it only keeps the warnings out of the log.
     */
    private static List<String> nettyJvmOptions() {
        return List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow");
    }
}
