package dev.socklab.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostParseTest {

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "*", "   ", " * ", "\t*\n"})
    void emptyTextOrStarMeansAnyAddress(String text) {
        assertThat(Host.parse(text)).isEqualTo(new Host.Any());
    }

    @Test
    void broadcastIsSpelledAsInPythonsSocketModule() {
        assertThat(Host.parse("<broadcast>")).isEqualTo(new Host.Broadcast());
        assertThat(Host.parse(" <broadcast> ")).isEqualTo(new Host.Broadcast());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "0.0.0.0", "255.255.255.255", "10.20.30.40", "192.0.2.1"})
    void dottedQuadIsAnIpv4Literal(String text) throws UnknownHostException {
        Host host = Host.parse(text);

        assertThat(host).isInstanceOf(Host.Literal.class);
        InetAddress address = ((Host.Literal) host).address();
        assertThat(address).isInstanceOf(Inet4Address.class);
        assertThat(address.getHostAddress()).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "2130706433, 127.0.0.1",
        "0,          0.0.0.0",
        "16909060,   1.2.3.4",
        "4294967295, 255.255.255.255",
        "3221225985, 192.0.2.1",
    })
    void decimalIntegerIsReadAsBinaryIpv4Address(String text, String dotted) {
        Host host = Host.parse(text);

        assertThat(host).isInstanceOf(Host.Literal.class);
        assertThat(((Host.Literal) host).address()).isInstanceOf(Inet4Address.class);
        assertThat(((Host.Literal) host).address().getHostAddress()).isEqualTo(dotted);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "::1,                   ::1",
        "[::1],                 ::1",
        "::,                    ::",
        "[::],                  ::",
        "2001:db8::1,           2001:db8::1",
        "[2001:DB8:0:0:0:0:0:1], 2001:db8::1",
        "1:2:3:4:5:6:7:8,       1:2:3:4:5:6:7:8",
        "::ffff:0:192.0.2.1,    ::ffff:0:c000:201",
        "64:ff9b::192.0.2.33,   64:ff9b::c000:221",
    })
    void ipv6LiteralIsReadWithOrWithoutBrackets(String text, String shown) {
        Host host = Host.parse(text);

        assertThat(host).isInstanceOf(Host.Literal.class);
        assertThat(((Host.Literal) host).address()).isInstanceOf(Inet6Address.class);
        assertThat(host).hasToString(shown);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "::1", "::", "1::", "1::8", "2001:db8:0:0:1:0:0:1", "fe80::fc:ff:fe00:1", "::ffff:0:1.2.3.4",
        "1:2:3:4:5:6:7:8", "1:2:3:4:5:6::8", "::2:3:4:5:6:7:8", "1:2:3:4:5:6:1.2.3.4", "::1.2.3.4",
        "ABCD:EF01:2345:6789:abcd:ef01:2345:6789", "0:0:0:0:0:0:0:0", "0000:0000::0001",
    })
    void ipv6LiteralsAreReadAsTheJdkReadsThem(String text) throws UnknownHostException {
        // Valid literals only, so the JDK parses them without a lookup.
        byte[] expected = InetAddress.getByName(text).getAddress();

        assertThat(((Host.Literal) Host.parse(text)).address().getAddress()).isEqualTo(expected);
    }

    @Test
    void ipv4MappedLiteralBecomesIpv4AsTheJdkMakesIt() {
        Host host = Host.parse("::ffff:192.0.2.1");

        assertThat(((Host.Literal) host).address()).isInstanceOf(Inet4Address.class);
        assertThat(host).hasToString("192.0.2.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fe80::1%1", "[fe80::1%1]"})
    void numericZoneIsKept(String text) {
        Inet6Address address = (Inet6Address) ((Host.Literal) Host.parse(text)).address();

        assertThat(address.getScopeId()).isEqualTo(1);
        assertThat(Host.parse(text)).hasToString("fe80::1%1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fe80::1%lo", "[fe80::1%lo]"})
    void zoneMayNameAnInterface(String text) throws SocketException {
        NetworkInterface lo = NetworkInterface.getByName("lo");
        assumeThat(lo).as("a loopback interface called lo").isNotNull();

        Inet6Address address = (Inet6Address) ((Host.Literal) Host.parse(text)).address();

        assertThat(address.getScopeId()).isEqualTo(lo.getIndex());
    }

    @Test
    void zoneNamingAnInterfaceThisMachineLacksIsRefused() {
        assertThatThrownBy(() -> Host.parse("fe80::1%nosuchif9"))
                .isInstanceOf(AddressException.class)
                .hasMessage("'fe80::1%nosuchif9' has zone 'nosuchif9',"
                        + " but this machine has no network interface of that name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "no-such-host.invalid", "my_host.example", "a-b.c", "LocalHost",
        "example.com.", "x", "123abc", "1.2.3.example"})
    void otherTextIsANameKeptUnresolved(String text) {
        assertThat(Host.parse(text)).isEqualTo(new Host.Name(text));
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertThat(Host.parse("  127.0.0.1\t")).hasToString("127.0.0.1");
        assertThat(Host.parse(" localhost\n")).isEqualTo(new Host.Name("localhost"));
        assertThat(Host.parse(" [::1] ")).hasToString("::1");
    }

    @Test
    void nameOf253CharactersIsAllowedAndATrailingDotIsNotCounted() {
        String name = ("a".repeat(63) + ".").repeat(3) + "a".repeat(61);

        assertThat(name).hasSize(253);
        assertThat(Host.parse(name)).isEqualTo(new Host.Name(name));
        assertThat(Host.parse(name + ".")).isEqualTo(new Host.Name(name + "."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3.4.5", "256.1.1.1", "1.2.3", "1..2.3", "1.2.3.4.", ".1.2.3", ".", "...",
        "1.2.3.1000", "300.300.300.300"})
    void malformedDottedQuadIsRefused(String text) {
        assertThatThrownBy(() -> Host.parse(text))
                .isInstanceOf(AddressException.class)
                .hasMessage("'" + text + "' is not an IPv4 address: a dotted quad has four numbers from 0 to 255");
    }

    @ParameterizedTest
    @ValueSource(strings = {"010.0.0.1", "1.2.3.04", "0127"})
    void zeroPaddedNumbersAreRefusedBecauseOtherToolsReadThemAsOctal(String text) {
        assertThatThrownBy(() -> Host.parse(text))
                .isInstanceOf(AddressException.class)
                .hasMessageStartingWith("'" + text + "' is not an IPv4 address: write")
                .hasMessageContaining("without leading zeros");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4294967296", "9999999999", "99999999999999999999999"})
    void integerBeyond32BitsIsRefused(String text) {
        assertThatThrownBy(() -> Host.parse(text))
                .isInstanceOf(AddressException.class)
                .hasMessage("'" + text + "' is not an IPv4 address: a single number for an address"
                        + " is from 0 to 4294967295");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x7f.0.0.1", "0x7f000001", "0X7F.1", "127.0x0.0.1"})
    void hexFormsOfInetAtonAreRefusedRatherThanLookedUp(String text) {
        assertThatThrownBy(() -> Host.parse(text))
                .isInstanceOf(AddressException.class)
                .hasMessage("'" + text + "' is not an IPv4 address socklab reads:"
                        + " write it as a dotted quad of decimal numbers, such as 127.0.0.1");
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @CsvSource(delimiter = '|', value = {
        "1::2::3                 | '::' may appear only once",
        ":::                     | '::' may appear only once",
        "1:2:3:4:5:6:7:8:9       | it needs eight groups",
        "1:2:3:4:5:6:7           | it needs eight groups",
        "1:2:3:4:5:6:7::8        | it needs eight groups",
        "12345::1                | each group between colons has one to four hex digits",
        ":1::2                   | each group between colons has one to four hex digits",
        "::1:                    | each group between colons has one to four hex digits",
        "1:2:3                   | it needs eight groups",
        "::g                     | it may hold only hex digits",
        "::1/128                 | it may hold only hex digits",
        "::\u0663                 | it may hold only hex digits",
        "1.2.3.4::               | an IPv4 part must come last",
        "::1.2.3                 | an IPv4 part must come last",
        "::1.2.3.4:1             | an IPv4 part must come last",
        "fe80::1%                | the zone after '%' is empty",
        "fe80::1%lo/0            | the zone after '%' is an interface name or number",
        "[1::2::3]               | '::' may appear only once",
    })
    void malformedIpv6LiteralIsRefused(String text, String reason) {
        assertThatThrownBy(() -> Host.parse(text))
                .isInstanceOf(AddressException.class)
                .hasMessageStartingWith("'" + text + "' is not an IPv6 address: " + reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[::1", "::1]", "[[::1]]", "]::1[", "[::1]]", "[", "]"})
    void unbalancedBracketsAreRefused(String text) {
        assertThatThrownBy(() -> Host.parse(text))
                .isInstanceOf(AddressException.class)
                .hasMessage("'" + text + "' has unbalanced brackets: write an IPv6 address as [::1] or ::1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "localhost:7000, localhost",
        "127.0.0.1:80,   127.0.0.1",
        ":80,            localhost",
    })
    void hostWithAPortIsRefusedWithAHint(String text, String host) {
        assertThatThrownBy(() -> Host.parse(text))
                .isInstanceOf(AddressException.class)
                .hasMessage("'" + text + "' looks like host:port: give the host alone, as in " + host
                        + ", and the port separately");
    }

    @Test
    void portAfterBracketsIsRefusedWithAHint() {
        assertThatThrownBy(() -> Host.parse("[::1]:7000"))
                .isInstanceOf(AddressException.class)
                .hasMessage("'[::1]:7000' has text after the closing bracket:"
                        + " give the host alone, as in [::1], and the port separately");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "[127.0.0.1], 127.0.0.1",
        "[localhost], localhost",
        "[],          * for any address",
    })
    void bracketsHoldOnlyIpv6Addresses(String text, String advice) {
        assertThatThrownBy(() -> Host.parse(text))
                .isInstanceOf(AddressException.class)
                .hasMessage("'" + text + "' is not an IPv6 address: brackets are only for IPv6 addresses,"
                        + " so write " + advice + " without them");
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @CsvSource(delimiter = '|', value = {
        "a..b          | it has an empty label",
        ".example      | it has an empty label",
        "example..     | it has an empty label",
        "foo bar       | a space is not allowed, only letters, digits, '-', '.' and '_' are",
        "foo/bar       | '/' is not allowed",
        "h\u00e9.example | '\u00e9' is not allowed",
        "foo\u0007bar  | the character U+0007 is not allowed",
        "<bcast>       | the only name in angle brackets is <broadcast>",
        "<broadcast    | the only name in angle brackets is <broadcast>",
    })
    void malformedNameIsRefused(String text, String reason) {
        assertThatThrownBy(() -> Host.parse(text))
                .isInstanceOf(AddressException.class)
                .hasMessageStartingWith("'" + text + "' is not a")
                .hasMessageContaining(reason);
    }

    @Test
    void nameLongerThan253CharactersIsRefused() {
        String name = "a".repeat(60) + "." + "b".repeat(60) + "." + "c".repeat(60) + "." + "d".repeat(73);

        assertThat(name).hasSize(256);
        assertThatThrownBy(() -> Host.parse(name))
                .isInstanceOf(AddressException.class)
                .hasMessage("'" + name.substring(0, 20) + "...' is not a host name: it has 256 characters,"
                        + " and a name has at most 253");
    }

    @Test
    void nameBuiltDirectlyIsCheckedToo() {
        assertThatThrownBy(() -> new Host.Name("a..b")).isInstanceOf(AddressException.class);
        assertThatThrownBy(() -> new Host.Name("")).isInstanceOf(AddressException.class)
                .hasMessage("the host name is empty: give a name, or * for any address");
        assertThatThrownBy(() -> new Host.Name("127.0.0.1")).isInstanceOf(AddressException.class)
                .hasMessage("'127.0.0.1' is not a host name: it is written like an IPv4 address,"
                        + " and Host.parse reads it as one");
        assertThatNullPointerException().isThrownBy(() -> new Host.Name(null));
        assertThatNullPointerException().isThrownBy(() -> new Host.Literal(null));
    }

    @Test
    void nullTextIsRejected() {
        assertThatNullPointerException().isThrownBy(() -> Host.parse(null));
    }

    @ParameterizedTest(name = "[{0}] shows as {1}")
    @CsvSource({
        "'',              *",
        "*,               *",
        "<broadcast>,     <broadcast>",
        "127.0.0.1,       127.0.0.1",
        "2130706433,      127.0.0.1",
        "[::1],           ::1",
        "0:0:0:0:0:0:0:1, ::1",
        "LocalHost,       LocalHost",
    })
    void textFormIsWhatAUserWouldRecognise(String text, String shown) {
        assertThat(Host.parse(text)).hasToString(shown);
    }

    @ParameterizedTest(name = "[{0}] is any: {1}")
    @CsvSource({
        "'',          true",
        "*,           true",
        "0.0.0.0,     true",
        "0,           true",
        "::,          true",
        "[::],        true",
        "127.0.0.1,   false",
        "::1,         false",
        "<broadcast>, false",
        "localhost,   false",
    })
    void onlyWildcardHostsAreAny(String text, boolean any) {
        assertThat(Host.parse(text).isAny()).isEqualTo(any);
    }
}
