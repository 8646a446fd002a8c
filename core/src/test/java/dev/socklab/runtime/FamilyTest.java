package dev.socklab.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.socklab.net.Family;
import dev.socklab.testing.Await;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/**
 * Java cannot set IPV6_V6ONLY, so a server asked for IPv6 clients only on the dual-stack address
 * {@code ::} turns IPv4 clients away itself, and drops their datagrams. The socket is bound on every interface, but the
 * clients here connect over loopback alone.
 */
@Timeout(20)
class FamilyTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void anIpv6OnlyServerOnTheDualStackAddressTurnsIpv4ClientsAwayAndCountsThem() throws Exception {
        assumeTrue(StreamTransport.hasIpv6Loopback(), "this machine has no ::1");
        Server server = start(Family.IPV6);
        int port = port(server);
        try (LogCapture log = LogCapture.socklab();
             RawClient ipv4 = RawClient.connect(new InetSocketAddress("127.0.0.1", port))) {
            assertThat(ipv4.readAll(WAIT)).isEmpty();
            log.awaitContaining("refused by a limit: this server takes IPv6 clients only");
        }
        try (RawClient ipv6 = RawClient.connect(new InetSocketAddress("::1", port))) {
            assertThat(ipv6.readAll(WAIT)).isEqualTo(TestServices.GREETING + "\r\n");
        }
        Await.until(() -> server.refusals().wrongFamily() == 1, WAIT, "the IPv4 client counted");
        // Under its own reason, not a limit's; the IPv6 client was served, not counted.
        ListenerStats stats = server.listenerStats().getFirst();
        assertThat(stats.refused()).containsEntry(Refusals.FAMILY, 1L).containsEntry(Refusals.SERVER_LIMIT, 0L);
        assertThat(stats.accepted()).isEqualTo(1);
    }

    @Test
    void anIpv6OnlyServerOnTheDualStackAddressDropsIpv4DatagramsAndCountsThem() throws Exception {
        assumeTrue(StreamTransport.hasIpv6Loopback(), "this machine has no ::1");
        Server server = servers.start(Server.builder()
                .family(Family.IPV6)
                .datagram("echo", TestServices.DATAGRAM_ECHO, Endpoint.udp(new InetSocketAddress(InetAddress.getByName("::"), 0))));
        int port = port(server);
        try (DatagramChannel ipv4 = DatagramChannel.open(StandardProtocolFamily.INET)) {
            ipv4.send(ByteBuffer.wrap(new byte[] {'4'}), new InetSocketAddress("127.0.0.1", port));
            Await.until(() -> server.refusals().wrongFamilyDatagrams() == 1, WAIT, "the IPv4 datagram counted");
        }
        try (DatagramChannel ipv6 = DatagramChannel.open(StandardProtocolFamily.INET6)) {
            ipv6.connect(new InetSocketAddress("::1", port));
            ipv6.write(ByteBuffer.wrap(new byte[] {'6'}));
            ByteBuffer reply = ByteBuffer.allocate(10);
            ipv6.read(reply);
            assertThat(reply.flip().get()).isEqualTo((byte) '6');
        }
        // Under the datagrams' own reason, not the connections'; the IPv6 datagram was served, not counted.
        Await.until(() -> server.listenerStats().getFirst().datagramsOut() == 1, WAIT, "the IPv6 datagram answered");
        ListenerStats stats = server.listenerStats().getFirst();
        assertThat(stats.refused()).containsEntry(Refusals.FAMILY_DATAGRAM, 1L).containsEntry(Refusals.FAMILY, 0L);
        assertThat(stats.datagramsIn()).isEqualTo(2);
    }

    @Test
    void aServerForBothServesIpv4ClientsOnTheDualStackAddress() throws Exception {
        assumeTrue(StreamTransport.hasIpv6Loopback(), "this machine has no ::1");
        int port = port(start(Family.ANY));
        try (RawClient ipv4 = RawClient.connect(new InetSocketAddress("127.0.0.1", port))) {
            assertThat(ipv4.readAll(WAIT)).isEqualTo(TestServices.GREETING + "\r\n");
        }
    }

    private Server start(Family family) throws Exception {
        return servers.start(Server.builder()
                .family(family)
                .stream("hello", TestServices.greeting(), Endpoint.tcp(new InetSocketAddress(InetAddress.getByName("::"), 0))));
    }

    private static int port(Server server) {
        return ((InetSocketAddress) server.bindings().getFirst().endpoint().address()).getPort();
    }
}
