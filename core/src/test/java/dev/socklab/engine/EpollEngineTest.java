package dev.socklab.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The epoll engine on real loopback sockets: each call parks its virtual thread until the
 * carrier's epoll set says the socket is ready, and every way of waking it (a byte, the peer's
 * window opening, a close or shutdown from another thread, a timer, a thread elsewhere) works.
 */
@Timeout(30)
class EpollEngineTest {
    private IoEngine engine;
    private ServerSocketChannel listener;
    private final List<SocketChannel> clients = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        engine = IoEngine.start(Optional.of("epoll"), 2);
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void stop() throws IOException {
        for (SocketChannel client : clients) {
            client.close();
        }
        listener.close();
        engine.close();
    }

    /** A connected pair: the client end, blocking, for the test; the server end adopted by the engine. */
    private StreamSocket connect() throws IOException {
        SocketChannel client = SocketChannel.open(listener.getLocalAddress());
        clients.add(client);
        return engine.adopt(listener.accept());
    }

    private SocketChannel lastClient() {
        return clients.get(clients.size() - 1);
    }

    /** Runs {@code call} in a virtual thread on the socket's carrier; the result's thread is that thread. */
    private static <T> Running<T> onCarrier(StreamSocket socket, Call<T> call) {
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

        /** Waits until the thread has parked in its call (so nothing the test sends next can come before the wait). */
        void awaitParked() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (thread.getState() != Thread.State.WAITING && !result.isDone()) {
                assertThat(System.nanoTime() - deadline).as("the call parks within 5 s").isNegative();
                Thread.sleep(1);
            }
        }
    }

    private interface Call<T> {
        T run() throws Exception;
    }

    @Test
    void namesItselfAndItsCarriers() {
        assertThat(engine.name()).isEqualTo("epoll");
        assertThat(engine.description()).isEqualTo("epoll, 2 carrier threads");
    }

    @Test
    void aReadParksUntilTheClientSendsThenGetsTheBytes() throws Exception {
        StreamSocket socket = connect();
        Running<String> got = onCarrier(socket, () -> {
            ByteBuffer buffer = ByteBuffer.allocate(64);
            int n = socket.read(buffer);
            return new String(buffer.array(), 0, n, StandardCharsets.US_ASCII);
        });
        got.awaitParked();
        lastClient().write(ByteBuffer.wrap("ping".getBytes(StandardCharsets.US_ASCII)));
        assertThat(got.get()).isEqualTo("ping");
    }

    @Test
    void manyRoundTripsOnManySocketsAcrossTheCarriers() throws Exception {
        List<Running<Long>> echoes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            StreamSocket socket = connect();
            echoes.add(onCarrier(socket, () -> {
                ByteBuffer buffer = ByteBuffer.allocate(16);
                long total = 0;
                int n;
                while ((n = socket.read(buffer.clear())) > 0) {
                    socket.write(buffer.flip());
                    total += n;
                }
                return total;
            }));
        }
        ByteBuffer message = ByteBuffer.allocate(8);
        for (int round = 0; round < 200; round++) {
            for (SocketChannel client : clients) {
                client.write(message.clear().putLong(round).flip());
                ByteBuffer back = ByteBuffer.allocate(8);
                while (back.hasRemaining()) {
                    client.read(back);
                }
                assertThat(back.flip().getLong()).isEqualTo(round);
            }
        }
        for (SocketChannel client : clients) {
            client.shutdownOutput();
        }
        for (Running<Long> echo : echoes) {
            assertThat(echo.get()).isEqualTo(200 * 8L);
        }
    }

    @Test
    void theEndOfTheStreamThatCameWithTheLastBytesInOneEdgeIsReadAfterThem() throws Exception {
        for (int i = 0; i < 50; i++) {
            StreamSocket socket = connect();
            lastClient().write(ByteBuffer.wrap("last".getBytes(StandardCharsets.US_ASCII)));
            lastClient().shutdownOutput();
            CompletableFuture<List<Integer>> reads = new CompletableFuture<>();
            // Started by the one edge that reports both: the first read takes the bytes and leaves room.
            socket.startWhenReadable("reader", () -> complete(reads, () -> {
                ByteBuffer buffer = ByteBuffer.allocate(64);
                return List.of(socket.read(buffer), socket.read(buffer), socket.read(buffer, TimeUnit.SECONDS.toNanos(5)));
            }), reads::completeExceptionally);
            assertThat(reads.get(5, TimeUnit.SECONDS)).containsExactly(4, -1, -1);
        }
    }

    @Test
    void aReadWithAWaitGivesUpWithTheSocketOpenAndTheNextReadGetsTheBytes() throws Exception {
        StreamSocket socket = connect();
        Running<Integer> quiet = onCarrier(socket,
                () -> socket.read(ByteBuffer.allocate(8), TimeUnit.MILLISECONDS.toNanos(100)));
        assertThat(quiet.get()).isZero();
        lastClient().write(ByteBuffer.wrap(new byte[] {7}));
        Running<Integer> then = onCarrier(socket,
                () -> socket.read(ByteBuffer.allocate(8), TimeUnit.SECONDS.toNanos(5)));
        assertThat(then.get()).isEqualTo(1);
    }

    @Test
    void aWriteToAClientThatDoesNotReadParksAndResumesWhenItReads() throws Exception {
        StreamSocket socket = connect();
        int size = 16 * 1024 * 1024;
        Running<Integer> written = onCarrier(socket, () -> {
            socket.write(ByteBuffer.allocate(size));
            return size;
        });
        written.awaitParked();
        ByteBuffer sink = ByteBuffer.allocate(64 * 1024);
        long read = 0;
        while (read < size) {
            int n = lastClient().read(sink.clear());
            assertThat(n).isPositive();
            read += n;
        }
        assertThat(written.get()).isEqualTo(size);
    }

    @Test
    void aCloseFromAnotherThreadEndsAParkedRead() throws Exception {
        StreamSocket socket = connect();
        Running<Integer> read = onCarrier(socket, () -> socket.read(ByteBuffer.allocate(8)));
        read.awaitParked();
        socket.close();
        assertThatThrownBy(read::get).hasCauseInstanceOf(ClosedChannelException.class);
    }

    @Test
    void anInputShutDownFromAnotherThreadEndsAParkedReadAtTheEndOfTheStream() throws Exception {
        StreamSocket socket = connect();
        Running<Integer> read = onCarrier(socket, () -> socket.read(ByteBuffer.allocate(8)));
        read.awaitParked();
        socket.shutdownInput();
        assertThat(read.get()).isEqualTo(-1);
    }

    @Test
    void aVirtualThreadOfACarrierSleepsAndIsWokenFromElsewhere() throws Exception {
        StreamSocket socket = connect();
        CountDownLatch slept = new CountDownLatch(1);
        Running<String> done = onCarrier(socket, () -> {
            Thread.sleep(20);
            slept.countDown();
            LockSupport.park();
            return Thread.currentThread().getName();
        });
        assertThat(slept.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(done.thread().isVirtual()).isTrue();
        done.awaitParked();
        LockSupport.unpark(done.thread());
        assertThat(done.get()).isEqualTo("test");
    }

    @Test
    void aThreadOfItsOwnThatAConnectionStartsRunsOnTheSameCarrier() throws Exception {
        StreamSocket socket = connect();
        Running<Boolean> same = onCarrier(socket, () -> {
            Thread mine = Thread.currentThread();
            CompletableFuture<String> child = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> child.complete(carrierName()));
            String parent = carrierName();
            return parent.startsWith("socklab carrier") && parent.equals(child.get()) && mine.isVirtual();
        });
        assertThat(same.get()).isTrue();
    }

    @Test
    void aConnectionWhoseClientSpeaksFirstHasNoThreadUntilItsFirstBytesOrItsClose() throws Exception {
        try (IoEngine one = IoEngine.start(Optional.of("epoll"), 1)) {
            StreamSocket quiet = one.adopt(accept());
            CompletableFuture<Integer> quietRead = new CompletableFuture<>();
            quiet.startWhenReadable("quiet", () -> complete(quietRead, () -> quiet.read(ByteBuffer.allocate(8))),
                    quietRead::completeExceptionally);
            SocketChannel quietClient = lastClient();
            StreamSocket talker = one.adopt(accept());
            CompletableFuture<Integer> talkerRead = new CompletableFuture<>();
            talker.startWhenReadable("talker", () -> complete(talkerRead, () -> talker.read(ByteBuffer.allocate(8))),
                    talkerRead::completeExceptionally);
            lastClient().write(ByteBuffer.wrap(new byte[] {1, 2}));

            assertThat(talkerRead.get(5, TimeUnit.SECONDS)).isEqualTo(2);
            // The one carrier handled the talker's readiness after it added the quiet socket, which had none.
            assertThat(quietRead).isNotDone();
            quiet.close();
            assertThatThrownBy(() -> quietRead.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(ClosedChannelException.class);
            assertThat(quietClient.isOpen()).isTrue();
        }
    }

    @Test
    void aConnectionWaitingForItsFirstBytesStartsWhenItsInputIsShutDown() throws Exception {
        StreamSocket socket = connect();
        CompletableFuture<Integer> read = new CompletableFuture<>();
        socket.startWhenReadable("waiting", () -> complete(read, () -> socket.read(ByteBuffer.allocate(8))),
                read::completeExceptionally);
        socket.shutdownInput();
        assertThat(read.get(5, TimeUnit.SECONDS)).isEqualTo(-1);
    }

    private SocketChannel accept() throws IOException {
        clients.add(SocketChannel.open(listener.getLocalAddress()));
        return listener.accept();
    }

    private static <T> void complete(CompletableFuture<T> result, Call<T> call) {
        try {
            result.complete(call.run());
        } catch (Throwable e) {
            result.completeExceptionally(e);
        }
    }

    @Test
    void aThreadThatIsNotTheCarriersStillReadsAndWritesTheSocket() throws Exception {
        StreamSocket socket = connect();
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
            try {
                ByteBuffer buffer = ByteBuffer.allocate(8);
                int n = socket.read(buffer);
                socket.write(buffer.flip());
                return n;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, command -> Thread.ofPlatform().start(command));
        lastClient().write(ByteBuffer.wrap(new byte[] {4, 2}));
        assertThat(read.get(5, TimeUnit.SECONDS)).isEqualTo(2);
        ByteBuffer back = ByteBuffer.allocate(2);
        while (back.hasRemaining()) {
            lastClient().read(back);
        }
        assertThat(back.array()).containsExactly(4, 2);
    }

    @Test
    void wakeUpsFromAnotherThreadAreNeverLostHoweverOftenTheCarrierSleeps() throws Exception {
        StreamSocket socket = connect();
        int rounds = 200_000;
        AtomicInteger turn = new AtomicInteger();
        Running<Integer> ponger = onCarrier(socket, () -> {
            for (int i = 0; i < rounds; i++) {
                while (turn.get() != 2 * i + 1) {
                    LockSupport.park();
                }
                turn.set(2 * i + 2);
            }
            return rounds;
        });
        // Neither thread is a carrier's: each unpark goes through the inbox and, while the carrier
        // sleeps, its eventfd; the second thread's unparks race the first's and the carrier's waking.
        Thread racer = Thread.ofPlatform().start(() -> {
            while (!ponger.result().isDone()) {
                LockSupport.unpark(ponger.thread());
                Thread.onSpinWait();
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try {
            for (int i = 0; i < rounds; i++) {
                turn.set(2 * i + 1);
                LockSupport.unpark(ponger.thread());
                while (turn.get() != 2 * i + 2) {
                    assertThat(System.nanoTime() - deadline).as("round %d answered within 20 s", i).isNegative();
                    Thread.onSpinWait();
                }
            }
            assertThat(ponger.get()).isEqualTo(rounds);
        } finally {
            ponger.result().complete(-1);
            racer.join();
        }
    }

    @Test
    void anEngineThatIsNeitherIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> IoEngine.start(Optional.of("kqueue"), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown I/O engine 'kqueue': epoll or jdk");
    }

    @Test
    void theJdkEngineSaysItIsTheJdks() {
        try (IoEngine jdk = IoEngine.start(Optional.of("jdk"), 0)) {
            assertThat(jdk.name()).isEqualTo("jdk");
            assertThat(jdk.description()).isEqualTo("jdk (the JDK's virtual-thread scheduler)");
        }
    }

    private static String carrierName() {
        return SchedulerHook.currentCarrier().getName();
    }
}
