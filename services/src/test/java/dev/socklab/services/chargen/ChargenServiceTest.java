package dev.socklab.services.chargen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Limits;
import dev.socklab.runtime.Server;
import dev.socklab.testing.Await;
import dev.socklab.testing.LabProgram;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;
import dev.socklab.testing.Tools;

@Timeout(30)
class ChargenServiceTest {
    /** The first three lines of RFC 864's example, as the RFC prints them, and as xinetd sends them. */
    private static final String LINE_1 =
            "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefgh";
    private static final String LINE_2 =
            "\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghi";
    private static final String LINE_3 =
            "#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghij";
    /** The first line as bytes on the wire, written out rather than computed: 72 characters and CRLF. */
    private static final byte[] FIRST_LINE_ON_THE_WIRE =
            "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefgh\r\n"
                    .getBytes(StandardCharsets.US_ASCII);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration WRITE_TIMEOUT = Duration.ofMillis(300);

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void theFirstLinesAreRfc864sExampleByteForByte(StreamTransport transport) throws IOException {
        Endpoint bound = servers.stream("chargen", new ChargenService(1), transport.endpoint(dir));
        try (RawClient client = RawClient.connect(bound)) {
            String expected = LINE_1 + "\r\n" + LINE_2 + "\r\n" + LINE_3 + "\r\n";
            assertThat(client.read(expected.length(), WAIT)).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void theFirstLineStartsWithTheExclamationMarkNotASpace(StreamTransport transport) throws IOException {
        Endpoint bound = servers.stream("chargen", new ChargenService(1), transport.endpoint(dir));
        try (RawClient client = RawClient.connect(bound)) {
            byte[] first = client.read(FIRST_LINE_ON_THE_WIRE.length, WAIT).getBytes(StandardCharsets.US_ASCII);
            assertThat(first).hasSize(74).startsWith((byte) '!').isEqualTo(FIRST_LINE_ON_THE_WIRE);
            assertThat(client.readLine(WAIT)).startsWith("\"");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theFirstDatagramStartsWithTheExclamationMarkNotASpace(boolean ipv6) throws IOException {
        Endpoint bound = servers.datagram("chargen", new ChargenService(1), StreamTransport.udp(ipv6));
        try (DatagramChannel client = DatagramChannel.open()) {
            client.socket().setSoTimeout(5000);
            byte[] reply = exchange(client, bound.address(), 74).getBytes(StandardCharsets.US_ASCII);
            assertThat(reply).isEqualTo(FIRST_LINE_ON_THE_WIRE);
            assertThat(exchange(client, bound.address(), 1)).isEqualTo("\"");
        }
    }

    @Test
    void everyLineIs72PrintableCharactersAndTheCycleStartsAgainAfter95Lines() throws IOException {
        Endpoint bound = servers.stream("chargen", new ChargenService(1), StreamTransport.TCP_IPV4.endpoint(dir));
        try (RawClient client = RawClient.connect(bound)) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 96; i++) {
                lines.add(client.readLine(WAIT));
            }
            assertThat(lines).allSatisfy(line -> assertThat(line).hasSize(72).matches("[ -~]{72}"));
            // The ring holds the space, as RFC 864's has it: one line in 95 starts with it.
            assertThat(lines.get(93)).startsWith("~ !\"#").endsWith("def");
            assertThat(lines.get(94)).startsWith(" !\"#").endsWith("efg");
            assertThat(new HashSet<>(lines.subList(0, 95))).hasSize(95);
            assertThat(lines.get(95)).isEqualTo(lines.get(0)).isEqualTo(LINE_1);
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void aClientThatClosesEndsTheConnectionAsClosedByClient(StreamTransport transport) throws IOException {
        try (LogCapture log = LogCapture.socklab()) {
            Endpoint bound = servers.stream("chargen", new ChargenService(1), transport.endpoint(dir));
            try (RawClient client = RawClient.connect(bound)) {
                assertThat(client.readLine(WAIT)).isEqualTo(LINE_1);
            }
            log.awaitContaining("chargen#", "closed by client");
            Await.until(() -> servers.server().openConnections() == 0, WAIT, "the connection to end");
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void aClientThatStopsReadingIsClosedAfterTheWriteTimeout(StreamTransport transport) throws Exception {
        ChargenService chargen = new ChargenService(1);
        java.util.concurrent.CompletableFuture<Thread> serving = new java.util.concurrent.CompletableFuture<>();
        try (LogCapture log = LogCapture.socklab()) {
            Server server = servers.start(Server.builder()
                    .limits(Limits.DEFAULTS.withWriteTimeout(WRITE_TIMEOUT))
                    .stream("chargen", conn -> {
                        serving.complete(Thread.currentThread());
                        chargen.serve(conn);
                    }, transport.endpoint(dir)));
            try (RawClient client = RawClient.connect(server.bindings().getFirst().endpoint())) {
                // The client reads nothing: the socket buffers fill, and the service's write stalls.
                log.awaitContaining("chargen#", "timed out: a write made no progress for 300ms");
                Await.until(() -> server.openConnections() == 0, WAIT, "the stalled connection to be closed");
                // The connection's virtual thread has ended, and with it everything the connection held;
                // the client has not even closed yet.
                Thread thread = serving.get(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                assertThat(thread.isVirtual()).isTrue();
                assertThat(thread.join(WAIT)).as("the connection's thread ended").isTrue();
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
        "1,   0,   0",
        "1,  10,  10",
        "1, 600, 512",
        "3,  10,  30",
        "3,   0,   0"})
    void aDatagramGetsAsMuchOfThePatternAsTheRequestAllows(int amplification, int request, int expected)
            throws IOException {
        ChargenService chargen = new ChargenService(amplification);
        Endpoint bound = servers.datagram("chargen", chargen, StreamTransport.udp(false));
        try (DatagramChannel client = DatagramChannel.open()) {
            client.socket().setSoTimeout(5000);
            String reply = exchange(client, bound.address(), request);
            assertThat(reply).hasSize(expected).isEqualTo(pattern(0).substring(0, expected));
            assertThat(chargen.maxReplyBytes(request)).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void successiveDatagramsStartOnSuccessiveLines(boolean ipv6) throws IOException {
        Endpoint bound = servers.datagram("chargen", new ChargenService(1), StreamTransport.udp(ipv6));
        try (DatagramChannel client = DatagramChannel.open()) {
            client.socket().setSoTimeout(5000);
            assertThat(exchange(client, bound.address(), 74)).isEqualTo(LINE_1 + "\r\n");
            assertThat(exchange(client, bound.address(), 74)).isEqualTo(LINE_2 + "\r\n");
            assertThat(exchange(client, bound.address(), 3)).isEqualTo(LINE_3.substring(0, 3));
        }
    }

    @Test
    void aDatagramStartingOnTheLastLineRunsOnIntoTheFirst() throws IOException {
        Endpoint bound = servers.datagram("chargen", new ChargenService(1), StreamTransport.udp(false));
        try (DatagramChannel client = DatagramChannel.open()) {
            client.socket().setSoTimeout(5000);
            for (int line = 0; line < 94; line++) {
                exchange(client, bound.address(), 0);
            }
            assertThat(exchange(client, bound.address(), 512)).isEqualTo(pattern(94).substring(0, 512));
            assertThat(exchange(client, bound.address(), 74)).isEqualTo(LINE_1 + "\r\n");
        }
    }

    @Test
    void theDeclaredBoundNeverOverflowsNorPasses512() {
        assertThat(new ChargenService(Integer.MAX_VALUE).maxReplyBytes(65_507)).isEqualTo(512);
        assertThat(new ChargenService(1).maxReplyBytes(65_507)).isEqualTo(512);
        assertThatThrownBy(() -> new ChargenService(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    @Test
    void netcatPrintsThePatternLineByLine() throws Exception {
        String nc = Tools.require("nc.openbsd");
        Endpoint bound = servers.stream("chargen", new ChargenService(1), StreamTransport.TCP_IPV4.endpoint(dir));
        String port = String.valueOf(((InetSocketAddress) bound.address()).getPort());
        try (LabProgram client = LabProgram.start(List.of(nc, "127.0.0.1", port))) {
            // A reader's line ends at the LF and drops the CR before it.
            assertThat(client.readLine(WAIT)).isEqualTo(LINE_1);
            assertThat(client.readLine(WAIT)).isEqualTo(LINE_2);
            assertThat(client.readLine(WAIT)).isEqualTo(LINE_3);
        }
    }

    /**
     * The pattern from line {@code first} on, two cycles long, worked out here from RFC 864's rule:
     * the ring of the 95 codes 32 to 126, line 0 starting at its second character, as the RFC's example.
     */
    private static String pattern(int first) {
        StringBuilder text = new StringBuilder();
        for (int line = first; line < first + 2 * 95; line++) {
            for (int i = 0; i < 72; i++) {
                text.append((char) (' ' + (1 + line + i) % 95));
            }
            text.append("\r\n");
        }
        return text.toString();
    }

    /** Sends a request of {@code size} bytes (what they are does not matter) and returns the reply. */
    private static String exchange(DatagramChannel client, SocketAddress server, int size) throws IOException {
        client.send(ByteBuffer.allocate(size), server);
        byte[] reply = new byte[2048];
        DatagramPacket packet = new DatagramPacket(reply, reply.length);
        client.socket().receive(packet);
        return new String(reply, 0, packet.getLength(), StandardCharsets.US_ASCII);
    }
}
