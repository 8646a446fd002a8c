package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.socklab.net.Family;
import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Transport;
import dev.socklab.testing.StreamTransport;

/** Where {@code serve} listens for what it was asked, without binding anything. */
@Timeout(10)
class BindPlanTest {
    private static final List<ServiceSelection> HELLO = List.of(ServiceSelection.parse("hello"));

    @Test
    void withoutBindItListensOnTheLoopbackAddressesOnly() throws Exception {
        BindPlan plan = BindPlan.of(HELLO, List.of(), Family.ANY, false);

        List<InetAddress> loopback = new ArrayList<>(List.of(address("127.0.0.1")));
        if (StreamTransport.hasIpv6Loopback()) {
            loopback.add(address("::1"));
        }
        assertThat(plan.addresses()).containsExactlyElementsOf(loopback);
        assertThat(plan.loopbackOnly()).isTrue();
        assertThat(plan.entries()).hasSize(2 * loopback.size()) // tcp and udp on each address
                .allSatisfy(e -> assertThat(((InetSocketAddress) e.endpoint().address()).getPort()).isEqualTo(10000));
    }

    @Test
    void ipv4OnlyListensOn127001Alone() throws Exception {
        BindPlan plan = BindPlan.of(HELLO, List.of(), Family.IPV4, false);

        assertThat(plan.addresses()).containsExactly(address("127.0.0.1"));
        assertThat(plan.entries()).extracting(BindPlan.Entry::endpoint).containsExactly(
                Endpoint.tcp(new InetSocketAddress(address("127.0.0.1"), 10000)),
                Endpoint.udp(new InetSocketAddress(address("127.0.0.1"), 10000)));
    }

    @Test
    void anAddressNamedTwiceIsBoundOnce() throws Exception {
        BindPlan plan = BindPlan.of(HELLO, List.of("127.0.0.1", "localhost"), Family.ANY, false);

        assertThat(plan.addresses()).startsWith(address("127.0.0.1")).doesNotHaveDuplicates();
        assertThat(plan.entries()).extracting(BindPlan.Entry::endpoint).doesNotHaveDuplicates();
        assertThat(plan.loopbackOnly()).isTrue();
    }

    @Test
    void anyAddressIsNotLoopbackOnly() throws Exception {
        BindPlan plan = BindPlan.of(HELLO, List.of("0.0.0.0"), Family.ANY, false);

        assertThat(plan.addresses()).containsExactly(address("0.0.0.0"));
        assertThat(plan.loopbackOnly()).isFalse();
    }

    @Test
    void unixSelectionIgnoresBindAddresses() {
        List<ServiceSelection> unix = List.of(ServiceSelection.parse("hello:unix:/tmp/h.sock"));

        BindPlan plan = BindPlan.of(unix, List.of("127.0.0.1", "::1"), Family.ANY, false);

        assertThat(plan.entries()).extracting(BindPlan.Entry::endpoint)
                .containsExactly(Endpoint.unix(Path.of("/tmp/h.sock")));
    }

    @Test
    void portAndTransportOfTheSelectionAreKept() throws Exception {
        List<ServiceSelection> selection = List.of(ServiceSelection.parse("hello:3000/tcp"));

        BindPlan plan = BindPlan.of(selection, List.of(), Family.IPV4, false);

        assertThat(plan.entries()).extracting(BindPlan.Entry::endpoint)
                .containsExactly(Endpoint.tcp(new InetSocketAddress(address("127.0.0.1"), 3000)));
        assertThat(plan.entries()).allMatch(e -> e.endpoint().transport() == Transport.TCP);
    }

    @Test
    void aTlsSelectionIsATlsEndpointOnEveryBindAddress() throws Exception {
        List<ServiceSelection> selection = List.of(ServiceSelection.parse("http:10443/tls"));

        BindPlan plan = BindPlan.of(selection, List.of("127.0.0.1", "127.0.0.2"), Family.IPV4, false);

        assertThat(plan.entries()).extracting(BindPlan.Entry::endpoint).containsExactly(
                Endpoint.tls(new InetSocketAddress(address("127.0.0.1"), 10443)),
                Endpoint.tls(new InetSocketAddress(address("127.0.0.2"), 10443)));
    }

    @Test
    void aServiceNamedPlainAndOverTlsIsServedOnBothPorts() throws Exception {
        List<ServiceSelection> both = List.of(ServiceSelection.parse("http"), ServiceSelection.parse("http:10443/tls"));

        BindPlan plan = BindPlan.of(both, List.of(), Family.IPV4, false);

        assertThat(plan.entries()).extracting(BindPlan.Entry::endpoint).containsExactly(
                Endpoint.tcp(new InetSocketAddress(address("127.0.0.1"), 10080)),
                Endpoint.tls(new InetSocketAddress(address("127.0.0.1"), 10443)));
        assertThat(plan.entries()).extracting(e -> e.service().name()).containsOnly("http");
    }

    @Test
    void twoSelectionsOnOnePortOfOneTransportAreRefusedNamingBoth() {
        List<ServiceSelection> clash = List.of(ServiceSelection.parse("http:10443/tls"),
                ServiceSelection.parse("echo:10443/tls"));

        assertThatThrownBy(() -> BindPlan.of(clash, List.of(), Family.IPV4, false))
                .isInstanceOf(Errors.UsageException.class)
                .hasMessage("http over TLS and echo over TLS both ask for tcp port 10443; give each its own port"
                        + " (SERVICE:PORT)");
    }

    @Test
    void aPlainAndATlsSelectionOnOnePortAreRefused() {
        List<ServiceSelection> clash = List.of(ServiceSelection.parse("echo:3000"),
                ServiceSelection.parse("http:3000/tls"));

        assertThatThrownBy(() -> BindPlan.of(clash, List.of(), Family.IPV4, false))
                .isInstanceOf(Errors.UsageException.class)
                .hasMessageStartingWith("echo and http over TLS both ask for tcp port 3000");
    }

    @Test
    void twoServicesOnOnePortNumberOverTcpAndUdpDoNotClash() {
        List<ServiceSelection> split = List.of(ServiceSelection.parse("echo:3000/tcp"),
                ServiceSelection.parse("hello:3000/udp"));

        assertThat(BindPlan.of(split, List.of(), Family.IPV4, false).entries()).hasSize(2);
    }

    @Test
    void standardPortsKeepTheDefaultOfAServiceWithoutAnIanaPort() {
        BindPlan plan = BindPlan.of(HELLO, List.of(), Family.IPV4, true);

        assertThat(plan.entries()).allSatisfy(
                e -> assertThat(((InetSocketAddress) e.endpoint().address()).getPort()).isEqualTo(10000));
    }

    @Test
    void theWildcardAndAnAddressItCoversOnOnePortAreRefusedNamingBoth() {
        List<ServiceSelection> selection = List.of(ServiceSelection.parse("hello:3000/tcp"));

        assertThatThrownBy(() -> BindPlan.of(selection, List.of("0.0.0.0", "127.0.0.1"), Family.ANY, false))
                .isInstanceOf(Errors.UsageException.class)
                .hasMessage("--bind 0.0.0.0 already covers 127.0.0.1 on port 3000: give one of them");
    }

    @Test
    void theIpv6WildcardCoversIpv4AddressesToo() {
        assertThatThrownBy(() -> BindPlan.of(HELLO, List.of("0.0.0.0", "::"), Family.ANY, false))
                .isInstanceOf(Errors.UsageException.class)
                .hasMessage("--bind :: already covers 0.0.0.0 on port 10000: give one of them");
    }

    @Test
    void aHostNameThatACoveredAddressCameFromIsShownWithTheAddress() {
        assertThatThrownBy(() -> BindPlan.of(HELLO, List.of("0.0.0.0", "localhost"), Family.IPV4, false))
                .isInstanceOf(Errors.UsageException.class)
                .hasMessage("--bind 0.0.0.0 already covers localhost (127.0.0.1) on port 10000: give one of them");
    }

    @Test
    void theIpv4WildcardLeavesIpv6AddressesAlone() {
        assumeTrue(StreamTransport.hasIpv6Loopback());

        BindPlan plan = BindPlan.of(HELLO, List.of("0.0.0.0", "::1"), Family.ANY, false);

        assertThat(plan.addresses()).hasSize(2);
    }

    @Test
    void onPortZeroEachSocketGetsAPortOfItsOwnSoNothingClashes() {
        List<ServiceSelection> selection = List.of(ServiceSelection.parse("hello:0"));

        BindPlan plan = BindPlan.of(selection, List.of("0.0.0.0", "127.0.0.1"), Family.ANY, false);

        assertThat(plan.entries()).hasSize(4);
    }

    @Test
    void aPlanOfUnixSocketsAloneListensOnNoAddress() {
        List<ServiceSelection> unix = List.of(ServiceSelection.parse("hello:unix:/tmp/h.sock"));

        BindPlan plan = BindPlan.of(unix, List.of(), Family.ANY, false);

        assertThat(plan.unixOnly()).isTrue();
        assertThat(ServeCommand.reach(plan)).isEqualTo("socklab is listening on a Unix socket only (unix:/tmp/h.sock):"
                + " reachable from this machine alone, by whoever the socket file's permissions let in");
    }

    @Test
    void aPlanOfUnixSocketsAndPortsSaysWhichAddressesItListensOn() {
        List<ServiceSelection> mixed = List.of(ServiceSelection.parse("hello:unix:/tmp/h.sock"),
                ServiceSelection.parse("echo:0/tcp"));

        BindPlan loopback = BindPlan.of(mixed, List.of(), Family.IPV4, false);
        BindPlan open = BindPlan.of(mixed, List.of("0.0.0.0"), Family.IPV4, false);

        assertThat(loopback.unixOnly()).isFalse();
        assertThat(ServeCommand.reach(loopback)).startsWith("socklab is listening on loopback only (127.0.0.1):");
        assertThat(ServeCommand.reach(open)).isEqualTo("socklab is listening on 0.0.0.0: reachable from the network");
    }

    private static InetAddress address(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal); // a literal: no look-up is made
    }
}
