package dev.socklab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.socklab.net.SocketAddresses;
import dev.socklab.service.DatagramService;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/** A datagram service answers each datagram on its own; one that fails costs only that datagram. */
@Tag("no-engine")
@Timeout(20)
class DatagramServingTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** Upper-cases each datagram back, stays silent on {@code quiet}, and throws on {@code boom}. */
    private static final DatagramService SHOUT = datagram -> {
        String text = datagram.text();
        if (text.equals("boom")) {
            throw new IllegalStateException("boom");
        }
        if (!text.equals("quiet")) {
            datagram.reply(text.toUpperCase(Locale.ROOT));
        }
    };

    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @ParameterizedTest(name = "ipv6 {0}")
    @ValueSource(booleans = {false, true})
    void serviceAnswersEachDatagram(boolean ipv6) throws IOException {
        InetSocketAddress bound = serve(ipv6);

        try (DatagramChannel client = client(bound)) {
            assertThat(exchange(client, "hello")).isEqualTo("HELLO");
            assertThat(exchange(client, "again")).isEqualTo("AGAIN");
        }
    }

    @ParameterizedTest(name = "ipv6 {0}")
    @ValueSource(booleans = {false, true})
    void datagramThatCrashesTheServiceDoesNotStopTheLoop(boolean ipv6) throws IOException {
        try (LogCapture log = LogCapture.socklab()) {
            InetSocketAddress bound = serve(ipv6);

            try (DatagramChannel client = client(bound)) {
                client.write(utf8("boom"));
                assertThat(exchange(client, "next")).isEqualTo("NEXT");

                assertThat(log.awaitContaining(exchangeLine(client, bound, "error: java.lang.IllegalStateException: boom")))
                        .contains("(in 4 B, out 0 B, ");
                String sender = SocketAddresses.format(client.getLocalAddress());
                assertThat(log.warnings()).anyMatch(line -> line.contains("crashed on a datagram from " + sender));
            }
        }
    }

    @ParameterizedTest(name = "ipv6 {0}")
    @ValueSource(booleans = {false, true})
    void eachExchangeIsLoggedAsAnsweredOrNot(boolean ipv6) throws IOException {
        try (LogCapture log = LogCapture.socklab()) {
            InetSocketAddress bound = serve(ipv6);

            try (DatagramChannel client = client(bound)) {
                assertThat(exchange(client, "hi")).isEqualTo("HI");
                assertThat(log.awaitContaining(exchangeLine(client, bound, "answered"))).contains("(in 2 B, out 2 B, ");

                client.write(utf8("quiet"));
                assertThat(log.awaitContaining(exchangeLine(client, bound, "no reply"))).contains("(in 5 B, out 0 B, ");
            }
        }
    }

    private InetSocketAddress serve(boolean ipv6) {
        return (InetSocketAddress) servers.datagram("shout", SHOUT, StreamTransport.udp(ipv6)).address();
    }

    /** {@code shout/udp 127.0.0.1:40000 -> 127.0.0.1:7 answered}, as the receive loop logs an exchange. */
    private static String exchangeLine(DatagramChannel client, InetSocketAddress bound, String outcome) throws IOException {
        return "shout/udp " + SocketAddresses.format(client.getLocalAddress()) + " -> " + SocketAddresses.format(bound)
                + " " + outcome + " (in ";
    }

    private static DatagramChannel client(InetSocketAddress server) throws IOException {
        DatagramChannel client = DatagramChannel.open(server.getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        client.connect(server);
        client.socket().setSoTimeout((int) WAIT.toMillis()); // every receive has a deadline
        return client;
    }

    /** Sends {@code text} and returns the answer, which must come within the deadline. */
    private static String exchange(DatagramChannel client, String text) throws IOException {
        client.write(utf8(text));
        DatagramPacket answer = new DatagramPacket(new byte[2048], 2048);
        client.socket().receive(answer);
        return new String(answer.getData(), 0, answer.getLength(), StandardCharsets.UTF_8);
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
