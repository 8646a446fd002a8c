package dev.socklab.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Finding the listeners in what a server prints, and a real Netty baseline started, read and stopped by PID. */
class ServerProcessTest {
    @TempDir
    Path dir;

    @Test
    void socklabsTableGivesEachListenersPort() {
        List<String> printed = List.of(
                "socklab is listening on loopback only (127.0.0.1): reachable from this machine alone; ...",
                "SERVICE  TRANSPORT  ADDRESS",
                "echo     tcp        127.0.0.1:40225",
                "echo     udp        127.0.0.1:36883",
                "hello    tcp        127.0.0.1:37657",
                "UDP replies: at most 10 a second per source (burst 20), 1000 in all; loopback sources exempt",
                "Press Ctrl-C to stop.");

        assertThat(ServerProcess.listeners(printed)).containsExactly(
                java.util.Map.entry("echo/tcp", 40225), java.util.Map.entry("echo/udp", 36883),
                java.util.Map.entry("hello/tcp", 37657));
    }

    @Test
    void nettysLinesGiveEachListenersPort() {
        List<String> printed = List.of("netty 4.1.137.Final on epoll, 2 event-loop threads",
                "netty echo tcp 127.0.0.1:33447", "netty hello tcp 127.0.0.1:36991", "netty echo udp 127.0.0.1:54299",
                "ready");

        assertThat(ServerProcess.listeners(printed))
                .containsEntry("echo/tcp", 33447).containsEntry("hello/tcp", 36991).containsEntry("echo/udp", 54299);
    }

    @Test
    void socklabsEngineLineIsItsBannerWhenItNamesTheEngineAskedFor() throws RunFailedException {
        List<String> epoll = List.of("socklab is listening on loopback only", "I/O engine: epoll, 1 carrier thread",
                "Press Ctrl-C to stop.");
        List<String> jdk = List.of("I/O engine: jdk (the JDK's virtual-thread scheduler)");

        assertThat(ServerProcess.banner(Side.SOCKLAB, epoll)).isEqualTo("I/O engine: epoll, 1 carrier thread");
        assertThat(ServerProcess.banner(Side.SOCKLAB_JDK, jdk)).isEqualTo("I/O engine: jdk (the JDK's virtual-thread scheduler)");
        assertThat(ServerProcess.banner(Side.SOCKLAB, List.of("I/O engine: epoll"))).isEqualTo("I/O engine: epoll");
    }

    @Test
    void socklabThatFellBackToAnotherEngineFailsTheRunRatherThanBeMeasuredUnderTheWrongName() {
        List<String> fellBack = List.of("I/O engine: jdk (epoll unavailable: no FFM access)", "Press Ctrl-C to stop.");

        assertThatThrownBy(() -> ServerProcess.banner(Side.SOCKLAB, fellBack))
                .hasMessage("socklab was asked for --io epoll but runs on jdk (epoll unavailable: no FFM access)");
        assertThatThrownBy(() -> ServerProcess.banner(Side.SOCKLAB_JDK, List.of("I/O engine: epoll, 2 carrier threads")))
                .hasMessage("socklab-jdk was asked for --io jdk but runs on epoll, 2 carrier threads");
        assertThatThrownBy(() -> ServerProcess.banner(Side.SOCKLAB, List.of("I/O engine: epollx")))
                .isInstanceOf(RunFailedException.class);
        assertThatThrownBy(() -> ServerProcess.banner(Side.SOCKLAB, List.of("Press Ctrl-C to stop.")))
                .hasMessage("socklab printed no 'I/O engine:' line: this socklab build predates the I/O engines");
    }

    @Test
    void nettysBannerIsItsStartUpLine() throws RunFailedException {
        List<String> printed = List.of("netty 4.1.137.Final on epoll, 2 event-loop threads", "ready");

        assertThat(ServerProcess.banner(Side.NETTY, printed)).isEqualTo("netty 4.1.137.Final on epoll, 2 event-loop threads");
        assertThat(ServerProcess.banner(Side.NETTY, List.of("ready"))).isEmpty();
    }

    @Test
    @Timeout(30)
    void nettyBaselineIsStartedUntilReadyThenStoppedBySigterm() throws RunFailedException {
        Children children = new Children();
        Launch launch = Launch.of(dir, dir.resolve("socklab.jar"), new Pinning(-1, -1, "not in tests"), Duration.ofSeconds(1));
        Path log = dir.resolve("netty.log");

        ServerProcess server = ServerProcess.start(children, Side.NETTY, launch, log);
        ProcessHandle handle = ProcessHandle.of(server.pid()).orElseThrow();

        assertThat(server.port("hello/tcp")).isPositive();
        assertThat(server.banner()).startsWith("netty ").contains(" on ");
        assertThatThrownBy(() -> server.port("qotd/tcp")).hasMessageContaining("printed no qotd/tcp listener");
        assertThat(server.stop()).isEqualTo("stopped");
        assertThat(handle.isAlive()).isFalse();
        assertThat(Logs.lines(log)).contains("netty stopped");
    }

    @Test
    @Timeout(30)
    void serverThatExitsBeforeItIsReadyIsReportedWithWhatItPrinted() {
        Children children = new Children();
        // There is no socklab jar: the JVM starts, says so, and exits.
        Launch launch = Launch.of(dir, dir.resolve("missing.jar"), new Pinning(-1, -1, "not in tests"), Duration.ofSeconds(1));

        assertThatThrownBy(() -> ServerProcess.start(children, Side.SOCKLAB, launch, dir.resolve("socklab.log")))
                .isInstanceOf(RunFailedException.class)
                .hasMessageStartingWith("socklab exited with code 1 before it was ready: ")
                .hasMessageContaining("missing.jar");
    }
}
