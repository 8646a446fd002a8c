package dev.socklab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.socklab.net.PortRange;
import dev.socklab.service.Datagram;
import dev.socklab.service.DatagramExchange;
import dev.socklab.service.DatagramService;
import dev.socklab.service.DatagramSession;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.ServerUnderTest;

/** A UDP service's exchanges on sockets of their own: a port of their own, the peer alone, bounded, logged, closed at stop. */
@Timeout(30)
class DatagramSessionTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    /** Answers "open" with a socket of its own that echoes upper-cased until "bye"; strangers hear "not yours". */
    private static final class Upper implements DatagramService {
        private final PortRange ports;
        private final int maxPerSource;
        private final CountDownLatch release = new CountDownLatch(1);

        Upper(PortRange ports, int maxPerSource) {
            this.ports = ports;
            this.maxPerSource = maxPerSource;
        }

        @Override
        public void serve(Datagram datagram) throws IOException {
            if (!datagram.openSession(new Exchange(), ports)) {
                datagram.reply("refused");
            }
        }

        @Override
        public int maxSessionsPerSource() {
            return maxPerSource;
        }

        private final class Exchange implements DatagramExchange {
            @Override
            public void serve(DatagramSession session) throws IOException {
                session.send(ByteBuffer.wrap("ready".getBytes(StandardCharsets.UTF_8)));
                ByteBuffer in = ByteBuffer.allocate(100);
                while (true) {
                    in.clear();
                    if (session.receive(in, Duration.ofSeconds(10)) < 0) {
                        return;
                    }
                    String text = new String(in.array(), 0, in.position(), StandardCharsets.UTF_8);
                    if (text.equals("bye")) {
                        return;
                    }
                    if (text.equals("hold")) {
                        try {
                            release.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        continue;
                    }
                    session.send(ByteBuffer.wrap(text.toUpperCase().getBytes(StandardCharsets.UTF_8)));
                }
            }

            @Override
            public Optional<ByteBuffer> answerStranger(ByteBuffer payload) {
                return Optional.of(ByteBuffer.wrap("not yours".getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    private InetSocketAddress serve(Upper service) {
        Server server = servers.start(Server.builder()
                .datagram("upper", service, Endpoint.udp(new InetSocketAddress("127.0.0.1", 0))));
        return (InetSocketAddress) server.bindings().getFirst().endpoint().address();
    }

    private static String receive(DatagramChannel client, ByteBuffer buffer, SocketAddress[] from) throws IOException {
        buffer.clear();
        client.socket().setSoTimeout((int) WAIT.toMillis());
        java.net.DatagramPacket packet = new java.net.DatagramPacket(buffer.array(), buffer.capacity());
        client.socket().receive(packet);
        if (from != null) {
            from[0] = packet.getSocketAddress();
        }
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    private static void send(DatagramChannel client, String text, SocketAddress to) throws IOException {
        client.send(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), to);
    }

    @Test
    void anExchangeTalksFromAPortOfItsOwnAndAnswersStrangersApart() throws IOException {
        try (LogCapture log = LogCapture.socklab()) {
            InetSocketAddress listener = serve(new Upper(PortRange.ANY, 8));
            try (DatagramChannel client = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
                 DatagramChannel stranger = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
                ByteBuffer buffer = ByteBuffer.allocate(100);
                SocketAddress[] from = new SocketAddress[1];
                send(client, "open", listener);
                assertThat(receive(client, buffer, from)).isEqualTo("ready");
                InetSocketAddress tid = (InetSocketAddress) from[0];
                assertThat(tid.getAddress()).isEqualTo(listener.getAddress());
                assertThat(tid.getPort()).isNotEqualTo(listener.getPort());

                send(stranger, "hi", tid);
                assertThat(receive(stranger, buffer, null)).isEqualTo("not yours");
                send(client, "hi", tid);
                assertThat(receive(client, buffer, from)).isEqualTo("HI");
                assertThat(from[0]).isEqualTo(tid);
                send(client, "bye", tid);
            }
            String line = log.awaitContaining("upper#", " udp 127.0.0.1:", " ended (");
            assertThat(line).contains("in 5 B in 2 datagrams, out 7 B in 2 datagrams, 1 from other sources");
        }
    }

    @Test
    void aSourcePastItsBoundIsRefusedAndMayOpenAgainOnceOneEnds() throws IOException {
        InetSocketAddress listener = serve(new Upper(PortRange.ANY, 1));
        try (DatagramChannel client = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            ByteBuffer buffer = ByteBuffer.allocate(100);
            SocketAddress[] from = new SocketAddress[1];
            send(client, "open", listener);
            assertThat(receive(client, buffer, from)).isEqualTo("ready");
            send(client, "open", listener);
            assertThat(receive(client, buffer, null)).isEqualTo("refused");
            send(client, "bye", from[0]);
            long deadline = System.nanoTime() + WAIT.toNanos();
            String answer = "refused";
            // The first exchange's end is counted as its thread finishes: ask until it is.
            while (answer.equals("refused") && System.nanoTime() < deadline) {
                send(client, "open", listener);
                answer = receive(client, buffer, null);
            }
            assertThat(answer).isEqualTo("ready");
        }
    }

    @Test
    void anExchangeTakesAPortOfTheRangeAndARangeInUseIsReported() throws IOException {
        int port;
        try (DatagramChannel probe = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            port = ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
        InetSocketAddress listener = serve(new Upper(new PortRange(port, port), 8));
        try (DatagramChannel client = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             DatagramChannel other = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            ByteBuffer buffer = ByteBuffer.allocate(100);
            SocketAddress[] from = new SocketAddress[1];
            send(client, "open", listener);
            assertThat(receive(client, buffer, from)).isEqualTo("ready");
            assertThat(((InetSocketAddress) from[0]).getPort()).isEqualTo(port);
            // The range's one port is taken: the next exchange cannot open, and nobody is answered from elsewhere.
            try (LogCapture log = LogCapture.socklab()) {
                send(other, "open", listener);
                assertThat(log.awaitContaining("no free port in " + port)).isNotEmpty();
            }
            send(client, "bye", from[0]);
        }
    }

    @Test
    void aStoppingServerClosesTheExchangesLeftAfterItsGrace() throws Exception {
        Upper service = new Upper(PortRange.ANY, 8);
        Server server = Server.builder().datagram("upper", service, Endpoint.udp(new InetSocketAddress("127.0.0.1", 0)))
                .build();
        server.start();
        InetSocketAddress listener = (InetSocketAddress) server.bindings().getFirst().endpoint().address();
        try (LogCapture log = LogCapture.socklab();
             DatagramChannel client = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            ByteBuffer buffer = ByteBuffer.allocate(100);
            SocketAddress[] from = new SocketAddress[1];
            send(client, "open", listener);
            assertThat(receive(client, buffer, from)).isEqualTo("ready");
            server.stop(Duration.ofMillis(200));
            assertThat(log.awaitContaining("upper#", "closed at shutdown")).isNotEmpty();
            send(client, "late", from[0]);
            client.socket().setSoTimeout(300);
            java.net.DatagramPacket packet = new java.net.DatagramPacket(new byte[100], 100);
            boolean answered;
            try {
                client.socket().receive(packet);
                answered = true;
            } catch (SocketTimeoutException | java.net.PortUnreachableException e) {
                answered = false;
            }
            assertThat(answered).as("a closed exchange answers nothing").isFalse();
        }
    }
}
