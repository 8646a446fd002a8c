package dev.socklab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.net.AddressSet;
import dev.socklab.net.SocketAddresses;
import dev.socklab.service.Datagram;
import dev.socklab.service.DatagramService;
import dev.socklab.service.Gauge;
import dev.socklab.service.Gauges;
import dev.socklab.service.StreamService;
import dev.socklab.testing.Await;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;

/**
 * {@link Server#listenerStats()} and {@link Server#connections()} after known traffic over real
 * TCP, Unix and UDP sockets: each listener counts its own connections, bytes, datagrams and
 * refusals, and an open connection shows its client and its bytes so far.
 */
@Timeout(20)
class ListenerStatsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @TempDir
    Path dir;

    @Test
    void tcpAndUnixListenersCountTheirOwnConnectionsAndBytes() throws IOException {
        Server server = servers.start(Server.builder()
                .stream("shout", TestServices.shout(), Endpoint.tcp(new InetSocketAddress(LOOPBACK, 0)))
                .stream("shout", TestServices.shout(), Endpoint.unix(dir.resolve("shout.sock"))));
        Endpoint tcp = server.bindings().get(0).endpoint();
        Endpoint unix = server.bindings().get(1).endpoint();
        for (int i = 0; i < 2; i++) {
            try (RawClient client = RawClient.connect(tcp)) {
                TestServices.assertShouts(client); // "hi\n" in, "HI\r\n" out
            }
        }
        try (RawClient open = RawClient.connect(unix)) {
            TestServices.assertShouts(open);
            // A connection is counted ended, then leaves the open set: wait for the later, which the test also asserts.
            Await.until(() -> server.openConnections() == 1, WAIT, "both TCP connections to end");
            // A write is counted as it returns, which may be after the client has the bytes.
            Await.until(() -> server.listenerStats().get(1).bytesOut() == 4, WAIT, "the Unix reply counted");

            ListenerStats tcpStats = server.listenerStats().get(0);
            assertThat(tcpStats.service()).isEqualTo("shout");
            assertThat(tcpStats.transport()).isEqualTo("tcp");
            assertThat(tcpStats.address()).isEqualTo(SocketAddresses.format(tcp.address()));
            assertThat(tcpStats.accepted()).isEqualTo(2);
            assertThat(tcpStats.active()).isZero();
            assertThat(tcpStats.bytesIn()).isEqualTo(6);
            assertThat(tcpStats.bytesOut()).isEqualTo(8);
            assertThat(tcpStats.endedTime()).isPositive();
            assertThat(tcpStats.refused().values()).containsOnly(0L);

            ListenerStats unixStats = server.listenerStats().get(1);
            assertThat(unixStats.transport()).isEqualTo("unix");
            assertThat(unixStats.accepted()).isEqualTo(1);
            assertThat(unixStats.active()).isEqualTo(1);
            assertThat(unixStats.ended()).isZero();
            assertThat(unixStats.bytesIn()).isEqualTo(3);
            assertThat(unixStats.bytesOut()).isEqualTo(4);

            List<OpenConnection> connections = server.connections();
            assertThat(connections).hasSize(1);
            OpenConnection connection = connections.getFirst();
            assertThat(connection.id()).isEqualTo(3);
            assertThat(connection.service()).isEqualTo("shout");
            assertThat(connection.transport()).isEqualTo("unix");
            assertThat(connection.listener()).isEqualTo(unixStats.address());
            assertThat(connection.started()).isBefore(Instant.now().plusMillis(1)).isAfter(Instant.now().minus(WAIT));
            assertThat(connection.bytesIn()).isEqualTo(3);
            assertThat(connection.bytesOut()).isEqualTo(4);
        }
        Await.until(() -> server.openConnections() == 0, WAIT, "the Unix connection to end");
        assertThat(server.connections()).isEmpty();
        assertThat(server.listenerStats().get(1).active()).isZero();
    }

    @Test
    void refusalsAreCountedByTheListenerThatTurnedTheClientAway() throws IOException {
        Server server = servers.start(Server.builder()
                .access(new AccessPolicy(AddressSet.EMPTY, AddressSet.parse("127.0.0.2")))
                .stream("hello", TestServices.greeting(), Endpoint.tcp(new InetSocketAddress("127.0.0.1", 0)))
                .stream("other", TestServices.greeting(), Endpoint.tcp(new InetSocketAddress("127.0.0.1", 0))));
        try (RawClient denied = RawClient.connectFrom(InetAddress.getByName("127.0.0.2"), server.bindings().get(0).endpoint())) {
            assertThat(denied.readAllBytes(WAIT)).isEmpty();
        }
        assertThat(server.listenerStats().get(0).refused()).containsEntry(Refusals.DENIED, 1L);
        assertThat(server.listenerStats().get(0).accepted()).isZero();
        assertThat(server.listenerStats().get(1).refused()).containsEntry(Refusals.DENIED, 0L);
        assertThat(server.refusals().byReason()).containsEntry(Refusals.DENIED, 1L);
    }

    @Test
    void udpCountsDatagramsEachWayAndSendsToAKeptPeer() throws IOException {
        DatagramService echoTwice = new DatagramService() {
            @Override
            public void serve(Datagram datagram) throws IOException {
                datagram.reply(datagram.payload());
                datagram.peer().send(ByteBuffer.wrap("+".getBytes(StandardCharsets.US_ASCII)));
            }
        };
        Server server = servers.start(Server.builder()
                .datagram("echo", echoTwice, Endpoint.udp(new InetSocketAddress(LOOPBACK, 0))));
        try (DatagramChannel client = DatagramChannel.open()) {
            client.connect(server.bindings().getFirst().endpoint().address());
            for (String text : List.of("one", "three")) {
                client.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
                client.read(ByteBuffer.allocate(100));
                client.read(ByteBuffer.allocate(100));
            }
        }
        // A send is counted as it returns, which may be after the client has the datagram.
        Await.until(() -> server.listenerStats().getFirst().datagramsOut() == 4, WAIT, "four datagrams out");
        ListenerStats stats = server.listenerStats().getFirst();
        assertThat(stats.transport()).isEqualTo("udp");
        assertThat(stats.datagramsIn()).isEqualTo(2);
        assertThat(stats.bytesIn()).isEqualTo(8);
        assertThat(stats.datagramsOut()).isEqualTo(4);
        assertThat(stats.bytesOut()).isEqualTo(10);
        assertThat(stats.accepted()).isZero();
        assertThat(stats.udpDropped().values()).containsOnly(0L);
    }

    @Test
    void aServiceHalfWithGaugesIsAskedOnceHoweverManyEndpointsItServes() {
        LongSupplier three = () -> 3;
        class Counted implements StreamService, Gauges {
            @Override
            public void serve(dev.socklab.service.Connection conn) {
            }

            @Override
            public List<Gauge> gauges() {
                return List.of(new Gauge("things_held", "Things held now.", three));
            }
        }
        Counted counted = new Counted();
        Server server = servers.start(Server.builder()
                .stream("counted", counted, Endpoint.tcp(new InetSocketAddress(LOOPBACK, 0)))
                .stream("counted", counted, Endpoint.unix(dir.resolve("counted.sock")))
                .stream("plain", TestServices.greeting(), Endpoint.tcp(new InetSocketAddress(LOOPBACK, 0))));
        assertThat(server.gauges()).containsOnlyKeys("counted");
        assertThat(server.gauges().get("counted")).singleElement()
                .satisfies(g -> assertThat(g.value().getAsLong()).isEqualTo(3));
    }
}
