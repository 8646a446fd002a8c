package dev.socklab.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.socklab.runtime.Amplification;
import dev.socklab.service.DatagramService;
import dev.socklab.services.arp.ArpService;
import dev.socklab.services.arp.ArpTable;
import dev.socklab.services.arp.RarpService;
import dev.socklab.services.chargen.ChargenService;
import dev.socklab.services.daytime.DaytimeFormat;
import dev.socklab.services.daytime.DaytimeService;
import dev.socklab.services.discard.DiscardService;
import dev.socklab.services.echo.EchoService;
import dev.socklab.services.hello.HelloService;
import dev.socklab.services.qotd.QotdMode;
import dev.socklab.services.qotd.QotdService;
import dev.socklab.services.qotd.Quotes;
import dev.socklab.services.time.TimeService;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/**
 * What an attacker gets from each UDP service for what it sends: over a burst of empty and 1-byte
 * datagrams, the bytes sent back per byte received, counted on the wire with 28 bytes of IPv4 and
 * UDP headers each way, stay within the service's declared worst case, and within the
 * amplification factor for the classic amplifiers, chargen and qotd. (Loopback sources are exempt
 * from the rate limits, so every datagram here is answered as the service would answer it.)
 */
@Tag("no-engine")
@Timeout(30)
class ReflectionTest {
    private static final int HEADERS = 28;
    private static final int BURST = 20;

    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void everyUdpServiceStaysWithinItsBoundAndTheAmplifiersWithinTheFactor(int factor) throws IOException {
        ArpTable table = ArpTable.builder()
                .entry("10.0.0.1=0A:0B:0C:0D").entry("10.0.0.2=0A:0B:0C:0D").entry("fe80::1=0A:0B:0C:0D")
                .build();
        Map<String, DatagramService> services = Map.of(
                "hello", new HelloService(HelloService.DEFAULT_GREETING),
                "echo", new EchoService(),
                "discard", new DiscardService(),
                "daytime", new DaytimeService(Clock.systemUTC(), DaytimeFormat.parse("lab"), Duration.ofSeconds(2)),
                "time", new TimeService(Clock.systemUTC()),
                "arp", new ArpService(table, Duration.ofMillis(200)),
                "rarp", new RarpService(table, Duration.ofMillis(200)),
                "chargen", new ChargenService(factor),
                "qotd", new QotdService(Quotes.builtIn(), QotdMode.RANDOM, Clock.systemUTC(), factor));
        for (Map.Entry<String, DatagramService> entry : services.entrySet()) {
            SocketAddress address = servers.datagram(entry.getKey(), entry.getValue(), StreamTransport.udp(false)).address();
            double ratio = onTheWire(address);
            double declared = Amplification.worstCase(entry.getValue()).orElseThrow();
            assertThat(ratio).as("%s: bytes back per byte in", entry.getKey()).isLessThanOrEqualTo(declared + 1e-9);
            if (entry.getKey().equals("chargen") || entry.getKey().equals("qotd")) {
                assertThat(ratio).as("%s with factor %d", entry.getKey(), factor).isLessThanOrEqualTo(factor);
                assertThat(declared).isLessThanOrEqualTo(factor);
            }
        }
    }

    @Test
    void theClassicAmplifiersAnswerAByteWithAByte() throws IOException {
        for (DatagramService service : new DatagramService[] {new ChargenService(1),
                new QotdService(Quotes.builtIn(), QotdMode.RANDOM, Clock.systemUTC(), 1)}) {
            SocketAddress address = servers.datagram("amplifier", service, StreamTransport.udp(false)).address();
            try (DatagramChannel client = DatagramChannel.open()) {
                client.send(ByteBuffer.wrap(new byte[] {'x'}), address);
                assertThat(receive(client, 5000)).isEqualTo(1);
            }
        }
    }

    /**
     * Sends {@code BURST} empty and {@code BURST} 1-byte datagrams; what came back over what went, headers included.
     * Each datagram waits a little for its reply (discard never answers, and some services not to
     * every datagram); a reply later than that is read with a later one, or by the last reads, which
     * go on until the server has been quiet for 200 ms.
     */
    private static double onTheWire(SocketAddress address) throws IOException {
        long sent = 0;
        long received = 0;
        try (DatagramChannel client = DatagramChannel.open()) {
            for (int size : new int[] {0, 1}) {
                for (int i = 0; i < BURST; i++) {
                    client.send(ByteBuffer.wrap(new byte[size]), address);
                    sent += HEADERS + size;
                    int reply = receive(client, 20);
                    if (reply >= 0) {
                        received += HEADERS + reply;
                    }
                }
            }
            for (int reply = receive(client, 200); reply >= 0; reply = receive(client, 200)) {
                received += HEADERS + reply;
            }
        }
        return (double) received / sent;
    }

    /** The size of the reply, or -1 when none comes within {@code millis}. */
    private static int receive(DatagramChannel client, int millis) throws IOException {
        client.socket().setSoTimeout(millis);
        java.net.DatagramPacket packet = new java.net.DatagramPacket(new byte[65_536], 65_536);
        try {
            client.socket().receive(packet);
            return packet.getLength();
        } catch (SocketTimeoutException e) {
            return -1;
        }
    }
}
