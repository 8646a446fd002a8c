package dev.socklab.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.socklab.net.SocketAddresses;
import dev.socklab.service.Datagram;
import dev.socklab.service.DatagramPeer;
import dev.socklab.service.DatagramService;
import dev.socklab.testing.Await;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;
import dev.socklab.trace.Tracer;

/** A datagram's sender kept as a peer: sends from any thread, later, from the service's socket, past a reply's limits. */
@Timeout(20)
class DatagramPeerTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    /** The peer of the first datagram the service got, kept after its serve returned. */
    private final CompletableFuture<DatagramPeer> kept = new CompletableFuture<>();
    /** Keeps each sender's peer and answers nothing. */
    private final DatagramService keeper = datagram -> kept.complete(datagram.peer());

    @ParameterizedTest(name = "ipv6 {0}")
    @ValueSource(booleans = {false, true})
    void peerKeptAfterServeSendsLaterFromAThreadOfItsOwnAndFromTheServicesPort(boolean ipv6) throws Exception {
        InetSocketAddress bound = (InetSocketAddress) servers.datagram("game", keeper, StreamTransport.udp(ipv6)).address();
        try (DatagramChannel client = client(bound)) {
            client.send(utf8("join"), bound);
            DatagramPeer peer = kept.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(peer.address()).isEqualTo(client.getLocalAddress());

            sendFromAThreadOfItsOwn(peer, "snapshot 1");

            DatagramPacket got = receive(client);
            assertThat(text(got)).isEqualTo("snapshot 1");
            assertThat(got.getSocketAddress()).as("sent from the service's own address and port").isEqualTo(bound);
        }
    }

    @Test
    void peersOfOneSenderAreEqualAndThoseOfAnotherAreNot() throws Exception {
        Queue<DatagramPeer> peers = new ConcurrentLinkedQueue<>();
        SocketAddress bound = servers.datagram("game", datagram -> peers.add(datagram.peer()), StreamTransport.udp(false))
                .address();
        try (DatagramChannel one = client(bound); DatagramChannel other = client(bound)) {
            one.send(utf8("join"), bound);
            one.send(utf8("input"), bound);
            other.send(utf8("join"), bound);
            Await.until(() -> peers.size() == 3, WAIT, "three datagrams served");

            List<DatagramPeer> served = List.copyOf(peers);
            assertThat(served.get(0)).isEqualTo(served.get(1)).hasSameHashCodeAs(served.get(1))
                    .isNotEqualTo(served.get(2));
            assertThat(served.get(2)).hasToString(SocketAddresses.format(other.getLocalAddress()));
        }
    }

    @Test
    void sendsThroughThePeerAreNotHeldToTheServicesReplyBound() throws Exception {
        DatagramService fourBytesAtMost = new DatagramService() {
            @Override
            public void serve(Datagram datagram) throws IOException {
                datagram.reply("reply over the bound");
                datagram.peer().send(utf8("peer over the bound"));
            }

            @Override
            public int maxReplyBytes(int requestBytes) {
                return 4;
            }
        };
        Server server = servers.start(Server.builder().datagram("game", fourBytesAtMost, StreamTransport.udp(false)));
        SocketAddress bound = server.bindings().getFirst().endpoint().address();
        try (DatagramChannel client = client(bound)) {
            client.send(utf8("go"), bound);

            assertThat(text(receive(client))).isEqualTo("peer over the bound");
            assertThat(server.udpDrops().overBound()).as("the reply, dropped before the peer's send").isEqualTo(1);
        }
    }

    @Test
    void sendsThroughThePeerAreNotHeldToTheUdpRateLimits() throws Exception {
        DatagramService burst = datagram -> {
            for (int i = 1; i <= 5; i++) {
                datagram.peer().send(utf8("snapshot " + i));
            }
        };
        // One reply a second, with no burst, on loopback too: a reply's second datagram would be dropped.
        Server server = servers.start(Server.builder().udpLimits(new UdpLimits(1, 1, 1, true))
                .datagram("game", burst, StreamTransport.udp(false)));
        SocketAddress bound = server.bindings().getFirst().endpoint().address();
        try (DatagramChannel client = client(bound)) {
            client.send(utf8("go"), bound);

            for (int i = 1; i <= 5; i++) {
                assertThat(text(receive(client))).isEqualTo("snapshot " + i);
            }
            assertThat(server.udpDrops().overRate()).isZero();
        }
    }

    @Test
    void peerSendsAreTracedAsRepliesAre() throws Exception {
        ByteArrayOutputStream trace = new ByteArrayOutputStream();
        Server server = servers.start(Server.builder().tracer(Tracer.printingTo(new PrintStream(trace, true)))
                .datagram("game", keeper, StreamTransport.udp(false)));
        SocketAddress bound = server.bindings().getFirst().endpoint().address();
        try (DatagramChannel client = client(bound)) {
            client.send(utf8("join"), bound);
            sendFromAThreadOfItsOwn(kept.get(WAIT.toMillis(), TimeUnit.MILLISECONDS), "tick");
            receive(client);

            String from = SocketAddresses.format(client.getLocalAddress());
            // The whole line: a line may be written in two parts, its text and its end.
            Await.until(() -> trace.toString(StandardCharsets.UTF_8).contains(" trace game/udp   sendto(4) = 4 to " + from
                    + " \"tick\"\n"), WAIT, "the peer's send traced as sendto");
        }
    }

    @Test
    void anInterruptedThreadSendsWithoutClosingTheServicesSocket() throws Exception {
        SocketAddress bound = servers.datagram("game", keeper, StreamTransport.udp(false)).address();
        try (DatagramChannel client = client(bound)) {
            client.send(utf8("join"), bound);
            DatagramPeer peer = kept.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> {
                Thread.currentThread().interrupt();
                try {
                    peer.send(utf8("interrupted"));
                    stillInterrupted.complete(Thread.currentThread().isInterrupted());
                } catch (IOException | RuntimeException e) {
                    stillInterrupted.completeExceptionally(e);
                }
            });

            assertThat(stillInterrupted.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("the interrupt is kept").isTrue();
            assertThat(text(receive(client))).isEqualTo("interrupted");
            peer.send(utf8("socket still open"));
            assertThat(text(receive(client))).isEqualTo("socket still open");
        }
    }

    @Test
    void peerOfAStoppedServerThrowsClosedChannelException() throws Exception {
        SocketAddress bound = servers.datagram("game", keeper, StreamTransport.udp(false)).address();
        try (DatagramChannel client = client(bound)) {
            client.send(utf8("join"), bound);
            DatagramPeer peer = kept.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

            servers.server().stop(Duration.ZERO);

            assertThatThrownBy(() -> peer.send(utf8("too late"))).isInstanceOf(ClosedChannelException.class);
        }
    }

    /** Sends {@code text} through {@code peer} from a new thread, as a game's tick thread does, and waits until it has. */
    private static void sendFromAThreadOfItsOwn(DatagramPeer peer, String text) throws Exception {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        Thread.ofPlatform().name("tick").start(() -> {
            try {
                peer.send(utf8(text));
                sent.complete(null);
            } catch (IOException | RuntimeException e) {
                sent.completeExceptionally(e);
            }
        });
        sent.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** An unconnected client on the server's address, so that each datagram received says where it came from. */
    private static DatagramChannel client(SocketAddress server) throws IOException {
        InetSocketAddress inet = (InetSocketAddress) server;
        DatagramChannel client = DatagramChannel.open(inet.getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        client.bind(new InetSocketAddress(inet.getAddress(), 0));
        client.socket().setSoTimeout((int) WAIT.toMillis()); // every receive has a deadline
        return client;
    }

    private static DatagramPacket receive(DatagramChannel client) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        client.socket().receive(packet);
        return packet;
    }

    private static String text(DatagramPacket packet) {
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
