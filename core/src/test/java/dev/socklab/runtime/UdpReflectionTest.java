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
import java.time.Duration;
import java.util.Arrays;

import org.assertj.core.data.Offset;
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
 * exemption, datagrams from the small services' ports, and each service's declared reply bound.
 */
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
        assertThat(guard.admits(new InetSocketAddress("127.0.0.1", port), "test")).isFalse();
        assertThat(guard.admits(new InetSocketAddress("127.0.0.1", 40000), "test")).isTrue();
        assertThat(guard.droppedFromLoopPorts()).isEqualTo(1);
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
        guard.addOwnPort(10019);
        assertThat(guard.admits(new InetSocketAddress("127.0.0.1", 10019), "test")).isFalse();
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
