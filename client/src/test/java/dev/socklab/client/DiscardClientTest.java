package dev.socklab.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.socklab.net.Family;
import dev.socklab.net.Host;
import dev.socklab.testing.Await;
import dev.socklab.trace.Tracer;

@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DiscardClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Host LOOPBACK = Host.parse("127.0.0.1");
    private static final int MIB = 1024 * 1024;

    @Test
    void oneMebibyteOfGeneratedBytesReachesTheServerWhole() throws Exception {
        TraceLines trace = new TraceLines();
        DiscardClient.Transfer transfer;
        try (DiscardServer server = DiscardServer.start(true);
                ClientConnection conn = connect(server, trace.tracer())) {
            transfer = DiscardClient.send(conn, MIB, TIMEOUT);

            assertThat(server.received().get(10, TimeUnit.SECONDS)).hasSize(MIB);
        }
        assertThat(transfer.bytes()).isEqualTo(1_048_576);
        assertThat(transfer.elapsed()).isPositive();
        assertThat(transfer.bytesPerSecond()).isPositive();
        // The server's close is what ended the transfer.
        assertThat(trace.lines())
                .anyMatch(line -> line.contains("send(65536) = ")
                        && line.endsWith("\"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcd\"..."))
                .anyMatch(line -> line.endsWith("shutdown(SHUT_WR)"))
                .anyMatch(line -> line.contains("recv(") && line.endsWith("(EOF)"));
    }

    @Test
    void generatedBytesAreLinesOfPrintableCharacters() throws Exception {
        try (DiscardServer server = DiscardServer.start(true);
                ClientConnection conn = connect(server, Tracer.off())) {
            DiscardClient.send(conn, 130, TIMEOUT);

            String line = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!\n";
            assertThat(server.received().get(10, TimeUnit.SECONDS)).asString().isEqualTo(line + line + "01");
        }
    }

    @Test
    void everyByteOfTheInputReachesTheServer() throws Exception {
        byte[] data = new byte[300 * 1024 + 7];
        new Random(863).nextBytes(data);
        try (DiscardServer server = DiscardServer.start(true);
                ClientConnection conn = connect(server, Tracer.off())) {
            DiscardClient.Transfer transfer = DiscardClient.send(conn, new ByteArrayInputStream(data), TIMEOUT);

            assertThat(server.received().get(10, TimeUnit.SECONDS)).isEqualTo(data);
            assertThat(transfer.bytes()).isEqualTo(data.length);
        }
    }

    @Test
    void aServerThatDoesNotCloseCostsOnlyTheTimeoutAndIsNoFailure() throws Exception {
        try (DiscardServer server = DiscardServer.start(false);
                ClientConnection conn = connect(server, Tracer.off())) {
            long start = System.nanoTime();

            DiscardClient.Transfer transfer = DiscardClient.send(conn, 1000, Duration.ofMillis(300));

            // It waited for the close, but the wait is not counted as transfer time.
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isBetween(Duration.ofMillis(250), TIMEOUT);
            assertThat(transfer.elapsed()).isLessThanOrEqualTo(took.minusMillis(250));
            assertThat(transfer.bytes()).isEqualTo(1000);
            assertThat(server.received().get(10, TimeUnit.SECONDS)).hasSize(1000);
        }
    }

    @Test
    void aNegativeCountIsRefusedBeforeAnythingIsSent() throws Exception {
        try (DatagramClient client = DatagramClient.open(LOOPBACK, FreePorts.udp(), Family.IPV4, Tracer.off(),
                "discard")) {
            assertThatThrownBy(() -> DiscardClient.send(client, -1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the number of bytes to send must not be negative, not -1");
        }
    }

    @Test
    void overUdpGeneratedBytesGoInDatagramsOfAtMost1024Bytes() throws Exception {
        TraceLines trace = new TraceLines();
        try (JavaDatagramServer server = JavaDatagramServer.silent();
                DatagramClient client = DatagramClient.open(LOOPBACK, server.port(), Family.IPV4, trace.tracer(),
                        "discard")) {
            DiscardClient.Transfer transfer = DiscardClient.send(client, 10_000);

            assertThat(transfer.bytes()).isEqualTo(10_000);
            // Ten datagrams on loopback to a server that reads them as they come: none is dropped.
            Await.until(() -> server.sizes().size() == 10, TIMEOUT, "ten datagrams at the server");
            List<Integer> nineFullAndTheRest =
                    Stream.concat(Collections.nCopies(9, 1024).stream(), Stream.of(784)).toList();
            assertThat(server.sizes()).containsExactlyElementsOf(nineFullAndTheRest);
        }
        assertThat(trace.lines()).anyMatch(line -> line.contains("sendto(1024) = 1024 to 127.0.0.1:"));
    }

    @Test
    void overUdpTheInputGoesInDatagramsOfAtMost1024Bytes() throws Exception {
        byte[] data = new byte[2500];
        new Random(768).nextBytes(data);
        try (JavaDatagramServer server = JavaDatagramServer.silent();
                DatagramClient client = DatagramClient.open(LOOPBACK, server.port(), Family.IPV4, Tracer.off(),
                        "discard")) {
            DiscardClient.Transfer transfer = DiscardClient.send(client, new ByteArrayInputStream(data));

            assertThat(transfer.bytes()).isEqualTo(2500);
            Await.until(() -> server.sizes().size() == 3, TIMEOUT, "three datagrams at the server");
            assertThat(server.sizes()).containsExactly(1024, 1024, 452);
            ByteArrayOutputStream arrived = new ByteArrayOutputStream();
            server.requests().forEach(arrived::writeBytes);
            assertThat(arrived.toByteArray()).isEqualTo(data);
        }
    }

    private static ClientConnection connect(DiscardServer server, Tracer tracer) throws IOException {
        InetSocketAddress address = server.address();
        return ClientConnection.connect("127.0.0.1", address.getPort(), List.of(address), TIMEOUT, tracer, "discard");
    }

    /**
     * A loopback discard server on its own thread for one client: it reads until EOF, keeping what
     * it reads, then closes, or, if told not to, holds the connection open until the test ends.
     */
    private static final class DiscardServer implements AutoCloseable {
        private final ServerSocketChannel listener;
        private final CompletableFuture<byte[]> received = new CompletableFuture<>();
        private final CountDownLatch released = new CountDownLatch(1);
        private final Thread thread;

        private DiscardServer(ServerSocketChannel listener, boolean closesAtEof) {
            this.listener = listener;
            this.thread = Thread.ofPlatform().daemon().name("discard-server").start(() -> serveOne(closesAtEof));
        }

        static DiscardServer start(boolean closesAtEof) throws IOException {
            ServerSocketChannel listener = ServerSocketChannel.open();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return new DiscardServer(listener, closesAtEof);
        }

        InetSocketAddress address() throws IOException {
            return (InetSocketAddress) listener.getLocalAddress();
        }

        /** Everything read before EOF, once EOF has come. */
        CompletableFuture<byte[]> received() {
            return received;
        }

        @Override
        public void close() throws IOException {
            released.countDown();
            listener.close();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void serveOne(boolean closesAtEof) {
            try (SocketChannel client = listener.accept()) {
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
                int n;
                while ((n = client.read(buffer.clear())) >= 0) {
                    all.write(buffer.array(), 0, n);
                }
                received.complete(all.toByteArray());
                if (!closesAtEof) {
                    released.await(20, TimeUnit.SECONDS);
                }
            } catch (IOException | InterruptedException e) {
                received.completeExceptionally(e);
            }
        }
    }
}
