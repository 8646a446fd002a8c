package dev.socklab.services.qotd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.socklab.runtime.Endpoint;
import dev.socklab.testing.LabProgram;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;
import dev.socklab.testing.Tools;

@Timeout(30)
class QotdServiceTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** 21 November 2026, 09:30 in Paris. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T08:30:00Z"), PARIS);
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** Two lines, a multi-byte dash: 44 bytes on the wire. */
    private static final String QUOTE = "They also serve who only stand and wait.\n— John Milton\n";
    private static final String QUOTE_ON_THE_WIRE = "They also serve who only stand and wait.\r\n— John Milton\r\n";

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void tellsOneQuoteThenCloses(StreamTransport transport) throws IOException {
        Endpoint bound = servers.stream("qotd", service(quotes(QUOTE), QotdMode.RANDOM, CLOCK, 1),
                transport.endpoint(dir));
        try (LogCapture log = LogCapture.socklab(); RawClient client = RawClient.connect(bound)) {
            assertThat(client.readAll(WAIT)).isEqualTo(QUOTE_ON_THE_WIRE);
            int bytes = QUOTE_ON_THE_WIRE.getBytes(StandardCharsets.UTF_8).length;
            log.awaitContaining("qotd#", "closed by server", "out " + bytes + " B");
        }
    }

    @Test
    void dailyModeTellsTheSameQuoteAllDayInTheClocksZoneAndAnotherTheNextDay() throws IOException {
        Quotes quotes = Quotes.builtIn();
        // 00:30 and 23:30 of 21 November in Paris: in UTC, the first is still 20 November.
        String early = tcpQuote(quotes, Clock.fixed(Instant.parse("2026-11-20T23:30:00Z"), PARIS));
        String late = tcpQuote(quotes, Clock.fixed(Instant.parse("2026-11-21T22:30:00Z"), PARIS));
        String nextDay = tcpQuote(quotes, Clock.fixed(Instant.parse("2026-11-21T23:30:00Z"), PARIS));
        assertThat(late).isEqualTo(early);
        assertThat(nextDay).isNotEqualTo(early);
        assertThat(List.of(early, nextDay)).allSatisfy(quote -> assertThat(all(quotes)).contains(quote));
    }

    @Test
    void randomModeTellsMoreThanOneQuoteOver200Requests() throws IOException {
        Quotes quotes = Quotes.builtIn();
        Endpoint bound = servers.datagram("qotd", service(quotes, QotdMode.RANDOM, CLOCK, 1),
                StreamTransport.udp(false));
        Set<String> told = new HashSet<>();
        try (DatagramChannel client = DatagramChannel.open()) {
            client.socket().setSoTimeout(5000);
            for (int i = 0; i < 200; i++) {
                told.add(exchange(client, bound.address(), 512));
            }
        }
        assertThat(told).hasSizeGreaterThan(1);
        assertThat(all(quotes)).containsAll(told);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aDatagramGetsTheQuoteCutToTheRequestsSize(boolean ipv6) throws IOException {
        Endpoint bound = servers.datagram("qotd", service(quotes(QUOTE), QotdMode.DAILY, CLOCK, 1),
                StreamTransport.udp(ipv6));
        try (DatagramChannel client = DatagramChannel.open()) {
            client.socket().setSoTimeout(5000);
            assertThat(exchange(client, bound.address(), 0)).isEmpty();
            assertThat(exchange(client, bound.address(), 512)).isEqualTo(QUOTE_ON_THE_WIRE);
            assertThat(exchange(client, bound.address(), 10)).isEqualTo("They also ");
        }
    }

    @Test
    void aCutNeverSplitsACharacter() throws IOException {
        // "— John Milton" starts at byte 42 and its dash takes three bytes: a cut at 43 or 44 would split it.
        Endpoint bound = servers.datagram("qotd", service(quotes(QUOTE), QotdMode.DAILY, CLOCK, 1),
                StreamTransport.udp(false));
        String head = "They also serve who only stand and wait.\r\n";
        try (DatagramChannel client = DatagramChannel.open()) {
            client.socket().setSoTimeout(5000);
            assertThat(exchange(client, bound.address(), 43)).isEqualTo(head);
            assertThat(exchange(client, bound.address(), 44)).isEqualTo(head);
            assertThat(exchange(client, bound.address(), 45)).isEqualTo(head + "—");
        }
    }

    @Test
    void theAmplificationFactorLetsASmallRequestGetMore() throws IOException {
        QotdService qotd = service(quotes(QUOTE), QotdMode.DAILY, CLOCK, 3);
        Endpoint bound = servers.datagram("qotd", qotd, StreamTransport.udp(false));
        try (DatagramChannel client = DatagramChannel.open()) {
            client.socket().setSoTimeout(5000);
            assertThat(exchange(client, bound.address(), 5)).isEqualTo("They also serve");
        }
        assertThat(qotd.maxReplyBytes(0)).isZero();
        assertThat(qotd.maxReplyBytes(5)).isEqualTo(15);
        assertThat(qotd.maxReplyBytes(65_507)).isEqualTo(Quotes.MAX_BYTES);
        assertThat(service(quotes(QUOTE), QotdMode.DAILY, CLOCK, Integer.MAX_VALUE).maxReplyBytes(65_507))
                .isEqualTo(Quotes.MAX_BYTES);
        assertThatThrownBy(() -> service(quotes(QUOTE), QotdMode.DAILY, CLOCK, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    @Test
    void netcatPrintsAQuote() throws Exception {
        String nc = Tools.require("nc.openbsd");
        Endpoint bound = servers.stream("qotd", service(Quotes.builtIn(), QotdMode.DAILY, CLOCK, 1),
                StreamTransport.TCP_IPV4.endpoint(dir));
        String port = String.valueOf(((InetSocketAddress) bound.address()).getPort());
        try (LabProgram client = LabProgram.start(List.of(nc, "127.0.0.1", port))) {
            client.input("");
            String output = client.outputUntilExit(Duration.ofSeconds(10));
            assertThat(all(Quotes.builtIn())).contains(output);
        }
    }

    private String tcpQuote(Quotes quotes, Clock clock) throws IOException {
        Endpoint bound = servers.stream("qotd", service(quotes, QotdMode.DAILY, clock, 1),
                StreamTransport.TCP_IPV4.endpoint(dir));
        try (RawClient client = RawClient.connect(bound)) {
            return client.readAll(WAIT);
        }
    }

    private static QotdService service(Quotes quotes, QotdMode mode, Clock clock, int amplification) {
        return new QotdService(quotes, mode, clock, amplification);
    }

    private Quotes quotes(String text) throws IOException {
        return Quotes.load(Files.writeString(Files.createTempFile(dir, "quotes", ".txt"), text));
    }

    private static List<String> all(Quotes quotes) {
        return IntStream.range(0, quotes.size()).mapToObj(quotes::get).toList();
    }

    /** Sends a request of {@code size} bytes and returns the reply, decoded as UTF-8. */
    private static String exchange(DatagramChannel client, SocketAddress server, int size) throws IOException {
        client.send(ByteBuffer.allocate(size), server);
        byte[] reply = new byte[2048];
        DatagramPacket packet = new DatagramPacket(reply, reply.length);
        client.socket().receive(packet);
        return new String(reply, 0, packet.getLength(), StandardCharsets.UTF_8);
    }
}
