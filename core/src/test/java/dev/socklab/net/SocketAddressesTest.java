package dev.socklab.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SocketAddressesTest {

    @Test
    void ipv4SocketAddressIsAddressColonPort() throws UnknownHostException {
        InetSocketAddress a = new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 53422);

        assertThat(SocketAddresses.format(a)).isEqualTo("127.0.0.1:53422");
    }

    @ParameterizedTest(name = "{0} port {1} is {2}")
    @CsvSource({
        "0:0:0:0:0:0:0:1,       7000, '[::1]:7000'",
        "0:0:0:0:0:0:0:0,       7000, '[::]:7000'",
        "2001:db8:0:0:1:0:0:1,  443,  '[2001:db8::1:0:0:1]:443'",
    })
    void ipv6SocketAddressIsBracketedAndCompressed(String full, int port, String shown) {
        assertThat(SocketAddresses.format(new InetSocketAddress(v6(full), port))).isEqualTo(shown);
    }

    @Test
    void ipv6ZoneIsKeptAsANumberWhenNoInterfaceIsNamed() throws UnknownHostException {
        Inet6Address scoped = Inet6Address.getByAddress(null, v6("fe80:0:0:0:0:0:0:1").getAddress(), 3);

        assertThat(SocketAddresses.format(scoped)).isEqualTo("fe80::1%3");
        assertThat(SocketAddresses.format(new InetSocketAddress(scoped, 7000))).isEqualTo("[fe80::1%3]:7000");
    }

    @Test
    void ipv6ZoneIsKeptAsTheInterfaceName() throws SocketException, UnknownHostException {
        NetworkInterface withLinkLocal = NetworkInterface.networkInterfaces()
                .filter(n -> n.inetAddresses().anyMatch(InetAddress::isLinkLocalAddress))
                .findFirst().orElse(null);
        assumeThat(withLinkLocal).as("an interface with a link-local address").isNotNull();

        Inet6Address scoped = Inet6Address.getByAddress(null, v6("fe80:0:0:0:0:0:0:1").getAddress(), withLinkLocal);

        assertThat(SocketAddresses.format(new InetSocketAddress(scoped, 7)))
                .isEqualTo("[fe80::1%" + withLinkLocal.getName() + "]:7");
    }

    @Test
    void ipv4MappedAddressPrintsAsIpv4() throws UnknownHostException {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 192, 0, 2, 1};
        // Built directly, since InetAddress.getByAddress would already turn it into IPv4.
        Inet6Address a = Inet6Address.getByAddress(null, mapped, -1);

        assertThat(SocketAddresses.format(a)).isEqualTo("192.0.2.1");
        assertThat(SocketAddresses.format(new InetSocketAddress(a, 80))).isEqualTo("192.0.2.1:80");
    }

    @ParameterizedTest(name = "{0} port {1} is {2}")
    @CsvSource({
        "no-such-host.invalid, 80,   'no-such-host.invalid:80'",
        "localhost,            7,    'localhost:7'",
        "::1,                  7000, '[::1]:7000'",
    })
    void unresolvedSocketAddressIsHostColonPort(String host, int port, String shown) {
        InetSocketAddress a = InetSocketAddress.createUnresolved(host, port);

        assertThat(SocketAddresses.format(a)).isEqualTo(shown);
    }

    @Test
    void unixSocketAddressIsItsPath() {
        assertThat(SocketAddresses.format(UnixDomainSocketAddress.of("/run/socklab/echo.sock")))
                .isEqualTo("unix:/run/socklab/echo.sock");
        assertThat(SocketAddresses.format(UnixDomainSocketAddress.of("lab.sock"))).isEqualTo("unix:lab.sock");
    }

    @Test
    void unnamedUnixSocketAddressSaysSo() {
        assertThat(SocketAddresses.format(UnixDomainSocketAddress.of(""))).isEqualTo("unix:(unnamed)");
    }

    @Test
    void nullAddressIsADash() {
        assertThat(SocketAddresses.format((SocketAddress) null)).isEqualTo("-");
        assertThat(SocketAddresses.format((InetAddress) null)).isEqualTo("-");
    }

    @Test
    void otherSocketAddressKindsUseTheirOwnText() {
        SocketAddress odd = new SocketAddress() {
            private static final long serialVersionUID = 1L;

            @Override
            public String toString() {
                return "odd-address";
            }
        };

        assertThat(SocketAddresses.format(odd)).isEqualTo("odd-address");
    }

    @Test
    void ipv4AddressIsADottedQuad() throws UnknownHostException {
        assertThat(SocketAddresses.format(InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) 254})))
                .isEqualTo("10.0.0.254");
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "2001:db8:0:0:1:0:0:1,      2001:db8::1:0:0:1",
        "2001:db8:0:0:0:0:2:1,      2001:db8::2:1",
        "0:0:0:0:0:0:0:0,           ::",
        "0:0:0:0:0:0:0:1,           ::1",
        "1:0:0:0:0:0:0:0,           1::",
        "2001:db8:0:1:1:1:1:1,      2001:db8:0:1:1:1:1:1",
        "2001:DB8:0:0:0:0:0:ABCD,   2001:db8::abcd",
        "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
        "1:0:0:2:0:0:0:3,           1:0:0:2::3",
        "1:0:0:2:0:0:3:4,           1::2:0:0:3:4",
        "0:0:1:0:0:0:0:0,           0:0:1::",
        "1:2:3:4:5:6:7:0,           1:2:3:4:5:6:7:0",
        "0:1:2:3:4:5:6:7,           0:1:2:3:4:5:6:7",
        "fe80:0:0:0:fc:ff:fe00:1,   fe80::fc:ff:fe00:1",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
    })
    void ipv6AddressIsCompressedPerRfc5952(String full, String compressed) {
        assertThat(SocketAddresses.format(v6(full))).isEqualTo(compressed);
    }

    /** Builds an address from eight explicit groups, so the test does not lean on any parser. */
    private static InetAddress v6(String eightGroups) {
        String[] groups = eightGroups.split(":");
        assertThat(groups).hasSize(8);
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            int group = Integer.parseInt(groups[i], 16);
            bytes[2 * i] = (byte) (group >>> 8);
            bytes[2 * i + 1] = (byte) group;
        }
        try {
            return Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
