package dev.socklab.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class HostResolveTest {

    @ParameterizedTest(name = "{0} gives {1}")
    @CsvSource({
        "ANY,  ::",
        "IPV6, ::",
        "IPV4, 0.0.0.0",
    })
    void anyResolvesToTheWildcardWithDualStackUnlessIpv4Only(Family family, String wildcard) {
        List<InetAddress> addresses = Host.parse("*").resolve(family);

        assertThat(addresses).singleElement()
                .satisfies(a -> assertThat(a.isAnyLocalAddress()).isTrue())
                .satisfies(a -> assertThat(SocketAddresses.format(a)).isEqualTo(wildcard));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"ANY", "IPV4"})
    void broadcastResolvesToTheLimitedBroadcastAddress(Family family) {
        assertThat(Host.parse("<broadcast>").resolve(family))
                .singleElement()
                .satisfies(a -> assertThat(a.getHostAddress()).isEqualTo("255.255.255.255"));
    }

    @Test
    void broadcastIsRefusedForIpv6OnlyBecauseIpv6HasNoBroadcast() {
        assertThatThrownBy(() -> Host.parse("<broadcast>").resolve(Family.IPV6))
                .isInstanceOf(AddressException.class)
                .hasMessage("<broadcast> is the IPv4 address 255.255.255.255, but IPv6 only was asked for:"
                        + " IPv6 has no broadcast, so use a multicast address such as ff02::1");
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({
        "127.0.0.1,  ANY",
        "127.0.0.1,  IPV4",
        "2130706433, IPV4",
        "::1,        ANY",
        "[::1],      IPV6",
        "fe80::1%1,  IPV6",
    })
    void literalResolvesToItselfWhenTheFamilyAdmitsIt(String text, Family family) {
        Host.Literal literal = (Host.Literal) Host.parse(text);

        assertThat(literal.resolve(family)).containsExactly(literal.address());
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1 | IPV6 | 127.0.0.1 is an IPv4 address, but IPv6 only was asked for",
        "0         | IPV6 | 0.0.0.0 is an IPv4 address, but IPv6 only was asked for",
        "::1       | IPV4 | ::1 is an IPv6 address, but IPv4 only was asked for",
        "[fe80::1%1] | IPV4 | fe80::1%1 is an IPv6 address, but IPv4 only was asked for",
    })
    void literalOfTheOtherFamilyIsRefused(String text, Family family, String message) {
        assertThatThrownBy(() -> Host.parse(text).resolve(family))
                .isInstanceOf(AddressException.class)
                .hasMessage(message);
    }

    @Test
    void localhostResolvesToWhatTheResolverGivesInItsOrder() throws UnknownHostException {
        List<InetAddress> expected = List.of(InetAddress.getAllByName("localhost"));

        List<InetAddress> addresses = Host.parse("localhost").resolve(Family.ANY);

        assertThat(addresses).isEqualTo(expected).allMatch(InetAddress::isLoopbackAddress);
    }

    @Test
    void localhostForIpv4OnlyKeepsOnlyIpv4Addresses() throws UnknownHostException {
        assumeThat(localhost()).as("localhost has an IPv4 address").hasAtLeastOneElementOfType(Inet4Address.class);

        List<InetAddress> addresses = Host.parse("localhost").resolve(Family.IPV4);

        assertThat(addresses).isNotEmpty().allMatch(a -> a instanceof Inet4Address);
        assertThat(addresses).extracting(InetAddress::getHostAddress).contains("127.0.0.1");
    }

    @Test
    void localhostForIpv6OnlyKeepsOnlyIpv6Addresses() throws UnknownHostException {
        assumeThat(localhost()).as("localhost has an IPv6 address").hasAtLeastOneElementOfType(Inet6Address.class);

        List<InetAddress> addresses = Host.parse("localhost").resolve(Family.IPV6);

        assertThat(addresses).isNotEmpty().allMatch(a -> a instanceof Inet6Address);
        assertThat(addresses).extracting(SocketAddresses::format).contains("::1");
    }

    @Test
    void localhostWithoutIpv6AddressIsRefusedForIpv6Only() throws UnknownHostException {
        List<InetAddress> all = localhost();
        assumeThat(all).as("localhost has no IPv6 address").noneMatch(a -> a instanceof Inet6Address);

        assertThatThrownBy(() -> Host.parse("localhost").resolve(Family.IPV6))
                .isInstanceOf(AddressException.class)
                .hasMessageStartingWith("localhost has no IPv6 address (only ")
                .hasMessageContaining("127.0.0.1")
                .hasMessageEndingWith("), but IPv6 only was asked for");
    }

    @Test
    void unknownNameIsReportedWithAHint() {
        assertThatThrownBy(() -> Host.parse("no-such-host.invalid").resolve(Family.ANY))
                .isInstanceOf(AddressException.class)
                .hasMessage("unknown host 'no-such-host.invalid': check the name,"
                        + " or give an address such as 127.0.0.1")
                .hasCauseInstanceOf(UnknownHostException.class);
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void resolvedListsCannotBeChangedByCallers(Family family) {
        List<InetAddress> addresses = Host.parse("localhost").resolve(Family.ANY);

        assertThat(addresses).isUnmodifiable();
        assertThat(Host.parse("*").resolve(family)).isUnmodifiable();
    }

    private static List<InetAddress> localhost() throws UnknownHostException {
        return Arrays.asList(InetAddress.getAllByName("localhost"));
    }
}
