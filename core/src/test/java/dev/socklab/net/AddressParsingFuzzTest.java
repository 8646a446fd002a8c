package dev.socklab.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The address parsers under arbitrary text: each returns a value or throws {@link AddressException}, never
 * anything else, and what socklab prints reads back as the same value. In an ordinary build these replay
 * the inputs committed under {@code AddressParsingFuzzTestInputs}; with {@code JAZZER_FUZZ=1} one of them
 * fuzzes for its {@code maxDuration} (see docs/security.md).
 */
class AddressParsingFuzzTest {

    /** A Name is never resolved here: fuzzing must not send DNS queries. */
    @FuzzTest(maxDuration = "30s")
    void hostParseGivesAHostThatPrintsAndParsesBackOrAnAddressException(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        Host host;
        try {
            host = Host.parse(text);
        } catch (AddressException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(Host.parse(host.toString())).isEqualTo(host);
        if (!(host instanceof Host.Name)) {
            for (Family family : Family.values()) {
                try {
                    assertThat(host.resolve(family)).isNotEmpty();
                } catch (AddressException e) {
                    assertThat(e.getMessage()).isNotBlank();
                }
            }
        }
    }

    @FuzzTest(maxDuration = "30s")
    void portsParseGivesAPortOrAnAddressException(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        int port;
        try {
            port = Ports.parse(text);
        } catch (AddressException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(port).isBetween(0, 65535);
        assertThat(Ports.parse(Integer.toString(port))).isEqualTo(port);
    }

    /** Text of digits and dots, the only text Ipv4Text is given, and four bytes formatted and read back. */
    @FuzzTest(maxDuration = "30s")
    void ipv4TextReadsWhatItFormatsAndRefusesTheRestWithAnAddressException(byte[] data) {
        if (data.length >= 4) {
            byte[] quad = Arrays.copyOf(data, 4);
            assertThat(Ipv4Text.parse(Ipv4Text.format(quad, 0)).getAddress()).isEqualTo(quad);
        }
        String text = new String(data, StandardCharsets.US_ASCII);
        if (!Ipv4Text.isDigitsAndDots(text)) {
            return;
        }
        InetAddress address;
        try {
            address = Ipv4Text.parse(text);
        } catch (AddressException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(address).isInstanceOf(Inet4Address.class);
        assertThat(Ipv4Text.parse(Ipv4Text.format(address.getAddress(), 0))).isEqualTo(address);
    }

    /** Any text as an IPv6 literal, and sixteen bytes formatted per RFC 5952 and read back. */
    @FuzzTest(maxDuration = "30s")
    void ipv6TextReadsWhatItFormatsAndRefusesTheRestWithAnAddressException(byte[] data) {
        if (data.length >= 16) {
            byte[] bytes = Arrays.copyOf(data, 16);
            String formatted = Ipv6Text.format(bytes);
            assertThat(formatted).doesNotContain(":::").hasSizeLessThanOrEqualTo(39);
            InetAddress back = Ipv6Text.parse(formatted, formatted);
            assertThat(back.getAddress()).isEqualTo(Ipv6Text.isIpv4Mapped(bytes) ? Arrays.copyOfRange(bytes, 12, 16) : bytes);
        }
        String text = new String(data, StandardCharsets.UTF_8);
        InetAddress address;
        try {
            address = Ipv6Text.parse(text, text);
        } catch (AddressException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        String printed = SocketAddresses.format(address);
        assertThat(Host.parse(printed)).isEqualTo(new Host.Literal(address));
    }

    /** A socket address as logs print it: host in brackets when it holds colons, then the port. */
    @FuzzTest(maxDuration = "30s")
    void socketAddressesFormatsAnAddressAndPortThatReadBack(byte[] data) {
        if (data.length < 6) {
            return;
        }
        int port = ((data[0] & 0xFF) << 8) | (data[1] & 0xFF);
        byte[] bytes = Arrays.copyOfRange(data, 2, data.length >= 18 ? 18 : 6);
        InetAddress address = KnownAddresses.of(bytes);
        String printed = SocketAddresses.format(new InetSocketAddress(address, port));
        int colon = printed.lastIndexOf(':');
        String host = printed.substring(0, colon);
        assertThat(host.indexOf(':') < 0 || (host.startsWith("[") && host.endsWith("]"))).as(printed).isTrue();
        assertThat(Host.parse(host)).isEqualTo(new Host.Literal(address));
        assertThat(Ports.parse(printed.substring(colon + 1))).isEqualTo(port);
    }
}
