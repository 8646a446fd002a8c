package dev.socklab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Every bound of a plan, each refused with a sentence that names the option. */
class BenchPlanTest {
    private static final InetSocketAddress TARGET = new InetSocketAddress(InetAddress.getLoopbackAddress(), 10007);

    @Test
    void defaultsAreThoseOfTheCommand() {
        BenchPlan plan = BenchPlan.builder(Workload.PINGPONG, TARGET).build();

        assertThat(plan.connections()).isEqualTo(100);
        assertThat(plan.size()).isEqualTo(64);
        assertThat(plan.duration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(plan.warmup()).isEqualTo(Duration.ofSeconds(2));
        assertThat(plan.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(BenchPlan.builder(Workload.STREAM, TARGET).build().size()).isEqualTo(65_536);
        assertThat(BenchPlan.builder(Workload.CONNECT, TARGET).build().size()).isZero();
    }

    @Test
    void durationsPastTheirBoundsAreRefused() {
        assertThatThrownBy(() -> BenchPlan.builder(Workload.PINGPONG, TARGET).duration(Duration.ofMinutes(11)).build())
                .hasMessage("--duration must be more than 0 and at most 10m, not 11m");
        assertThatThrownBy(() -> BenchPlan.builder(Workload.PINGPONG, TARGET).duration(Duration.ZERO).build())
                .hasMessageStartingWith("--duration must be more than 0");
        assertThatThrownBy(() -> BenchPlan.builder(Workload.PINGPONG, TARGET).warmup(Duration.ofMinutes(2)).build())
                .hasMessage("--warmup must be from 0 to 1m, not 2m");
        assertThatThrownBy(() -> BenchPlan.builder(Workload.UDP, TARGET).udpTimeout(Duration.ofMillis(0)).build())
                .hasMessageStartingWith("--udp-timeout must be more than 0");
    }

    @Test
    void countsPastTheirBoundsAreRefused() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertThatThrownBy(() -> BenchPlan.builder(Workload.PINGPONG, TARGET).threads(cores + 1).build())
                .hasMessageStartingWith("--threads must be from 1 to " + cores);
        assertThatThrownBy(() -> BenchPlan.builder(Workload.PINGPONG, TARGET).connections(0).build())
                .hasMessage("--connections must be from 1 to 100000, not 0");
        assertThatThrownBy(() -> BenchPlan.builder(Workload.PINGPONG, TARGET).requests(0).build())
                .hasMessageStartingWith("--requests must be from 1");
        assertThatThrownBy(() -> BenchPlan.builder(Workload.IDLE, TARGET).requests(10).build())
                .hasMessageStartingWith("--requests does not apply to idle");
        assertThatThrownBy(() -> BenchPlan.builder(Workload.UDP, TARGET).size(70_000).build())
                .hasMessage("--size 70000 is out of range: udp sends 1 to 65507 bytes at a time");
        assertThatThrownBy(() -> BenchPlan.builder(Workload.CONNECT, TARGET).size(10).build())
                .hasMessage("--size does not apply to connect, which sends nothing");
    }

    @Test
    void moreConnectionsThanOpenFilesAllowIsRefusedWithTheFix() {
        assertThatThrownBy(() -> BenchPlan.builder(Workload.IDLE, TARGET).connections(BenchPlan.MAX_CONNECTIONS).build())
                .isInstanceOf(BenchPlanException.class)
                .hasMessageContaining("needs as many open files").hasMessageContaining("raise ulimit -n");
    }

    @Test
    void buffersPastTheBoundAreRefused() {
        assertThatThrownBy(() -> BenchPlan.builder(Workload.PINGPONG, TARGET).connections(1000).size(1 << 20).build())
                .hasMessageContaining("MiB of buffers");
    }

    @Test
    void serverPidBelongsToIdleAndMustBeAProcess() {
        long self = ProcessHandle.current().pid();
        assertThatThrownBy(() -> BenchPlan.builder(Workload.PINGPONG, TARGET).serverPid(self).build())
                .hasMessageStartingWith("--server-pid applies to idle alone");
        assertThatThrownBy(() -> BenchPlan.builder(Workload.IDLE, TARGET).serverPid(Integer.MAX_VALUE).build())
                .hasMessageStartingWith("--server-pid " + Integer.MAX_VALUE + " is not a process");
        // The PID must also hold the server's socket: ListeningSocketTest.
    }

    @Test
    void aSourceRangeNeedsAnIpv4Server() throws Exception {
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("::1"), 10007); // a literal: no look-up
        assertThatThrownBy(() -> BenchPlan.builder(Workload.PINGPONG, v6).sources(SourceRange.parse("127.0.0.2-127.0.0.9"))
                .build()).hasMessageStartingWith("--source-range holds IPv4 loopback addresses, but the server is at [::1]:10007");
    }

    @Test
    void chatHasOneSenderWithOneMessageInFlightByDefault() {
        BenchPlan plan = BenchPlan.builder(Workload.CHAT, TARGET).build();

        assertThat(plan.connections()).isEqualTo(100);
        assertThat(plan.senders()).isEqualTo(1);
        assertThat(plan.inFlight()).isEqualTo(1);
        assertThat(plan.size()).isEqualTo(64);
        assertThat(BenchPlan.builder(Workload.PINGPONG, TARGET).build().senders()).isZero();
    }

    @Test
    void chatsCountsAreBoundedAndNamedAsItsOptions() {
        assertThatThrownBy(() -> BenchPlan.builder(Workload.CHAT, TARGET).connections(10).senders(11).build())
                .hasMessage("--senders must be from 1 to the members, 10, not 11");
        assertThatThrownBy(() -> BenchPlan.builder(Workload.CHAT, TARGET).senders(0).build())
                .hasMessageStartingWith("--senders must be from 1");
        assertThatThrownBy(() -> BenchPlan.builder(Workload.CHAT, TARGET).inFlight(65).build())
                .hasMessage("--in-flight must be from 1 to 64, not 65");
        assertThatThrownBy(() -> BenchPlan.builder(Workload.CHAT, TARGET).connections(0).build())
                .hasMessage("--members must be from 1 to 100000, not 0");
        assertThatThrownBy(() -> BenchPlan.builder(Workload.CHAT, TARGET).size(63).build())
                .hasMessage("--size 63 is out of range: chat sends 64 to 512 bytes at a time");
        assertThatThrownBy(() -> BenchPlan.builder(Workload.PINGPONG, TARGET).senders(2).build())
                .hasMessage("--senders applies to chat alone");
        assertThatThrownBy(() -> BenchPlan.builder(Workload.STREAM, TARGET).inFlight(2).build())
                .hasMessage("--in-flight applies to chat alone");
    }

    @Test
    void aChatSweepKeepsItsSendersWithinEachRunsMembers() {
        BenchPlan plan = BenchPlan.builder(Workload.CHAT, TARGET).connections(100).senders(10).build();

        assertThat(plan.withConnections(1000).senders()).isEqualTo(10);
        assertThatThrownBy(() -> plan.withConnections(5)).hasMessage("--senders must be from 1 to the members, 5, not 10");
    }

    @Test
    void idleHasNoWarmup() {
        assertThat(BenchPlan.builder(Workload.IDLE, TARGET).build().warmup()).isZero();
    }

    @Test
    void workloadsAreReadInAnyCaseAndAnUnknownOneIsNamed() {
        assertThat(Workload.parse("PingPong")).isEqualTo(Workload.PINGPONG);
        assertThatThrownBy(() -> Workload.parse("pong"))
                .hasMessage("unknown workload 'pong': choose pingpong, stream, connect, udp, idle, chat, http, rpc");
    }

    @Test
    void anHttpRunGetsSlashWithStatus200UnlessToldAndOnlyItTakesAPath() {
        BenchPlan http = BenchPlan.builder(Workload.HTTP, TARGET).build();

        assertThat(http.get()).hasValue(new HttpGet("/", "127.0.0.1:10007", 200));
        assertThat(http.size()).isZero();
        assertThatThrownBy(() -> BenchPlan.builder(Workload.PINGPONG, TARGET).path("/x").build())
                .hasMessage("PATH applies to http alone");
        assertThatThrownBy(() -> BenchPlan.builder(Workload.HTTP, TARGET).path("x y").build())
                .hasMessageStartingWith("PATH must start with / and be at most 4096 visible ASCII characters");
        assertThatThrownBy(() -> BenchPlan.builder(Workload.HTTP, TARGET).status(99).build())
                .hasMessage("--status must be from 100 to 599, not 99");
    }

    @Test
    void aSweepIsACommaListOfCounts() {
        assertThat(Sweep.connections("--connections", "1, 10,100,1000")).containsExactly(1, 10, 100, 1000);
        assertThat(Sweep.connections("--connections", "7")).containsExactly(7);
        assertThatThrownBy(() -> Sweep.connections("--connections", "1,ten"))
                .hasMessage("--connections takes a number or a comma list such as 1,10,100,1000, and 'ten' is not a number");
        assertThatThrownBy(() -> Sweep.connections("--members", "1,".repeat(21) + "1"))
                .hasMessage("--members lists 22 runs; a sweep makes at most 20");
    }
}
