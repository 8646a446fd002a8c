package dev.socklab.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.socklab.service.Connection;
import dev.socklab.service.Outbox;
import dev.socklab.service.StreamService;
import dev.socklab.testing.Await;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/**
 * An outbox sends for the service from a thread of the runtime's: in order, without ever making the
 * offering thread wait, and a client that falls behind is dropped with its queue freed.
 */
@Timeout(30)
class OutboxTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    /** A service that hands its outbox to the test, then reads until the client closes. */
    private static final class Handing implements StreamService {
        final CompletableFuture<Outbox> outbox = new CompletableFuture<>();
        final int maxBytes;
        final Duration maxLag;

        Handing(int maxBytes, Duration maxLag) {
            this.maxBytes = maxBytes;
            this.maxLag = maxLag;
        }

        @Override
        public void serve(Connection conn) throws IOException {
            outbox.complete(conn.outbox(maxBytes, maxLag));
            conn.readLine();
        }

        @Override
        public Optional<String> refusalLine(String reason) {
            return Optional.of("bye: " + reason);
        }
    }

    /** Clients of a service that gives each connection an outbox and hands it to the test. */
    private final class Members implements AutoCloseable {
        final List<Outbox> outboxes = new CopyOnWriteArrayList<>();
        final List<RawClient> clients = new ArrayList<>();

        Members(int count) throws IOException {
            StreamService member = conn -> {
                outboxes.add(conn.outbox(1 << 20, Duration.ofSeconds(30)));
                conn.readLine();
            };
            Endpoint bound = servers.stream("outbox", member, StreamTransport.TCP_IPV4.endpoint(dir));
            for (int i = 0; i < count; i++) {
                clients.add(RawClient.connect(bound));
            }
            Await.until(() -> outboxes.size() == count, WAIT, count + " outboxes");
        }

        @Override
        public void close() throws IOException {
            for (RawClient c : clients) {
                c.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void linesOfferedFromAnotherThreadArriveInOrder(StreamTransport transport) throws Exception {
        Handing service = new Handing(1 << 20, Duration.ofSeconds(30));
        Endpoint bound = servers.stream("outbox", service, transport.endpoint(dir));
        try (RawClient client = RawClient.connect(bound)) {
            Outbox outbox = service.outbox.get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 1000; i++) {
                assertThat(outbox.offerLine("line " + i)).isTrue();
            }
            for (int i = 0; i < 1000; i++) {
                assertThat(client.readLine(WAIT)).isEqualTo("line " + i);
            }
        }
    }

    @Test
    void oneDirectBufferOfferedToManyOutboxesReachesEachWholeAndIsLeftAsItWas() throws Exception {
        try (Members members = new Members(3)) {
            List<Outbox> outboxes = members.outboxes;
            List<RawClient> clients = members.clients;
            byte[] text = "shared line\r\n".getBytes(StandardCharsets.UTF_8);
            ByteBuffer shared = ByteBuffer.allocateDirect(text.length).put(text).flip().asReadOnlyBuffer();
            for (Outbox o : outboxes) {
                assertThat(o.offer(shared)).isTrue();
                assertThat(o.offer(shared)).isTrue();
            }

            assertThat(shared.position()).isZero();
            assertThat(shared.remaining()).isEqualTo(text.length);
            for (RawClient client : clients) {
                assertThat(client.readLine(WAIT)).isEqualTo("shared line");
                assertThat(client.readLine(WAIT)).isEqualTo("shared line");
            }
        }
    }

    @Test
    void whatIsQueuedWhenTheServiceReturnsIsSentBeforeTheClose() throws IOException {
        StreamService burst = conn -> {
            Outbox outbox = conn.outbox(1 << 20, Duration.ofSeconds(30));
            for (int i = 0; i < 500; i++) {
                outbox.offerLine("last " + i);
            }
        };
        Endpoint bound = servers.stream("outbox", burst, StreamTransport.TCP_IPV4.endpoint(dir));
        try (RawClient client = RawClient.connect(bound)) {
            String all = client.readAll(WAIT);

            assertThat(all.split("\r\n")).hasSize(500).startsWith("last 0").endsWith("last 499");
        }
    }

    @Test
    void aServiceWithAnOutboxCannotAlsoWriteDirectly() throws Exception {
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        StreamService both = conn -> {
            conn.outbox(1024, Duration.ofSeconds(1));
            try {
                conn.writeLine("direct");
            } catch (RuntimeException e) {
                thrown.complete(e);
            }
        };
        Endpoint bound = servers.stream("outbox", both, StreamTransport.TCP_IPV4.endpoint(dir));
        try (RawClient client = RawClient.connect(bound)) {
            assertThat(thrown.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("outbox");
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void aClientThatStopsReadingIsDroppedWhileOfferingNeverWaits(StreamTransport transport) throws Exception {
        Handing service = new Handing(256 * 1024, Duration.ofMinutes(1));
        Endpoint bound = servers.stream("outbox", service, transport.endpoint(dir));
        try (LogCapture log = LogCapture.socklab(); RawClient client = RawClient.connect(bound)) {
            String expected = ClosingLine.of("outbox#1", bound, client,
                    "refused by a limit: too far behind (more than 262144 bytes waiting)");
            Outbox outbox = service.outbox.get(10, TimeUnit.SECONDS);
            byte[] chunk = new byte[16 * 1024];
            long start = System.nanoTime();
            int offered = 0;
            // The client reads nothing: the kernel's buffers fill, then the queue, then offer says no.
            while (outbox.offer(chunk)) {
                offered++;
                assertThat(offered).as("chunks taken by an outbox of 256 KiB and the kernel").isLessThan(10_000);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time to fill").isLessThan(WAIT);
            assertThat(outbox.offer(chunk)).as("a dropped client takes nothing more").isFalse();

            assertThat(log.awaitContaining(expected)).startsWith(expected);
            assertThat(client.closedWithin(WAIT)).isTrue();
        }
    }

    @Test
    void aClientWhoseOldestBytesWaitTooLongIsDroppedEvenWhenNothingMoreComes() throws Exception {
        Handing service = new Handing(64 * 1024 * 1024, Duration.ofMillis(300));
        Endpoint bound = servers.stream("outbox", service, StreamTransport.UNIX.endpoint(dir));
        try (LogCapture log = LogCapture.socklab(); RawClient client = RawClient.connect(bound)) {
            Outbox outbox = service.outbox.get(10, TimeUnit.SECONDS);
            // More than the kernel buffers, well under the byte bound: only the lag can drop this client.
            byte[] chunk = new byte[64 * 1024];
            for (int i = 0; i < 64; i++) {
                assertThat(outbox.offer(chunk)).isTrue();
            }
            long start = System.nanoTime();

            String line = log.awaitContaining("outbox#1");
            assertThat(line).contains("refused by a limit: too far behind (bytes waiting more than 300ms)");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(client.closedWithin(WAIT)).isTrue();
        }
    }

    @Test
    void newBoundsHoldTheNextOffer() throws Exception {
        Handing service = new Handing(100, Duration.ofMinutes(1));
        Endpoint bound = servers.stream("outbox", service, StreamTransport.TCP_IPV4.endpoint(dir));
        try (RawClient client = RawClient.connect(bound)) {
            Outbox outbox = service.outbox.get(10, TimeUnit.SECONDS);
            outbox.bounds(1000, Duration.ofMinutes(1));
            // Past the first bound on its own, within the new one.
            assertThat(outbox.offerLine("x".repeat(898))).isTrue();
            assertThat(client.readLine(WAIT)).isEqualTo("x".repeat(898));

            outbox.bounds(50, Duration.ofMinutes(1));
            assertThat(outbox.offer(new byte[60])).isFalse();
            assertThat(client.readLine(WAIT)).endsWith("bye: too far behind (more than 50 bytes waiting)");
            assertThat(client.closedWithin(WAIT)).isTrue();
        }
    }

    @Test
    void aQueueAlreadyPastALowerBoundIsDroppedAtTheNextOffer() throws Exception {
        Handing service = new Handing(64 * 1024 * 1024, Duration.ofMinutes(1));
        Endpoint bound = servers.stream("outbox", service, StreamTransport.UNIX.endpoint(dir));
        try (LogCapture log = LogCapture.socklab(); RawClient client = RawClient.connect(bound)) {
            Outbox outbox = service.outbox.get(10, TimeUnit.SECONDS);
            // The client reads nothing: past the kernel's buffers and the writer's one batch of at most 512, some
            // 190 chunks (3 MiB) stay queued.
            byte[] chunk = new byte[16 * 1024];
            for (int i = 0; i < 700; i++) {
                assertThat(outbox.offer(chunk)).isTrue();
            }
            outbox.bounds(1024 * 1024, Duration.ofMinutes(1));

            assertThat(outbox.offer(new byte[1])).isFalse();
            String line = log.awaitContaining("outbox#1");
            assertThat(line).contains("refused by a limit: too far behind (more than 1048576 bytes waiting)");
            assertThat(client.closedWithin(WAIT)).isTrue();
        }
    }

    @Test
    void aLowerLagHoldsBytesQueuedBeforeItFromTheNextCheck() throws Exception {
        Handing service = new Handing(64 * 1024 * 1024, Duration.ofMinutes(1));
        Endpoint bound = servers.stream("outbox", service, StreamTransport.UNIX.endpoint(dir));
        try (LogCapture log = LogCapture.socklab(); RawClient client = RawClient.connect(bound)) {
            Outbox outbox = service.outbox.get(10, TimeUnit.SECONDS);
            // More than the kernel buffers, well under the byte bound, queued under a minute's lag.
            byte[] chunk = new byte[64 * 1024];
            for (int i = 0; i < 64; i++) {
                assertThat(outbox.offer(chunk)).isTrue();
            }
            outbox.bounds(64 * 1024 * 1024, Duration.ofMillis(300));

            String line = log.awaitContaining("outbox#1");
            assertThat(line).contains("refused by a limit: too far behind (bytes waiting more than 300ms)");
            assertThat(client.closedWithin(WAIT)).isTrue();
        }
    }

    @Test
    void aDroppedClientThatStillReadsGetsTheServicesLastLine() throws Exception {
        Handing service = new Handing(100, Duration.ofMinutes(1));
        Endpoint bound = servers.stream("outbox", service, StreamTransport.TCP_IPV4.endpoint(dir));
        try (RawClient client = RawClient.connect(bound)) {
            Outbox outbox = service.outbox.get(10, TimeUnit.SECONDS);
            byte[] small = new byte[60];
            Arrays.fill(small, (byte) 'x');
            assertThat(outbox.offer(small)).isTrue();
            // Past the bound on its own, however fast the writer drained the first.
            assertThat(outbox.offer(new byte[101])).isFalse();

            // The line, then a reset: a dropped client's connection is aborted, so the kernel keeps nothing for it.
            assertThat(client.readLine(WAIT)).endsWith("bye: too far behind (more than 100 bytes waiting)");
            assertThat(client.closedWithin(WAIT)).isTrue();
        }
    }

    @Test
    void manyThreadsOfferingToManyOutboxesKeepEachThreadsOrder() throws Exception {
        try (Members members = new Members(20)) {
            List<Outbox> outboxes = members.outboxes;
            List<RawClient> clients = members.clients;
            List<Thread> senders = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                int sender = s;
                senders.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < 200; i++) {
                        for (Outbox o : outboxes) {
                            o.offerLine(sender + " " + i);
                        }
                    }
                }));
            }
            for (Thread t : senders) {
                t.join();
            }
            for (RawClient client : clients) {
                int[] next = new int[4];
                for (int k = 0; k < 800; k++) {
                    String[] words = client.readLine(WAIT).split(" ");
                    int sender = Integer.parseInt(words[0]);
                    assertThat(Integer.parseInt(words[1])).isEqualTo(next[sender]++);
                }
            }
        }
    }
}
