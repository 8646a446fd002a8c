package dev.socklab.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A bound UDP socket adopted by each engine ({@link IoEngine#adopt(DatagramChannel)}), on real
 * loopback sockets, its calls made from the thread it starts: a receive parks until a datagram
 * comes or its wait is over, a send reaches its target, and a close from another thread ends a
 * waiting receive. Both engines here, by name: no TCP socket, so no second pass.
 */
@Tag("no-engine")
@Timeout(30)
class UdpSocketTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private IoEngine engine;
    private UdpSocket socket;
    private DatagramChannel client;

    private void open(String engineName) throws IOException {
        engine = IoEngine.start(Optional.of(engineName), 2);
        socket = engine.adopt(DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0)));
        client = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
    }

    @AfterEach
    void close() throws IOException {
        client.close();
        socket.close();
        engine.close();
    }

    private <T> Running<T> onSocketsThread(Call<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = socket.start("test", () -> {
            try {
                result.complete(call.run());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return new Running<>(thread, result);
    }

    private record Running<T>(Thread thread, CompletableFuture<T> result) {
        T get() throws Exception {
            return result.get(5, TimeUnit.SECONDS);
        }

        /** Waits until the thread has parked in its receive (so nothing the test sends next can come before the wait). */
        void awaitParked() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            // Waiting on a carrier, whose loop keeps the deadline; timed waiting on the JDK's poller.
            while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING
                    && !result.isDone()) {
                assertThat(System.nanoTime() - deadline).as("the receive parks within 5 s").isNegative();
                Thread.sleep(1);
            }
        }
    }

    private interface Call<T> {
        T run() throws Exception;
    }

    private record Received(SocketAddress sender, String text) {
    }

    private Call<Received> receive(int room, long waitMillis) {
        return () -> {
            ByteBuffer dst = ByteBuffer.allocate(room);
            SocketAddress sender = socket.receive(dst, TimeUnit.MILLISECONDS.toNanos(waitMillis));
            return sender == null ? null : new Received(sender, new String(dst.array(), 0, dst.position(), StandardCharsets.US_ASCII));
        };
    }

    private void clientSends(String text) throws IOException {
        client.send(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)), socket.channel().getLocalAddress());
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "jdk"})
    void aReceiveParksUntilADatagramComesThenGetsItAndItsSender(String engineName) throws Exception {
        open(engineName);
        Running<Received> got = onSocketsThread(receive(64, 10_000));
        got.awaitParked();
        clientSends("ack 1");
        assertThat(got.get()).isEqualTo(new Received(client.getLocalAddress(), "ack 1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "jdk"})
    void aDatagramLongerThanTheBufferIsCutToIt(String engineName) throws Exception {
        open(engineName);
        clientSends("0123456789");
        assertThat(onSocketsThread(receive(4, 10_000)).get().text()).isEqualTo("0123");
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "jdk"})
    void aSendReachesItsTargetAsOneDatagram(String engineName) throws Exception {
        open(engineName);
        SocketAddress target = client.getLocalAddress();
        ByteBuffer src = ByteBuffer.wrap("data 1".getBytes(StandardCharsets.US_ASCII));
        onSocketsThread(() -> {
            socket.send(src, target);
            return null;
        }).get();
        assertThat(src.hasRemaining()).as("the send took all of the buffer").isFalse();
        ByteBuffer dst = ByteBuffer.allocate(64);
        assertThat(client.receive(dst)).isEqualTo(socket.channel().getLocalAddress());
        assertThat(new String(dst.array(), 0, dst.position(), StandardCharsets.US_ASCII)).isEqualTo("data 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "jdk"})
    void aReceiveGivesUpAfterItsWaitWithTheSocketOpenAndTheNextGetsTheDatagram(String engineName) throws Exception {
        open(engineName);
        long start = System.nanoTime();
        assertThat(onSocketsThread(receive(64, 200)).get()).isNull();
        assertThat(System.nanoTime() - start).as("waited its 200 ms").isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(190));
        Running<Received> next = onSocketsThread(receive(64, 10_000));
        next.awaitParked();
        clientSends("late");
        assertThat(next.get().text()).isEqualTo("late");
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "jdk"})
    void aCloseFromAnotherThreadEndsAWaitingReceive(String engineName) throws Exception {
        open(engineName);
        Running<Received> got = onSocketsThread(receive(64, 20_000));
        got.awaitParked();
        socket.close();
        // The JDK's socket adaptor says SocketException: Socket closed; a carrier's, ClosedChannelException.
        assertThatThrownBy(got::get).hasCauseInstanceOf(IOException.class);
    }
}
