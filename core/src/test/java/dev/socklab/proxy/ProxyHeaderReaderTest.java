package dev.socklab.proxy;

import static dev.socklab.testing.AddressLiteral.literal;
import static dev.socklab.testing.ProxyHeaders.concat;
import static dev.socklab.testing.ProxyHeaders.tlv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.socklab.framing.ByteSource;
import dev.socklab.testing.ProxyHeaders;

/** {@link ProxyHeaderReader} in memory: the specification's examples, what follows a header, and every malformed form refused. */
class ProxyHeaderReaderTest {
    private static final Set<ProxyVersion> ANY = EnumSet.allOf(ProxyVersion.class);
    private static final InetSocketAddress CLIENT = new InetSocketAddress(literal("203.0.113.7"), 5000);
    private static final InetSocketAddress SERVER = new InetSocketAddress(literal("192.0.2.1"), 80);
    private static final InetSocketAddress CLIENT6 = new InetSocketAddress(literal("2001:db8::7"), 5000);
    private static final InetSocketAddress SERVER6 = new InetSocketAddress(literal("2001:db8::1"), 443);
    private static final String MAX_V6 = "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";

    @Test
    void theSpecificationsLongestLinesAreRead() throws IOException {
        ProxyHeader v4 = read("PROXY TCP4 255.255.255.255 255.255.255.255 65535 65535\r\n").header();
        assertThat(v4.source()).contains(new InetSocketAddress(literal("255.255.255.255"), 65535));

        String v6 = "PROXY TCP6 " + MAX_V6 + " " + MAX_V6 + " 65535 65535\r\n";
        assertThat(v6).hasSize(104);
        assertThat(read(v6).header().destination()).contains(new InetSocketAddress(literal(MAX_V6), 65535));

        String worst = "PROXY UNKNOWN " + MAX_V6 + " " + MAX_V6 + " 65535 65535\r\n";
        assertThat(worst).hasSize(ProxyHeaderReader.MAX_V1_LINE);
        assertThat(read(worst).header()).isEqualTo(new ProxyHeader(ProxyVersion.V1, Optional.empty(), Optional.empty()));
        assertThat(read("PROXY UNKNOWN\r\n").header().source()).isEmpty();
    }

    @Test
    void aV1LineNamesTheClientAndTheAddressItReached() throws IOException {
        ProxyHeader header = read("PROXY TCP4 203.0.113.7 192.0.2.1 5000 80\r\n").header();
        assertThat(header).isEqualTo(new ProxyHeader(ProxyVersion.V1, Optional.of(CLIENT), Optional.of(SERVER)));
        assertThat(read("PROXY TCP6 2001:db8::7 2001:DB8:0:0:0:0:0:1 5000 443\r\n").header().source()).contains(CLIENT6);
        assertThat(read("PROXY TCP4 0.0.0.0 0.0.0.0 0 0\r\n").header().source())
                .contains(new InetSocketAddress(literal("0.0.0.0"), 0));
    }

    @Test
    void anIpv4MappedAddressInATcp6LineIsTheIpv4Client() throws IOException {
        assertThat(read("PROXY TCP6 ::ffff:203.0.113.7 ::ffff:192.0.2.1 5000 80\r\n").header().source()).contains(CLIENT);
    }

    @Test
    void whatFollowsTheHeaderComesBackWhetherItArrivedWithItOrNot() throws IOException {
        byte[] wire = concat(ProxyHeaders.v1(CLIENT, SERVER), bytes("GET / HTTP/1.1\r\n\r\n"));
        for (ByteSource source : new ByteSource[] {ByteSource.of(ByteBuffer.wrap(wire)), aByteARead(wire)}) {
            ProxyHeaderReader.Read read = ProxyHeaderReader.read(source, ANY);
            assertThat(read.header().source()).contains(CLIENT);
            assertThat(text(read.after()) + rest(source)).isEqualTo("GET / HTTP/1.1\r\n\r\n");
        }
        byte[] v2 = concat(ProxyHeaders.v2(CLIENT, SERVER), new byte[] {0x16, 0x03, 0x01});
        assertThat(ProxyHeaderReader.read(ByteSource.of(ByteBuffer.wrap(v2)), ANY).after())
                .isEqualTo(ByteBuffer.wrap(new byte[] {0x16, 0x03, 0x01}));
        assertThat(read("PROXY UNKNOWN\r\n").after().hasRemaining()).isFalse();
    }

    @Test
    void aV2HeaderNamesTheClientOverIpv4Ipv6AndUnixSockets() throws IOException {
        assertThat(read(ProxyHeaders.v2(CLIENT, SERVER), ANY).header())
                .isEqualTo(new ProxyHeader(ProxyVersion.V2, Optional.of(CLIENT), Optional.of(SERVER)));
        assertThat(read(ProxyHeaders.v2(CLIENT6, SERVER6), ANY).header().source()).contains(CLIENT6);
        ProxyHeader unix = read(ProxyHeaders.v2Unix("", "/run/app.sock"), ANY).header();
        assertThat(unix.source()).contains(UnixDomainSocketAddress.of(""));
        assertThat(unix.destination()).contains(UnixDomainSocketAddress.of("/run/app.sock"));
    }

    @Test
    void v2TlvsAreSkippedUpToTheCap() throws IOException {
        byte[] uniqueId = tlv(0x05, bytes("req-42"));
        byte[] noop = tlv(0x04, new byte[0]);
        byte[] header = ProxyHeaders.v2(CLIENT, SERVER, uniqueId, noop);
        assertThat(read(header, ANY).header().source()).contains(CLIENT);

        int room = ProxyHeaderReader.MAX_V2_HEADER - 16 - 12 - 3;
        byte[] atTheCap = ProxyHeaders.v2(CLIENT, SERVER, tlv(0xEE, new byte[room]));
        assertThat(atTheCap).hasSize(ProxyHeaderReader.MAX_V2_HEADER);
        assertThat(read(atTheCap, ANY).header().source()).contains(CLIENT);
        assertThat(failure(ProxyHeaders.v2(CLIENT, SERVER, tlv(0xEE, new byte[room + 1])), ANY))
                .isEqualTo("PROXY v2 header of 4097 bytes, longer than the 4096 taken");
    }

    @Test
    void localAndUnknownNameNoClientSoTheConnectionsOwnAddressStands() throws IOException {
        assertThat(read(ProxyHeaders.v2Local(), ANY).header())
                .isEqualTo(new ProxyHeader(ProxyVersion.V2, Optional.empty(), Optional.empty()));
        // LOCAL discards the block, family and all; a PROXY command with family UNSPEC ignores its addresses.
        assertThat(read(ProxyHeaders.v2(0x20, 0x11, new byte[12]), ANY).header().source()).isEmpty();
        assertThat(read(ProxyHeaders.v2(0x21, 0x00, new byte[7]), ANY).header().source()).isEmpty();
        assertThat(read("PROXY UNKNOWN whatever the sender \t puts here\r\n").header().source()).isEmpty();
    }

    @Test
    void aVersionNotAcceptedIsRefused() {
        assertThat(failure(bytes("PROXY UNKNOWN\r\n"), EnumSet.of(ProxyVersion.V2)))
                .isEqualTo("a PROXY v1 header, and this service takes v2 only (--proxy-protocol)");
        assertThat(failure(ProxyHeaders.v2Local(), EnumSet.of(ProxyVersion.V1)))
                .isEqualTo("a PROXY v2 header, and this service takes v1 only (--proxy-protocol)");
    }

    @Test
    void aVersionIsRefusedOnceItsSignatureIsCompleteWithoutWaitingForTheRest() {
        // The stream holds the signature and no more: had the reader asked for more, it would have met the end.
        assertThat(failure(bytes("PROXY "), EnumSet.of(ProxyVersion.V2))).contains("takes v2 only");
        assertThat(failure(bytes("GET"), ANY)).isEqualTo("not a PROXY protocol header");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GET / HTTP/1.1\r\n",
        "proxy TCP4 203.0.113.7 192.0.2.1 5000 80\r\n",
        "PROXY\tTCP4 203.0.113.7 192.0.2.1 5000 80\r\n",
        "PROXYTCP4 203.0.113.7 192.0.2.1 5000 80\r\n",
        " PROXY TCP4 203.0.113.7 192.0.2.1 5000 80\r\n",
        "\r\n\r\n\u0000\r\nQUIX\n",
        "\u0016\u0003\u0001\u0002\u0000\u0001",
    })
    void anythingElseIsNotAHeader(String wire) {
        assertThat(failure(bytes(wire), ANY)).isEqualTo("not a PROXY protocol header");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "PROXY TCP5 203.0.113.7 192.0.2.1 5000 80|PROXY v1 line names no TCP4, TCP6 or UNKNOWN protocol",
        "PROXY tcp4 203.0.113.7 192.0.2.1 5000 80|PROXY v1 line names no TCP4, TCP6 or UNKNOWN protocol",
        "PROXY UNKNOWNX|PROXY v1 line names no TCP4, TCP6 or UNKNOWN protocol",
        "\"PROXY \"|PROXY v1 line names no TCP4, TCP6 or UNKNOWN protocol",
        "PROXY  TCP4 203.0.113.7 192.0.2.1 5000 80|PROXY v1 line names no TCP4, TCP6 or UNKNOWN protocol",
        "PROXY TCP4 203.0.113.7  192.0.2.1 5000 80|PROXY v1 line is not 'PROXY TCP4 SOURCE DESTINATION SPORT DPORT' with single spaces",
        "\"PROXY TCP4 203.0.113.7 192.0.2.1 5000 80 \"|PROXY v1 line is not 'PROXY TCP4 SOURCE DESTINATION SPORT DPORT' with single spaces",
        "PROXY TCP4 203.0.113.7 192.0.2.1 5000|PROXY v1 line is not 'PROXY TCP4 SOURCE DESTINATION SPORT DPORT' with single spaces",
        "PROXY TCP4 203.0.113.7 192.0.2.1 5000 80 443|PROXY v1 line is not 'PROXY TCP4 SOURCE DESTINATION SPORT DPORT' with single spaces",
        "PROXY TCP4|PROXY v1 line is not 'PROXY TCP4 SOURCE DESTINATION SPORT DPORT' with single spaces",
        "PROXY TCP4 203.0.113.007 192.0.2.1 5000 80|PROXY v1 source address is not an IPv4 address",
        "PROXY TCP4 203.0.113.256 192.0.2.1 5000 80|PROXY v1 source address is not an IPv4 address",
        "PROXY TCP4 203.0.113 192.0.2.1 5000 80|PROXY v1 source address is not an IPv4 address",
        "PROXY TCP4 3405803783 192.0.2.1 5000 80|PROXY v1 source address is not an IPv4 address",
        "PROXY TCP4 0x7f.0.0.1 192.0.2.1 5000 80|PROXY v1 source address is not an IPv4 address",
        "PROXY TCP4 localhost 192.0.2.1 5000 80|PROXY v1 source address is not an IPv4 address",
        "PROXY TCP4 ::1 192.0.2.1 5000 80|PROXY v1 source address is not an IPv4 address",
        "PROXY TCP4 203.0.113.7 192.0.2.1/24 5000 80|PROXY v1 destination address is not an IPv4 address",
        "PROXY TCP6 203.0.113.7 ::1 5000 80|PROXY v1 source address is not an IPv6 address",
        "PROXY TCP6 fe80::1%lo ::1 5000 80|PROXY v1 source address is not an IPv6 address",
        "PROXY TCP6 [::1] ::1 5000 80|PROXY v1 source address is not an IPv6 address",
        "PROXY TCP6 1::2::3 ::1 5000 80|PROXY v1 source address is not an IPv6 address",
        "PROXY TCP6 1:2:3:4:5:6:7:8:9 ::1 5000 80|PROXY v1 source address is not an IPv6 address",
        "PROXY TCP6 12345::1 ::1 5000 80|PROXY v1 source address is not an IPv6 address",
        "PROXY TCP6 ::1 ::g 5000 80|PROXY v1 destination address is not an IPv6 address",
        "PROXY TCP4 203.0.113.7 192.0.2.1 05000 80|PROXY v1 source port is not a number from 0 to 65535 without leading zeros",
        "PROXY TCP4 203.0.113.7 192.0.2.1 65536 80|PROXY v1 source port is not a number from 0 to 65535 without leading zeros",
        "PROXY TCP4 203.0.113.7 192.0.2.1 -1 80|PROXY v1 source port is not a number from 0 to 65535 without leading zeros",
        "PROXY TCP4 203.0.113.7 192.0.2.1 +5000 80|PROXY v1 source port is not a number from 0 to 65535 without leading zeros",
        "PROXY TCP4 203.0.113.7 192.0.2.1 5000 00|PROXY v1 destination port is not a number from 0 to 65535 without leading zeros",
        "PROXY TCP4 203.0.113.7 192.0.2.1 5000 ８０|PROXY v1 destination port is not a number from 0 to 65535 without leading zeros",
        "PROXY TCP4 203.0.113.7 192.0.2.1 5000 999999|PROXY v1 destination port is not a number from 0 to 65535 without leading zeros",
    })
    void aMalformedV1LineIsRefusedSayingWhy(String line, String why) {
        assertThat(failure((line + "\r\n").getBytes(StandardCharsets.UTF_8), ANY)).isEqualTo(why);
    }

    @Test
    void aV1LineMustEndInCrlfWithinItsLength() {
        assertThat(failure(bytes("PROXY TCP4 203.0.113.7 192.0.2.1 5000 80\n"), ANY))
                .isEqualTo("PROXY v1 line with a LF that follows no CR");
        assertThat(failure(bytes("PROXY TCP4 203.0.113.7 192.0.2.1 5000 80\rX\n"), ANY))
                .isEqualTo("PROXY v1 line with a CR that no LF follows");
        String tooLong = "PROXY UNKNOWN " + MAX_V6 + " " + MAX_V6 + " 65535 655350\r\n";
        assertThat(tooLong).hasSize(108);
        assertThat(failure(bytes(tooLong), ANY)).isEqualTo("PROXY v1 line longer than 107 bytes");
        assertThat(failure(bytes("PROXY UNKNOWN " + "x".repeat(500)), ANY)).isEqualTo("PROXY v1 line longer than 107 bytes");
    }

    @Test
    void aV1LineTooLongIsRefusedWithoutReadingPastItsLength() {
        String endless = "PROXY UNKNOWN " + "x".repeat(ProxyHeaderReader.MAX_V1_LINE - 14);
        assertThat(endless).hasSize(ProxyHeaderReader.MAX_V1_LINE);
        // A byte a read, and the stream ends right after: refused on byte 107, not waiting for byte 108.
        assertThatThrownBy(() -> ProxyHeaderReader.read(aByteARead(bytes(endless)), ANY))
                .isInstanceOf(ProxyHeaderException.class).hasMessage("PROXY v1 line longer than 107 bytes");
    }

    @Test
    void aConnectionThatEndsBeforeOrInsideTheHeaderIsSaidSo() {
        assertThat(failure(new byte[0], ANY)).isEqualTo("the connection ended before its PROXY header");
        assertThat(failure(bytes("PROXY TCP4 203.0.113.7"), ANY)).isEqualTo("the connection ended inside the PROXY header");
        assertThat(failure(bytes("PROXY TCP4 203.0.113.7 192.0.2.1 5000 80\r"), ANY))
                .isEqualTo("the connection ended inside the PROXY header");
        assertThat(failure(bytes("\r\n\r\n"), ANY)).isEqualTo("the connection ended inside the PROXY header");
        byte[] v2 = ProxyHeaders.v2(CLIENT, SERVER);
        for (int cut = 1; cut < v2.length; cut++) {
            byte[] part = Arrays.copyOf(v2, cut);
            assertThat(failure(part, ANY)).as("cut after %d bytes", cut).isEqualTo("the connection ended inside the PROXY header");
        }
    }

    @Test
    void aMalformedV2HeaderIsRefusedSayingWhy() {
        assertThat(failure(ProxyHeaders.v2(0x11, 0x11, new byte[12]), ANY)).isEqualTo("PROXY v2 signature with version 1, not 2");
        assertThat(failure(ProxyHeaders.v2(0x31, 0x11, new byte[12]), ANY)).isEqualTo("PROXY v2 signature with version 3, not 2");
        assertThat(failure(ProxyHeaders.v2(0x22, 0x11, new byte[12]), ANY))
                .isEqualTo("PROXY v2 header with command 2, neither LOCAL (0) nor PROXY (1)");
        assertThat(failure(ProxyHeaders.v2(0x21, 0x12, new byte[12]), ANY)).isEqualTo("PROXY v2 header for a datagram connection");
        assertThat(failure(ProxyHeaders.v2(0x21, 0x22, new byte[36]), ANY)).isEqualTo("PROXY v2 header for a datagram connection");
        assertThat(failure(ProxyHeaders.v2(0x21, 0x32, new byte[216]), ANY)).isEqualTo("PROXY v2 header for a datagram connection");
        for (int family : new int[] {0x01, 0x10, 0x13, 0x41, 0xFF}) {
            assertThat(failure(ProxyHeaders.v2(0x21, family, new byte[36]), ANY)).as("family 0x%02x", family)
                    .startsWith("PROXY v2 header with unknown family and transport 0x");
        }
        assertThat(failure(ProxyHeaders.v2(0x21, 0x11, new byte[11]), ANY)).isEqualTo("PROXY v2 header too short for its addresses");
        assertThat(failure(ProxyHeaders.v2(0x21, 0x21, new byte[35]), ANY)).isEqualTo("PROXY v2 header too short for its addresses");
        assertThat(failure(ProxyHeaders.v2(0x21, 0x31, new byte[215]), ANY)).isEqualTo("PROXY v2 header too short for its addresses");
    }

    @Test
    void aV2TlvMustFitInTheHeader() {
        byte[] tlv = tlv(0x05, bytes("abc"));
        byte[] cutValue = Arrays.copyOf(tlv, tlv.length - 1);
        assertThat(failure(ProxyHeaders.v2(0x21, 0x11, concat(new byte[12], cutValue)), ANY))
                .isEqualTo("PROXY v2 TLV cut short by the header's length");
        assertThat(failure(ProxyHeaders.v2(0x21, 0x11, concat(new byte[12], new byte[] {0x05, 0x00})), ANY))
                .isEqualTo("PROXY v2 TLV cut short by the header's length");
    }

    @Test
    void aV2HeaderLongerThanTheCapIsRefusedBeforeItsBodyIsRead() {
        byte[] fixed = Arrays.copyOf(ProxyHeaders.v2(0x21, 0x11, new byte[0]), 16);
        fixed[14] = (byte) 0xFF;
        fixed[15] = (byte) 0xFF;
        // Sixteen bytes and the end: a reader that waited for the 65535 announced would say the connection ended.
        assertThat(failure(fixed, ANY)).isEqualTo("PROXY v2 header of 65551 bytes, longer than the 4096 taken");
    }

    @Test
    void everyFailureIsAProxyHeaderException() {
        assertThatThrownBy(() -> ProxyHeaderReader.read(ByteSource.of(ByteBuffer.wrap(bytes("nope"))), ANY))
                .isInstanceOf(ProxyHeaderException.class);
    }

    private static ProxyHeaderReader.Read read(String wire) throws IOException {
        return read(bytes(wire), ANY);
    }

    /** Reads {@code wire} whole and a byte a read, which must agree; returns the whole reading. */
    private static ProxyHeaderReader.Read read(byte[] wire, Set<ProxyVersion> accepted) throws IOException {
        ProxyHeaderReader.Read whole = ProxyHeaderReader.read(ByteSource.of(ByteBuffer.wrap(wire)), accepted);
        ProxyHeaderReader.Read trickled = ProxyHeaderReader.read(aByteARead(wire), accepted);
        assertThat(trickled.header()).isEqualTo(whole.header());
        return whole;
    }

    /** Why {@code wire} is refused, read whole and a byte a read, which must agree. */
    private static String failure(byte[] wire, Set<ProxyVersion> accepted) {
        String whole = message(ByteSource.of(ByteBuffer.wrap(wire)), accepted);
        assertThat(message(aByteARead(wire), accepted)).isEqualTo(whole);
        return whole;
    }

    private static String message(ByteSource source, Set<ProxyVersion> accepted) {
        try {
            ProxyHeaderReader.Read read = ProxyHeaderReader.read(source, accepted);
            throw new AssertionError("read " + read.header());
        } catch (ProxyHeaderException e) {
            return e.getMessage();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static ByteSource aByteARead(byte[] bytes) {
        return new ByteSource() {
            private int at;

            @Override
            public int read(ByteBuffer dst) {
                if (at == bytes.length) {
                    return -1;
                }
                dst.put(bytes[at++]);
                return 1;
            }

            @Override
            public int read(ByteBuffer dst, Duration wait) {
                return read(dst);
            }
        };
    }

    private static String rest(ByteSource source) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        while (source.read(buffer) > 0) {
            // Drained into the buffer.
        }
        return text(buffer.flip());
    }

    private static String text(ByteBuffer buffer) {
        return StandardCharsets.ISO_8859_1.decode(buffer.duplicate()).toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
