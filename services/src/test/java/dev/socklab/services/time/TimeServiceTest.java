package dev.socklab.services.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
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
import dev.socklab.testing.LabProgram;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;
import dev.socklab.testing.Tools;

@Timeout(30)
class TimeServiceTest {
    /** Saturday 21 November 2026, 09:30:00 UTC; the zone is not UTC, to show the count ignores it. */
    private static final Instant NOW = Instant.parse("2026-11-21T09:30:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneId.of("Europe/Paris"));
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void sendsTheSecondsSince1900AsFourBigEndianBytesThenCloses(StreamTransport transport) throws IOException {
        Endpoint bound = servers.stream("time", new TimeService(CLOCK), transport.endpoint(dir));
        try (LogCapture log = LogCapture.socklab(); RawClient client = RawClient.connect(bound)) {
            assertThat(client.readAllBytes(WAIT)).isEqualTo(expectedBytes(NOW));
            log.awaitContaining("time#", "closed by server", "in 0 B, out 4 B");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void answersEveryDatagramEvenAnEmptyOneWithTheFourBytes(boolean ipv6) throws IOException {
        Endpoint bound = servers.datagram("time", new TimeService(CLOCK), StreamTransport.udp(ipv6));
        try (DatagramChannel client = DatagramChannel.open()) {
            client.socket().setSoTimeout(5000);
            for (String request : List.of("", "what time is it?", "")) {
                assertThat(exchange(client, bound.address(), request)).isEqualTo(expectedBytes(NOW));
            }
        }
    }

    @Test
    void countsFromTheStartOf1900() {
        assertThat(TimeService.secondsSince1900(Instant.parse("1900-01-01T00:00:00Z"))).isZero();
        assertThat(TimeService.secondsSince1900(Instant.EPOCH)).isEqualTo(2_208_988_800L);
        assertThat(TimeService.secondsSince1900(NOW)).isEqualTo(4_004_242_200L);
    }

    @ParameterizedTest
    @CsvSource({
        "2036-02-07T06:28:15Z, 4294967295",
        "2036-02-07T06:28:16Z, 0",
        "2036-02-07T06:28:17Z, 1",
        "1899-12-31T23:59:59Z, 4294967295"})
    void theCountWrapsEvery2To32SecondsAsRfc868sEras(Instant instant, long expected) {
        assertThat(TimeService.secondsSince1900(instant)).isEqualTo(expected);
    }

    @Test
    void theLastSecondOfTheEraGoesOnTheWireAsFourFfBytesAndTheNextAsZeros() throws IOException {
        for (String instant : List.of("2036-02-07T06:28:15Z", "2036-02-07T06:28:16Z")) {
            Clock clock = Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
            Endpoint bound = servers.stream("time", new TimeService(clock), StreamTransport.TCP_IPV4.endpoint(dir));
            try (RawClient client = RawClient.connect(bound)) {
                byte fill = instant.endsWith("15Z") ? (byte) 0xFF : 0;
                byte[] expected = new byte[4];
                Arrays.fill(expected, fill);
                assertThat(client.readAllBytes(WAIT)).as(instant).isEqualTo(expected);
            }
        }
    }

    @Test
    void declaresFourBytesAsItsLargestReplyAndSendsNoRefusalLine() {
        TimeService time = new TimeService(CLOCK);
        assertThat(List.of(0, 1, 4, 512, 65_507)).allSatisfy(request -> assertThat(time.maxReplyBytes(request)).isEqualTo(4));
        assertThat(time.refusalLine("too many connections")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void rdatePrintsTheClocksTimeOverTcpAndUdp(boolean udp) throws Exception {
        // OpenRdate prints "Sat Nov 21 09:30:00 UTC 2026"; ctime(3) would leave the zone out.
        assertThat(rdate(CLOCK, udp)).matches("Sat Nov 21 09:30:00 (UTC )?2026\n");
    }

    @Test
    void rdateReadsACountThatWrappedIn2036AsTheNextEra() throws Exception {
        Clock afterWrap = Clock.fixed(Instant.parse("2036-02-07T06:28:17Z"), ZoneOffset.UTC);
        assertThat(TimeService.secondsSince1900(afterWrap.instant())).isEqualTo(1);
        assertThat(rdate(afterWrap, false)).matches("Thu Feb  7 06:28:17 (UTC )?2036\n");
    }

    /** What rdate prints (in UTC) for a time server on {@code clock}, over TCP or UDP. */
    private String rdate(Clock clock, boolean udp) throws Exception {
        String rdate = rdateCommand();
        TimeService time = new TimeService(clock);
        Endpoint bound = udp
                ? servers.datagram("time", time, StreamTransport.udp(false))
                : servers.stream("time", time, StreamTransport.TCP_IPV4.endpoint(dir));
        String port = String.valueOf(((InetSocketAddress) bound.address()).getPort());
        List<String> command = udp
                ? List.of("env", "TZ=UTC", rdate, "-p", "-u", "-o", port, "127.0.0.1")
                : List.of("env", "TZ=UTC", rdate, "-p", "-o", port, "127.0.0.1");
        try (LabProgram client = LabProgram.start(command)) {
            client.input("");
            String output = client.outputUntilExit(Duration.ofSeconds(10));
            assertThat(client.exitCode()).as(output).isZero();
            return output;
        }
    }

    /** The count worked out here from the calendar, not with the service's arithmetic. */
    private static byte[] expectedBytes(Instant instant) {
        long seconds = ChronoUnit.SECONDS.between(LocalDateTime.of(1900, 1, 1, 0, 0),
                LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
        return new byte[] {(byte) (seconds >> 24), (byte) (seconds >> 16), (byte) (seconds >> 8), (byte) seconds};
    }

    private static byte[] exchange(DatagramChannel client, SocketAddress server, String request) throws IOException {
        client.send(ByteBuffer.wrap(request.getBytes()), server);
        byte[] reply = new byte[1024];
        DatagramPacket packet = new DatagramPacket(reply, reply.length);
        client.socket().receive(packet);
        return Arrays.copyOf(reply, packet.getLength());
    }

    /** Debian installs rdate in /usr/sbin, which a user's PATH may lack. */
    private static String rdateCommand() {
        Path sbin = Path.of("/usr/sbin/rdate");
        return Files.isExecutable(sbin) ? sbin.toString() : Tools.require("rdate");
    }
}
