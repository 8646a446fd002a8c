package dev.socklab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.socklab.net.SocketAddresses;
import dev.socklab.service.Datagram;
import dev.socklab.service.DatagramPeer;
import dev.socklab.service.DatagramService;
import dev.socklab.testing.Await;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/** A UDP service hears that the server stops while it can still send, and may keep its datagrams out of the log. */
@Tag("no-engine")
@Timeout(20)
class DatagramServiceHooksTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    /** Keeps each sender as a peer, answers {@code joined}, and says {@code bye} to every peer as the server stops. */
    private static final class Farewell implements DatagramService {
        final Queue<DatagramPeer> peers = new ConcurrentLinkedQueue<>();
        final AtomicInteger stoppings = new AtomicInteger();

        @Override
        public void serve(Datagram datagram) throws IOException {
            peers.add(datagram.peer());
            datagram.reply("joined");
        }

        @Override
        public void serverStopping() {
            stoppings.incrementAndGet();
            for (DatagramPeer peer : peers) {
                try {
                    peer.send(ByteBuffer.wrap("bye".getBytes(StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw new AssertionError("the socket is still open while serverStopping() runs", e);
                }
            }
        }
    }

    @Test
    void serverStoppingIsCalledOncePerServiceWhileItsSocketsAreStillOpen() throws IOException {
        Farewell farewell = new Farewell();
        Server server = servers.start(Server.builder()
                .datagram("game", farewell, StreamTransport.udp(false))
                .datagram("game", farewell, StreamTransport.udp(true)));
        SocketAddress v4 = server.bindings().getFirst().endpoint().address();
        SocketAddress v6 = server.bindings().get(1).endpoint().address();
        try (DatagramChannel four = client(v4); DatagramChannel six = client(v6)) {
            assertThat(exchange(four, "join")).isEqualTo("joined");
            assertThat(exchange(six, "join")).isEqualTo("joined");

            server.stop(Duration.ZERO);

            assertThat(receive(four)).isEqualTo("bye");
            assertThat(receive(six)).isEqualTo("bye");
            assertThat(farewell.stoppings).hasValue(1);
        }
    }

    @Test
    void serverStoppingThatThrowsIsLoggedAndTheServerStopsAllTheSame() throws IOException {
        DatagramService broken = new DatagramService() {
            @Override
            public void serve(Datagram datagram) {
            }

            @Override
            public void serverStopping() {
                throw new IllegalStateException("broken");
            }
        };
        try (LogCapture log = LogCapture.socklab()) {
            Server server = servers.start(Server.builder().datagram("game", broken, StreamTransport.udp(false)));
            SocketAddress bound = server.bindings().getFirst().endpoint().address();

            assertThat(server.stop(Duration.ZERO)).isTrue();

            assertThat(log.warnings()).anyMatch(line -> line.contains(".serverStopping() failed"));
            // The port is free again: the socket was closed. The JDK releases a channel's descriptor
            // only once the thread blocked in its receive has left it, which may be a moment after stop.
            Await.until(() -> bindable(bound), WAIT, "the port to be free again");
        }
    }

    private static boolean bindable(SocketAddress address) {
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(address);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void serviceThatLogsItsOwnSessionsWritesNoLinePerDatagramButStillOneForACrash() throws IOException {
        DatagramService quiet = new DatagramService() {
            @Override
            public void serve(Datagram datagram) throws IOException {
                if (datagram.text().equals("boom")) {
                    throw new IllegalStateException("boom");
                }
                datagram.reply("input " + datagram.text() + " taken");
            }

            @Override
            public boolean logsEachDatagram() {
                return false;
            }
        };
        try (LogCapture log = LogCapture.socklab()) {
            SocketAddress bound = servers.datagram("game", quiet, StreamTransport.udp(false)).address();
            try (DatagramChannel client = client(bound)) {
                assertThat(exchange(client, "1")).isEqualTo("input 1 taken");
                assertThat(exchange(client, "2")).isEqualTo("input 2 taken");
                client.write(ByteBuffer.wrap("boom".getBytes(StandardCharsets.UTF_8)));

                // The receive loop serves in order: the inputs' lines, had there been any, came before this one.
                log.awaitContaining("game/udp " + SocketAddresses.format(client.getLocalAddress()), "error: ");
                assertThat(log.lines()).noneMatch(line -> line.contains("answered"));
                assertThat(log.warnings()).anyMatch(line -> line.contains("crashed on a datagram"));
            }
        }
    }

    @Test
    void theReceiveBufferAServiceAsksForIsTheSocketsAsTheKernelGrantsIt() throws Exception {
        int asked = 2 << 20;
        DatagramService busy = new DatagramService() {
            @Override
            public void serve(Datagram datagram) {
            }

            @Override
            public int receiveBufferBytes() {
                return asked;
            }
        };
        Server server = servers.start(Server.builder().datagram("game", busy, StreamTransport.udp(false))
                .datagram("plain", datagram -> { }, StreamTransport.udp(false)));
        int granted;
        int standard;
        try (DatagramChannel same = DatagramChannel.open(StandardProtocolFamily.INET);
             DatagramChannel plain = DatagramChannel.open(StandardProtocolFamily.INET)) {
            granted = same.setOption(StandardSocketOptions.SO_RCVBUF, asked).getOption(StandardSocketOptions.SO_RCVBUF);
            standard = plain.getOption(StandardSocketOptions.SO_RCVBUF);
        }

        assertThat(((DatagramReceiver) server.listeners().getFirst()).receiveBuffer()).isEqualTo(granted);
        assertThat(((DatagramReceiver) server.listeners().get(1)).receiveBuffer()).isEqualTo(standard);
    }

    private static DatagramChannel client(SocketAddress server) throws IOException {
        DatagramChannel client = DatagramChannel.open(((InetSocketAddress) server).getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        client.connect(server);
        client.socket().setSoTimeout((int) WAIT.toMillis()); // every receive has a deadline
        return client;
    }

    private static String exchange(DatagramChannel client, String text) throws IOException {
        client.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        return receive(client);
    }

    private static String receive(DatagramChannel client) throws IOException {
        DatagramPacket answer = new DatagramPacket(new byte[2048], 2048);
        client.socket().receive(answer);
        return new String(answer.getData(), 0, answer.getLength(), StandardCharsets.UTF_8);
    }
}
