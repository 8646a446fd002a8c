package dev.socklab.runtime;

import static dev.socklab.testing.AddressLiteral.literal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.socklab.net.AddressSet;
import dev.socklab.testing.Await;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/**
 * Allow and deny lists on real loopback sockets: 127.0.0.2 is another source than 127.0.0.1, so
 * one can be refused while the other is served. A denied TCP client gets no byte, a denied
 * datagram no reply, and both are counted and logged.
 */
@Timeout(20)
class AccessTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final InetAddress FIRST = literal("127.0.0.1");
    private static final InetAddress SECOND = literal("127.0.0.2");
    private static final Endpoint TCP = Endpoint.tcp(new InetSocketAddress(FIRST, 0));

    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void deniedTcpClientGetsNoByteWhileAnAllowedOneIsServed() throws IOException {
        try (LogCapture log = LogCapture.socklab()) {
            // The greeting speaks first: a client let in gets bytes without asking.
            Endpoint bound = servers.start(Server.builder()
                    .access(new AccessPolicy(AddressSet.EMPTY, AddressSet.parse("127.0.0.2")))
                    .stream("hello", TestServices.greeting(), TCP)).bindings().getFirst().endpoint();
            try (RawClient denied = RawClient.connectFrom(SECOND, bound)) {
                String expected = ClosingLine.of("hello#1", bound, denied, "denied: on the deny list");
                assertThat(denied.readAllBytes(WAIT)).isEmpty();
                assertThat(log.awaitContaining(expected)).isEqualTo(expected);
            }
            try (RawClient allowed = RawClient.connectFrom(FIRST, bound)) {
                assertThat(allowed.readAll(WAIT)).isEqualTo(TestServices.GREETING + "\r\n");
            }
            assertThat(servers.server().refusals().deniedConnections()).isEqualTo(1);
        }
    }

    @Test
    void anAllowListLetsOnlyItsAddressesIn() throws IOException {
        Endpoint bound = serveShout(new AccessPolicy(AddressSet.parse("127.0.0.0/31"), AddressSet.EMPTY));
        assertAnswered(RawClient.connectFrom(FIRST, bound));
        try (RawClient outside = RawClient.connectFrom(SECOND, bound)) {
            assertThat(outside.readAllBytes(WAIT)).isEmpty();
        }
    }

    @Test
    void denyWinsOverAnAllowListThatNamesTheClientToo() throws IOException {
        Endpoint bound = serveShout(new AccessPolicy(AddressSet.parse("127.0.0.0/8"), AddressSet.parse("127.0.0.2")));
        try (RawClient denied = RawClient.connectFrom(SECOND, bound)) {
            assertThat(denied.readAllBytes(WAIT)).isEmpty();
        }
        assertAnswered(RawClient.connectFrom(FIRST, bound));
    }

    @Test
    void anIpv6ClientIsDeniedByItsBlock() throws IOException {
        assumeTrue(StreamTransport.hasIpv6Loopback(), "this machine has no ::1");
        Endpoint bound = servers.start(Server.builder().access(new AccessPolicy(AddressSet.EMPTY, AddressSet.parse("::/64")))
                .stream("shout", TestServices.shout(), Endpoint.tcp(new InetSocketAddress(literal("::1"), 0))))
                .bindings().getFirst().endpoint();
        try (RawClient denied = RawClient.connect(bound)) {
            assertThat(denied.readAllBytes(WAIT)).isEmpty();
        }
    }

    @Test
    void anIpv4ClientOfADualStackSocketIsJudgedAsIpv4() throws IOException {
        assumeTrue(StreamTransport.hasIpv6Loopback(), "this machine has no ::1");
        // On :: an IPv4 client arrives as ::ffff:127.0.0.2; the IPv4 rule must still catch it.
        Endpoint any = Endpoint.tcp(new InetSocketAddress(literal("::"), 0));
        int port = ((InetSocketAddress) servers.start(Server.builder()
                        .access(new AccessPolicy(AddressSet.EMPTY, AddressSet.parse("127.0.0.2")))
                        .stream("shout", TestServices.shout(), any))
                .bindings().getFirst().endpoint().address()).getPort();
        Endpoint v4 = Endpoint.tcp(new InetSocketAddress(FIRST, port));
        try (RawClient denied = RawClient.connectFrom(SECOND, v4)) {
            assertThat(denied.readAllBytes(WAIT)).isEmpty();
        }
        assertAnswered(RawClient.connectFrom(FIRST, v4));
    }

    @Test
    void aServicesOwnListAddsToTheServers() throws IOException {
        Server server = servers.start(Server.builder()
                .stream("open", TestServices.shout(), TCP)
                .stream("closed", TestServices.shout(), TCP, ServiceLimits.NONE.withAccess(
                        new AccessPolicy(AddressSet.EMPTY, AddressSet.parse("127.0.0.2")))));
        Endpoint open = server.bindings().get(0).endpoint();
        Endpoint closed = server.bindings().get(1).endpoint();
        assertAnswered(RawClient.connectFrom(SECOND, open));
        try (RawClient denied = RawClient.connectFrom(SECOND, closed)) {
            assertThat(denied.readAllBytes(WAIT)).isEmpty();
        }
        assertAnswered(RawClient.connectFrom(FIRST, closed));
    }

    @Test
    void deniedDatagramGetsNoReplyWhileAnAllowedOneIsAnswered() throws IOException {
        try (LogCapture log = LogCapture.socklab()) {
            Server server = servers.start(Server.builder()
                    .access(new AccessPolicy(AddressSet.EMPTY, AddressSet.parse("127.0.0.2")))
                    .datagram("echo", TestServices.DATAGRAM_ECHO, Endpoint.udp(new InetSocketAddress(FIRST, 0))));
            InetSocketAddress address = (InetSocketAddress) server.bindings().getFirst().endpoint().address();
            try (DatagramChannel denied = DatagramChannel.open().bind(new InetSocketAddress(SECOND, 0));
                 DatagramChannel allowed = DatagramChannel.open().bind(new InetSocketAddress(FIRST, 0))) {
                denied.send(ByteBuffer.wrap(new byte[] {1}), address);
                allowed.send(ByteBuffer.wrap(new byte[] {2}), address);
                allowed.socket().setSoTimeout((int) WAIT.toMillis());
                byte[] reply = new byte[8];
                DatagramPacket packet = new DatagramPacket(reply, reply.length);
                allowed.socket().receive(packet);
                assertThat(packet.getLength()).isEqualTo(1);
                // Two sockets' datagrams need not arrive in the order sent: wait until the server has judged the denied one.
                Await.until(() -> server.refusals().deniedDatagrams() == 1, WAIT, "the denied datagram counted");
                denied.configureBlocking(false);
                assertThat(denied.receive(ByteBuffer.allocate(8))).isNull();
                log.awaitContaining("echo/udp 127.0.0.2:", "denied: on the deny list");
            }
        }
    }

    @Test
    void manyDeniedClientsAreLoggedAtMostOnceASecond() throws IOException {
        try (LogCapture log = LogCapture.socklab()) {
            Endpoint bound = serveShout(new AccessPolicy(AddressSet.EMPTY, AddressSet.parse("127.0.0.2")));
            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                try (RawClient denied = RawClient.connectFrom(SECOND, bound)) {
                    assertThat(denied.readAllBytes(WAIT)).isEmpty();
                }
            }
            Await.until(() -> servers.server().refusals().deniedConnections() == 20, WAIT, "20 denials counted");
            // One line a second: a line at the start, and one more for each second the test took.
            long seconds = (long) Math.ceil((System.nanoTime() - start) / 1e9);
            assertThat(log.warnings().stream().filter(l -> l.contains("denied"))).hasSizeBetween(1, (int) (1 + seconds));
        }
    }

    private Endpoint serveShout(AccessPolicy policy) {
        return servers.start(Server.builder().access(policy).stream("shout", TestServices.shout(), TCP))
                .bindings().getFirst().endpoint();
    }

    private static void assertAnswered(RawClient client) throws IOException {
        try (client) {
            TestServices.assertShouts(client);
        }
    }
}
