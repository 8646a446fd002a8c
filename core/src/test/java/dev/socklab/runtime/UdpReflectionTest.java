package dev.socklab.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.socklab.service.Datagram;
import dev.socklab.service.DatagramService;
import dev.socklab.testing.Await;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/**
 * What keeps UDP services from being used against anyone: rate limits per source and in all
 * (tested with loopback included, since every test source is on loopback), the loopback
 * exemption, datagrams from service ports, loops between servers (loopback included), and each
 * service's declared reply bound.
 */
@Tag("no-engine")
@Timeout(20)
class UdpReflectionTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();
    private Server server;

    @Test
    void oneSourceGetsItsBurstThenTheRate() throws IOException {
        SocketAddress address = start(TestServices.DATAGRAM_ECHO, new UdpLimits(10, 20, 1000, true));
        try (DatagramChannel client = client("127.0.0.1")) {
            long start = System.nanoTime();
            for (int i = 0; i < 60; i++) {
                client.send(ByteBuffer.wrap(new byte[] {1}), address);
            }
            int replies = repliesOnceAllJudged(60, client)[0];
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(replies).isBetween(20, 20 + (int) Math.ceil(10 * seconds) + 1);
            assertThat(server.udpDrops().overRate()).isEqualTo(60 - replies);
        }
    }

    @Test
    void eachSourceHasABucketOfItsOwn() throws IOException {
        SocketAddress address = start(TestServices.DATAGRAM_ECHO, new UdpLimits(1, 5, 1000, true));
        try (DatagramChannel first = client("127.0.0.1"); DatagramChannel second = client("127.0.0.2")) {
            long start = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                first.send(ByteBuffer.wrap(new byte[] {1}), address);
                second.send(ByteBuffer.wrap(new byte[] {2}), address);
            }
            int[] replies = repliesOnceAllJudged(20, first, second);
            int fromFirst = replies[0];
            int fromSecond = replies[1];
            // 5 each from the burst, and what the rate of 1 a second added while the test ran.
            int extra = (int) Math.ceil((System.nanoTime() - start) / 1e9);
            assertThat(fromFirst).isBetween(5, 5 + extra);
            assertThat(fromSecond).isBetween(5, 5 + extra);
        }
    }

    @Test
    void theGlobalLimitHoldsOverAllSources() throws IOException {
        SocketAddress address = start(TestServices.DATAGRAM_ECHO, new UdpLimits(1000, 1000, 5, true));
        try (DatagramChannel first = client("127.0.0.1"); DatagramChannel second = client("127.0.0.3")) {
            long start = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                first.send(ByteBuffer.wrap(new byte[] {1}), address);
                second.send(ByteBuffer.wrap(new byte[] {2}), address);
            }
            int[] each = repliesOnceAllJudged(20, first, second);
            int replies = each[0] + each[1];
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(replies).isBetween(5, 5 + (int) Math.ceil(5 * seconds) + 1);
        }
    }

    @Test
    void loopbackSourcesAreExemptByDefault() throws IOException {
        SocketAddress address = start(TestServices.DATAGRAM_ECHO, UdpLimits.DEFAULTS);
        try (DatagramChannel client = client("127.0.0.1")) {
            for (int i = 0; i < 100; i++) {
                client.send(ByteBuffer.wrap(new byte[] {(byte) i}), address);
                assertThat(receive(client, Duration.ofSeconds(5))).as("reply %d", i).isEqualTo(1);
            }
            assertThat(server.udpDrops().overRate()).isZero();
        }
    }

    @Test
    void dropsOverTheRateAreLoggedOnceAMinutePerSourceNotPerDatagram() throws IOException {
        try (LogCapture log = LogCapture.socklab()) {
            SocketAddress address = start(TestServices.DATAGRAM_ECHO, new UdpLimits(1, 1, 1000, true));
            int replies;
            long start = System.nanoTime();
            try (DatagramChannel client = client("127.0.0.1")) {
                for (int i = 0; i < 30; i++) {
                    client.send(ByteBuffer.wrap(new byte[] {1}), address);
                }
                replies = repliesOnceAllJudged(30, client)[0];
            }
            // The burst of 1, and what the rate of 1 a second added while the test ran.
            assertThat(replies).isBetween(1, 1 + (int) Math.ceil((System.nanoTime() - start) / 1e9));
            assertThat(server.udpDrops().overRate()).isEqualTo(30 - replies);
            log.awaitContaining("dropping replies to 127.0.0.1 over the UDP rate limit");
            assertThat(log.lines().stream().filter(line -> line.contains("over the UDP rate limit"))).hasSize(1);
            assertThat(log.lines().stream().filter(line -> line.contains(" answered "))).hasSizeLessThanOrEqualTo(replies);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 7, 9, 13, 17, 19, 37})
    void datagramsFromTheSmallServicesPortsAreNotServed(int port) {
        ReflectionGuard guard = new ReflectionGuard(UdpLimits.DEFAULTS);
        assertThat(guard.admits(new InetSocketAddress("127.0.0.1", port), payload(1), "test")).isFalse();
        assertThat(guard.admits(new InetSocketAddress("127.0.0.1", 40000), payload(1), "test")).isTrue();
        assertThat(guard.droppedFromLoopPorts()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {10000, 10001, 10007, 10013, 10019, 10037})
    void datagramsFromSocklabsDefaultPortsAreNotServedWhileThePortsAroundThemAre(int port) {
        ReflectionGuard guard = new ReflectionGuard(UdpLimits.DEFAULTS);
        assertThat(guard.admits(new InetSocketAddress("127.0.0.1", port), payload(1), "test")).isFalse();
        assertThat(guard.admits(new InetSocketAddress("127.0.0.1", 9999), payload(1), "test")).isTrue();
        assertThat(guard.admits(new InetSocketAddress("127.0.0.1", 10038), payload(1), "test")).isTrue();
        assertThat(guard.droppedFromLoopPorts()).isEqualTo(1);
    }

    @Test
    void aPairRepeatingItselfAtLoopSpeedIsCutOffEvenOnLoopback() {
        ReflectionGuard guard = new ReflectionGuard(UdpLimits.DEFAULTS);
        InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 40000);
        long now = 0;
        int served = 0;
        // Two echoes on one host answer each other some 46,000 times a second.
        for (int i = 0; i < 5000; i++) {
            now += 1_000_000_000L / 46_000;
            if (guard.admits(peer, payload(7), "test", now)) {
                served++;
                guard.replied(peer, payload(7));
            }
        }
        assertThat(served).isBetween(LoopBudget.RATE, LoopBudget.RATE + 120);
        assertThat(guard.droppedInLoops()).isEqualTo(5000 - served);
    }

    @Test
    void aPeerSendingBackThisServersReplyIsRepeatingItToo() {
        ReflectionGuard guard = new ReflectionGuard(UdpLimits.DEFAULTS);
        InetSocketAddress echo = new InetSocketAddress("127.0.0.1", 40000);
        long now = 0;
        // A daytime-like service facing an echo: each request differs from the last, but is the reply just sent.
        ByteBuffer request = payload(0);
        int served = 0;
        while (guard.admits(echo, request, "test", now)) {
            assertThat(++served).as("datagrams served before the loop ends").isLessThan(LoopBudget.RATE + 120);
            request = payload(served);
            guard.replied(echo, request);
            now += 1_000_000_000L / 46_000;
        }
        assertThat(guard.droppedInLoops()).isEqualTo(1);
    }

    @Test
    void clientsThatRepeatAFewHundredTimesASecondOrNeverRepeatAreAllServed() {
        ReflectionGuard guard = new ReflectionGuard(UdpLimits.DEFAULTS);
        InetSocketAddress probe = new InetSocketAddress("127.0.0.1", 40000);
        InetSocketAddress bench = new InetSocketAddress("127.0.0.1", 40001);
        long now = 0;
        for (int i = 0; i < 10_000; i++) {
            now += 1_000_000_000L / 300;
            assertThat(guard.admits(probe, payload(1), "test", now)).as("the same probe, 300 a second: %d", i).isTrue();
            guard.replied(probe, payload(1));
        }
        for (int i = 0; i < 100_000; i++) {
            now += 1000;
            assertThat(guard.admits(bench, payload(i), "test", now)).as("numbered datagram %d", i).isTrue();
            guard.replied(bench, payload(i));
        }
        assertThat(guard.droppedInLoops()).isZero();
    }

    @Test
    void aClientSendingDistinctDatagramsAsFastAsItCanOnLoopbackIsAnsweredEveryTime() throws IOException {
        SocketAddress address = start(TestServices.DATAGRAM_ECHO, UdpLimits.DEFAULTS);
        try (DatagramChannel client = client("127.0.0.1")) {
            for (int i = 0; i < 3000; i++) {
                client.send(payload(i), address);
                assertThat(receive(client, Duration.ofSeconds(5))).as("reply %d", i).isEqualTo(Integer.BYTES);
            }
            assertThat(server.udpDrops().inLoops()).isZero();
        }
    }

    /**
     * Two servers' echoes made to answer each other end the exchange themselves. No unprivileged
     * socket can send from another's port, so a relay stands in for the spoofed first datagram:
     * it forwards what A sends to B and all else to A, as a NAT between them would, and each
     * server sees the relay's port as its peer's.
     */
    @Test
    void twoServersEchoingEachOtherStopWithinTheLoopBudget() throws Exception {
        try (LogCapture log = LogCapture.socklab(); DatagramChannel relay = client("127.0.0.1")) {
            Server a = servers.start(Server.builder().datagram("echo", TestServices.DATAGRAM_ECHO, StreamTransport.udp(false)));
            Server b = servers.start(Server.builder().datagram("echo", TestServices.DATAGRAM_ECHO, StreamTransport.udp(false)));
            SocketAddress toA = a.bindings().getFirst().endpoint().address();
            SocketAddress toB = b.bindings().getFirst().endpoint().address();
            relay.socket().setSoTimeout(5000);
            DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
            long start = System.nanoTime();
            relay.send(ByteBuffer.wrap("round and round".getBytes(StandardCharsets.US_ASCII)), toA);
            long forwarded = 0;
            // The loop is over when the relay hears nothing for 5 s: longer than a busy machine stalls a server.
            while (true) {
                try {
                    relay.socket().receive(packet);
                } catch (SocketTimeoutException e) {
                    break;
                }
                forwarded++;
                assertThat(forwarded).as("datagrams relayed").isLessThan(1_000_000);
                SocketAddress to = packet.getSocketAddress().equals(toA) ? toB : toA;
                relay.send(ByteBuffer.wrap(packet.getData(), 0, packet.getLength()), to);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // Each server serves the first datagram, then its budget of repeats: a burst and the rate meanwhile.
            long bound = 2 * 2 * (1 + LoopBudget.RATE + (long) Math.ceil(LoopBudget.RATE * seconds));
            assertThat(forwarded).isBetween(2L * LoopBudget.RATE, bound);
            assertThat(a.udpDrops().inLoops() + b.udpDrops().inLoops()).isEqualTo(1);
            log.awaitContaining("echo/udp: dropped a datagram from 127.0.0.1:", "as two services answering each other do");
        }
    }

    @Test
    void aDatagramFromChargensPortGetsNoEchoOnTheWire() throws IOException {
        SocketAddress address = start(TestServices.DATAGRAM_ECHO, UdpLimits.DEFAULTS);
        try (DatagramChannel chargenPort = DatagramChannel.open()) {
            try {
                chargenPort.bind(new InetSocketAddress("127.0.0.1", 19));
            } catch (IOException e) {
                assumeTrue(false, "binding port 19 needs privileges or a free port: " + e.getMessage());
            }
            chargenPort.send(ByteBuffer.wrap(new byte[] {1}), address);
            Await.until(() -> server.udpDrops().fromLoopPorts() == 1, WAIT, "the datagram dropped");
            assertThat(receive(chargenPort, Duration.ofMillis(300))).isEqualTo(-1);
        }
    }

    @Test
    void aDatagramFromAnotherOfTheServersOwnUdpPortsIsNotServed() {
        ReflectionGuard guard = new ReflectionGuard(UdpLimits.DEFAULTS);
        guard.addOwnPort(20019);
        assertThat(guard.admits(new InetSocketAddress("127.0.0.1", 20019), payload(1), "test")).isFalse();
    }

    @Test
    void aReplyPastTheServicesDeclaredBoundIsDropped() throws IOException {
        DatagramService boastful = new DatagramService() {
            @Override
            public void serve(Datagram datagram) throws IOException {
                datagram.reply(new byte[10]);
            }

            @Override
            public int maxReplyBytes(int requestBytes) {
                return 4;
            }
        };
        SocketAddress address = start(boastful, UdpLimits.DEFAULTS);
        try (DatagramChannel client = client("127.0.0.1")) {
            client.send(ByteBuffer.wrap(new byte[] {1}), address);
            Await.until(() -> server.udpDrops().overBound() == 1, WAIT, "the reply dropped");
            assertThat(receive(client, Duration.ofMillis(300))).isEqualTo(-1);
        }
    }

    @Test
    void worstCaseAmplificationCountsTheHeadersOnTheWire() {
        DatagramService fourBytes = new DatagramService() {
            @Override
            public void serve(Datagram datagram) {
            }

            @Override
            public int maxReplyBytes(int requestBytes) {
                return 4;
            }
        };
        assertThat(Amplification.worstCase(fourBytes)).hasValueCloseTo(32.0 / 28, Offset.offset(1e-9));
        assertThat(Amplification.worstCase(TestServices.DATAGRAM_ECHO))
                .hasValueCloseTo(1.0, Offset.offset(1e-9));
        assertThat(Amplification.worstCase(datagram -> { })).isEmpty();
    }

    private SocketAddress start(DatagramService service, UdpLimits limits) {
        server = servers.start(Server.builder().udpLimits(limits).datagram("echo", service, StreamTransport.udp(false)));
        return server.bindings().getFirst().endpoint().address();
    }

    /** Four bytes holding {@code value}: equal payloads for equal values. */
    private static ByteBuffer payload(int value) {
        return ByteBuffer.allocate(Integer.BYTES).putInt(0, value);
    }

    private static DatagramChannel client(String address) throws IOException {
        return DatagramChannel.open().bind(new InetSocketAddress(address, 0));
    }

    /**
     * The replies each client receives until every one of the {@code sent} datagrams is answered or
     * dropped over the rate: counted, not guessed from a silence, which a busy machine may stretch.
     */
    private int[] repliesOnceAllJudged(int sent, DatagramChannel... clients) throws IOException {
        int[] replies = new int[clients.length];
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (Arrays.stream(replies).sum() + server.udpDrops().overRate() < sent) {
            assertThat(System.nanoTime()).as("all %d datagrams answered or dropped in time", sent).isLessThan(deadline);
            for (int i = 0; i < clients.length; i++) {
                if (receive(clients[i], Duration.ofMillis(20)) >= 0) {
                    replies[i]++;
                }
            }
        }
        return replies;
    }

    /** The size of the next reply, or -1 if none comes within {@code wait}. */
    private static int receive(DatagramChannel client, Duration wait) throws IOException {
        client.socket().setSoTimeout((int) wait.toMillis());
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        try {
            client.socket().receive(packet);
            return packet.getLength();
        } catch (SocketTimeoutException e) {
            return -1;
        }
    }
}
