package dev.socklab.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** The comparison's command line. */
class CompareOptionsTest {

    @Test
    void defaultsAreTenSecondsThreeRoundsEveryWorkload() {
        CompareOptions o = parse();

        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.rounds()).isEqualTo(3);
        assertThat(Scenario.only(o.only())).hasSize(8);
        assertThat(o.report().out()).isEmpty();
        assertThat(o.sides()).containsExactly(Side.SOCKLAB, Side.SOCKLAB_JDK, Side.NETTY);
        assertThat(o.strace()).isFalse();
    }

    @Test
    void enginesChooseWhichSocklabsRunEachInRunningOrderAndNettyAlways() {
        assertThat(parse("--engines", "epoll").sides()).containsExactly(Side.SOCKLAB, Side.NETTY);
        assertThat(parse("--engines=jdk").sides()).containsExactly(Side.SOCKLAB_JDK, Side.NETTY);
        assertThat(parse("--engines", "jdk, epoll").sides()).containsExactly(Side.SOCKLAB, Side.SOCKLAB_JDK, Side.NETTY);
        assertThat(parse("--strace").strace()).isTrue();
    }

    @Test
    void onlySelectsFamiliesInRunningOrder() {
        CompareOptions o = parse("--duration", "3s", "--rounds=1", "--only", "udp, pingpong,connect",
                "--out", "docs/x.md");

        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(3));
        assertThat(o.rounds()).isEqualTo(1);
        assertThat(Scenario.only(o.only())).extracting(Scenario::name).containsExactly(
                "pingpong 64 B, 1 connection", "pingpong 64 B, 100 connections", "pingpong 64 B, 1000 connections",
                "connect, 32 loops (greeting)", "udp echo 64 B, 16 sockets");
        assertThat(o.report().out()).contains(Path.of("docs/x.md"));
    }

    @Test
    void mistakesReadAsOneSentence() {
        assertThatThrownBy(() -> parse("--only", "pingpong,latency"))
                .hasMessageEndingWith(": unknown workload 'latency': choose from pingpong, stream, connect, udp, idle");
        assertThatThrownBy(() -> parse("--rounds", "0"))
                .hasMessageEndingWith(": --rounds takes a whole number of 1 or more, not '0'");
        assertThatThrownBy(() -> parse("--duration", "500ms"))
                .hasMessageEndingWith(": 500ms is too short to measure anything: give 1s or more");
        assertThatThrownBy(() -> parse("--duration", "ten"))
                .hasMessageEndingWith(": 'ten' is not a duration; write it like 500ms, 5s, 2m or 1h");
        assertThatThrownBy(() -> parse("--engines", "epoll,io_uring"))
                .hasMessageEndingWith(": unknown engine 'io_uring': choose from epoll, jdk");
        assertThatThrownBy(() -> parse("--fast")).hasMessage("Unknown option: '--fast'");
    }

    private static CompareOptions parse(String... args) {
        CompareOptions options = new CompareOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }
}
