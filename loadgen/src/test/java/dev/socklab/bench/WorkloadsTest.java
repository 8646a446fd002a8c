package dev.socklab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.socklab.runtime.Endpoint;
import dev.socklab.service.Connection;
import dev.socklab.service.StreamService;
import dev.socklab.services.chat.ChatService;
import dev.socklab.services.chat.ChatSettings;
import dev.socklab.services.discard.DiscardService;
import dev.socklab.services.echo.EchoService;
import dev.socklab.services.hello.HelloService;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/** Every workload for about half a second against socklab's own echo, greeting and chat services on loopback. */
@Timeout(30)
class WorkloadsTest {
    private static final Duration RUN = Duration.ofMillis(500);
    private static final Duration WARMUP = Duration.ofMillis(200);

    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @ParameterizedTest(name = "{0} connection(s)")
    @ValueSource(ints = {1, 10})
    void pingpongCountsRoundTripsWithoutErrors(int connections) throws Exception {
        InetSocketAddress echo = tcp(new EchoService());

        BenchResult r = LoadGenerator.run(plan(Workload.PINGPONG, echo).connections(connections).build());

        assertThat(r.operations()).isPositive();
        assertThat(r.errors().total()).as("errors: %s", r.errors()).isZero();
        assertThat(r.seconds()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.1));
        assertThat(r.opsPerSecond()).isEqualTo(r.operations() / r.seconds());
        assertThat(r.bytesPerSecond()).isEqualTo(r.opsPerSecond() * 64);
        assertThat(r.latency().samples()).isEqualTo(r.operations());
        assertThat(r.latency().p50()).isPositive().isLessThanOrEqualTo(r.latency().p99());
        assertThat(r.latency().p99()).isLessThanOrEqualTo(r.latency().p999());
        assertThat(r.loadCpu()).isBetween(0.0, 1.0);
        assertThat(r.threads()).isEqualTo(Math.min(connections, Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void requestsCapEndsTheRunAtExactlyThatManyOperations() throws Exception {
        InetSocketAddress echo = tcp(new EchoService());

        BenchResult r = LoadGenerator.run(plan(Workload.PINGPONG, echo).connections(4).requests(300)
                .duration(Duration.ofSeconds(20)).build());

        assertThat(r.operations()).isEqualTo(300);
        assertThat(r.seconds()).isLessThan(10);
    }

    @Test
    void streamCountsEchoedBytesPerSecond() throws Exception {
        InetSocketAddress echo = tcp(new EchoService());

        BenchResult r = LoadGenerator.run(plan(Workload.STREAM, echo).connections(4).size(16_384).build());

        assertThat(r.errors().total()).as("errors: %s", r.errors()).isZero();
        assertThat(r.operations()).isPositive();
        assertThat(r.bytesPerSecond()).isEqualTo(r.operations() * 16_384 / r.seconds());
        assertThat(r.latency().measured()).isTrue();
    }

    @Test
    void connectCountsGreetingsToTheEndOfStream() throws Exception {
        InetSocketAddress hello = tcp(new HelloService(HelloService.DEFAULT_GREETING));

        BenchResult r = LoadGenerator.run(plan(Workload.CONNECT, hello).connections(4).build());

        assertThat(r.errors().total()).as("errors: %s", r.errors()).isZero();
        assertThat(r.operations()).isPositive();
        assertThat(r.bytesPerSecond()).isEqualTo(r.operations() * "Hello World!\r\n".length() / r.seconds());
        assertThat(r.size()).isZero();
    }

    @Test
    void udpLosesNothingOnLoopback() throws Exception {
        InetSocketAddress echo = udp();

        BenchResult r = LoadGenerator.run(plan(Workload.UDP, echo).connections(4).build());

        assertThat(r.operations()).isPositive();
        assertThat(r.lost()).isZero();
        assertThat(r.errors().total()).isZero();
    }

    @Test
    void udpToAClosedPortLosesEveryDatagramAndEnds() throws Exception {
        InetSocketAddress closed = new InetSocketAddress(InetAddress.getLoopbackAddress(), freeUdpPort());

        BenchResult r = LoadGenerator.run(plan(Workload.UDP, closed).connections(2).udpTimeout(Duration.ofMillis(200))
                .build());

        assertThat(r.operations()).isZero();
        assertThat(r.lost()).isPositive();
        assertThat(r.failed()).isTrue();
        assertThat(BenchReport.failure(r)).startsWith("no datagram sent to 127.0.0.1:").contains("lost");
    }

    @Test
    void udpToASilentSocketTimesOutEachDatagram() throws Exception {
        try (DatagramChannel silent = DatagramChannel.open()) {
            silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

            BenchResult r = LoadGenerator.run(plan(Workload.UDP, (InetSocketAddress) silent.getLocalAddress())
                    .connections(2).warmup(Duration.ZERO).udpTimeout(Duration.ofMillis(100)).build());

            assertThat(r.operations()).isZero();
            // Two sockets, one datagram each per 100 ms timeout, for half a second: about 10.
            assertThat(r.lost()).isBetween(3L, 14L);
        }
    }

    @Test
    void idleHoldsItsConnectionsAndMeasuresTheServersMemory() throws Exception {
        InetSocketAddress echo = tcp(new EchoService());

        // Opening is bounded by --duration too: 2 s leaves a busy machine room to open 50 connections.
        BenchResult r = LoadGenerator.run(plan(Workload.IDLE, echo).connections(50)
                .duration(Duration.ofSeconds(2)).serverPid(ProcessHandle.current().pid()).build());

        assertThat(r.operations()).isEqualTo(50);
        assertThat(r.errors().total()).isZero();
        assertThat(r.serverBytesPerConnection()).isPresent();
        assertThat(r.seconds()).isGreaterThanOrEqualTo(2.0);
        assertThat(r.opsPerSecond()).isPositive();
        assertThat(r.latency().samples()).isEqualTo(50);
    }

    @Test
    void refusedConnectionsAreCountedAndTheRunEnds() throws Exception {
        InetSocketAddress closed = new InetSocketAddress(InetAddress.getLoopbackAddress(), freeTcpPort());

        BenchResult r = LoadGenerator.run(plan(Workload.PINGPONG, closed).connections(3).build());

        assertThat(r.operations()).isZero();
        assertThat(r.errors().of(ErrorKind.REFUSED)).isPositive();
        assertThat(r.errors().total()).isEqualTo(r.errors().of(ErrorKind.REFUSED));
        assertThat(r.failed()).isTrue();
    }

    @Test
    void everyConnectionComesFromTheSourceRange() throws Exception {
        Queue<SocketAddress> peers = new ConcurrentLinkedQueue<>();
        EchoService echo = new EchoService();
        StreamService recording = conn -> record(peers, conn, echo);
        InetSocketAddress server = tcp(recording);
        SourceRange range = SourceRange.parse("127.0.0.2-127.0.0.9");

        BenchResult r = LoadGenerator.run(plan(Workload.PINGPONG, server).connections(10).sources(range).build());

        assertThat(r.operations()).isPositive();
        assertThat(r.errors().total()).isZero();
        List<InetAddress> sources = peers.stream().map(p -> ((InetSocketAddress) p).getAddress()).toList();
        assertThat(sources).hasSize(10).allMatch(range::contains, "in 127.0.0.2-127.0.0.9");
        assertThat(sources.stream().distinct()).hasSize(8);
    }

    @ParameterizedTest(name = "{0} members, {1} senders, {2} in flight")
    @CsvSource({"1, 1, 1", "20, 2, 1", "10, 3, 4"})
    void chatDeliversMessagesToMembersWithoutErrors(int members, int senders, int inFlight) throws Exception {
        InetSocketAddress chat = tcp(chat(0, 100));

        // A generous timeout: a message late on a loaded machine must not read as a lost one.
        BenchResult r = LoadGenerator.run(plan(Workload.CHAT, chat).connections(members).senders(senders)
                .inFlight(inFlight).connectTimeout(Duration.ofSeconds(10)).build());

        assertThat(r.errors().total()).as("errors: %s; the server said %s", r.errors(), r.serverWarning()).isZero();
        assertThat(r.serverWarning()).isEmpty();
        assertThat(r.operations()).as("every member gets at least one message").isGreaterThanOrEqualTo(members);
        assertThat(r.seconds()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.1));
        assertThat(r.latency().samples()).isEqualTo(r.operations());
        assertThat(r.latency().p50()).isPositive().isLessThanOrEqualTo(r.latency().p99());
        // Each delivery is a line of the room: "[HH:mm:ss] <guest-N> " and a 64-byte message, CRLF.
        assertThat(r.bytesPerSecond() / r.opsPerSecond()).isBetween(64.0 + 2 + 18, 64.0 + 2 + 25);
        assertThat(r.senders()).isEqualTo(senders);
    }

    @Test
    void chatCountsTheFloodControlsWarningAndKeepsIt() throws Exception {
        // Flood control at its default, 5 lines a second in bursts of 10: 16 lines at once overflow the
        // burst however slowly the machine runs (the join and the marker took 2).
        InetSocketAddress chat = tcp(chat(ChatSettings.DEFAULTS.rate(), 100));

        BenchResult r = LoadGenerator.run(plan(Workload.CHAT, chat).connections(2).inFlight(16).warmup(Duration.ZERO)
                .build());

        assertThat(r.errors().of(ErrorKind.WARNED)).isPositive();
        assertThat(r.serverWarning()).hasValue("!! slow down: at most 5 lines a second");
        assertThat(BenchReport.notes(List.of(r))).anyMatch(note -> note.contains("--chat-rate 0"));
    }

    @Test
    void chatCountsTheWarningsOfItsWarmUpAndFails() throws Exception {
        // One line a second in bursts of 10: the sender's messages overflow the burst within the warm-up.
        InetSocketAddress chat = tcp(chat(1, 100));

        BenchResult r = LoadGenerator.run(plan(Workload.CHAT, chat).connections(2).warmup(Duration.ofSeconds(2))
                .duration(Duration.ofMillis(300)).build());

        assertThat(r.errors().of(ErrorKind.WARNED)).isPositive();
        assertThat(r.warned()).isTrue();
        assertThat(BenchReport.failure(r)).contains("--chat-rate 0");
    }

    @Test
    void chatFailsWhenItsMembersCannotGetIntoTheRoom() throws Exception {
        // At most one room, the lobby: every member's join is refused, and its marker goes to the lobby.
        InetSocketAddress chat = tcp(chat(0, 1));

        long start = System.nanoTime();
        // The run ends as soon as every member is in or refused, long before --duration on any machine.
        BenchResult r = LoadGenerator.run(plan(Workload.CHAT, chat).connections(3).duration(Duration.ofSeconds(30))
                .build());

        assertThat(r.operations()).isZero();
        assertThat(r.errors().of(ErrorKind.WARNED)).as("each member told why").isEqualTo(3);
        assertThat(r.errors().of(ErrorKind.TIMEOUT)).as("members neither in nor refused").isZero();
        assertThat(r.failed()).isTrue();
        assertThat(r.serverWarning()).hasValue("!! no room for another room (at most 1)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void chatMembersNeitherInNorRefusedTimeOutAtTheLongerOfDurationAndTimeout() throws Exception {
        // A server that reads every line and answers none: no member is ever in the room, nor told why.
        InetSocketAddress silent = tcp(new DiscardService());

        long start = System.nanoTime();
        BenchResult r = LoadGenerator.run(plan(Workload.CHAT, silent).connections(3).duration(Duration.ofMillis(300))
                .connectTimeout(Duration.ofMillis(800)).build());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited for the timeout, not the duration")
                .isGreaterThanOrEqualTo(Duration.ofMillis(800));

        assertThat(r.operations()).isZero();
        assertThat(r.errors().of(ErrorKind.TIMEOUT)).isEqualTo(3);
        assertThat(r.errors().total()).isEqualTo(3);
        assertThat(r.failed()).isTrue();
    }

    /** socklab's chat, with flood control at {@code rate} lines a second (0: off) and at most {@code maxRooms}, the lobby included. */
    private static ChatService chat(int rate, int maxRooms) {
        ChatSettings d = ChatSettings.DEFAULTS;
        return new ChatService(new ChatSettings(d.history(), maxRooms, d.maxMembers(), d.maxLineBytes(), rate, d.burst(),
                d.sendQueueBytes(), d.maxLag(), d.idleTimeout()), Clock.systemDefaultZone());
    }

    private static void record(Queue<SocketAddress> peers, Connection conn, EchoService echo) throws IOException {
        peers.add(conn.peer());
        echo.serve(conn);
    }

    private static BenchPlan.Builder plan(Workload workload, InetSocketAddress target) {
        return BenchPlan.builder(workload, target).duration(RUN).warmup(WARMUP).connectTimeout(Duration.ofSeconds(2));
    }

    private InetSocketAddress tcp(StreamService service) {
        return (InetSocketAddress) servers.stream("bench", service, StreamTransport.TCP_IPV4.endpoint(null)).address();
    }

    private InetSocketAddress udp() {
        Endpoint bound = servers.datagram("echo", new EchoService(), StreamTransport.udp(false));
        return (InetSocketAddress) bound.address();
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return ((InetSocketAddress) probe.getLocalAddress()).getPort();
        } // closed: nothing listens on it now
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
    }
}
