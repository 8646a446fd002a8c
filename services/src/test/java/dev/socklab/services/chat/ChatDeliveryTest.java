package dev.socklab.services.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.runtime.Endpoint;
import dev.socklab.testing.Await;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/** Delivery under load: everyone gets everything once, in one order, and a member that stops reading holds back no one. */
@Timeout(90)
class ChatDeliveryTest {

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    /**
     * A member over a plain blocking channel, which reads a busy room far faster than a byte at a time. Its
     * reads have no timeout of their own: the test's bounds them.
     */
    private static final class Reader implements AutoCloseable {
        final SocketChannel channel;
        final BufferedReader in;
        final OutputStream out;

        Reader(Endpoint server) throws IOException {
            channel = SocketChannel.open(server.address());
            in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
            out = Channels.newOutputStream(channel);
        }

        void say(String line) throws IOException {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** The last line {@link #until} stopped at. */
        private String found = "";

        /** Reads until a line that ends with, or starts with after its time, {@code part}; the lines before it, time stamps removed. */
        List<String> until(String part, int maxLines) throws IOException {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < maxLines; i++) {
                String line = in.readLine();
                if (line == null) {
                    throw new IOException("closed after " + lines.size() + " lines");
                }
                if (line.endsWith(part) || line.startsWith(part, 11)) {
                    found = line.substring(11);
                    return lines;
                }
                lines.add(line.substring(11));
            }
            throw new IOException("no line with '" + part + "' in " + maxLines);
        }

        /** The number in brackets of the last line found: {@code -- in hall (200): ...} gives 200. */
        int lastCount() {
            return Integer.parseInt(found.substring(found.indexOf('(') + 1, found.indexOf(')')));
        }

        /** Reads until {@code count} lines have contained {@code part}; all lines read, time stamps removed. */
        List<String> untilAll(String part, int count, int maxLines) throws IOException {
            List<String> lines = new ArrayList<>();
            int seen = 0;
            while (seen < count) {
                String line = in.readLine();
                if (line == null || lines.size() >= maxLines) {
                    throw new IOException("after " + lines.size() + " lines, " + seen + " of " + count + " '" + part + "'");
                }
                lines.add(line.substring(11));
                seen += line.contains(part) ? 1 : 0;
            }
            return lines;
        }

        /** Lines said and not yet heard back: a window that keeps a talker from running ahead of the room. */
        private final Semaphore unheard = new Semaphore(16);

        /** Says numbered lines as fast as the room hears them, until the server closes the connection. */
        Void talkUntilClosed() throws InterruptedException {
            try {
                for (long n = 0; ; n++) {
                    unheard.acquire();
                    say("chatter " + n);
                }
            } catch (IOException e) {
                return null;
            }
        }

        /**
         * Every line until the server closes or resets the connection, time stamps removed; counts {@code heard} down once lines from
         * {@code members} members (itself, {@code nick}, included) have come.
         */
        List<String> toEnd(String nick, int members, CountDownLatch heard) {
            List<String> lines = new ArrayList<>();
            Set<String> speakers = new HashSet<>();
            try {
                for (String line; (line = in.readLine()) != null; ) {
                    String text = line.substring(11);
                    lines.add(text);
                    if (text.startsWith("<" + nick + "> ")) {
                        unheard.release();
                    }
                    if (speakers.size() < members && text.startsWith("<") && speakers.add(text.substring(0, text.indexOf('>')))
                            && speakers.size() == members) {
                        heard.countDown();
                    }
                }
            } catch (IOException e) {
                // A reset, after all the server sent: it closed with the talker's last lines unread.
            } finally {
                // The talker's next line finds the connection closed.
                unheard.release(1_000_000);
            }
            return lines;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    @Test
    void hundredsOfMembersGetEveryMessageOnceInOneOrder() throws Exception {
        int members = 200;
        int senders = 10;
        int each = 20;
        ChatSettings settings = new ChatSettings(50, 100, 1000, 512, 0, 10, 1024 * 1024, Duration.ofSeconds(30),
                Duration.ofMinutes(30));
        Endpoint server = servers.stream("chat", new ChatService(settings, Clock.systemUTC()),
                StreamTransport.TCP_IPV4.endpoint(dir));
        List<Reader> readers = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < members; i++) {
                Reader r = new Reader(server);
                readers.add(r);
                r.say("/join hall");
            }
            // Each member's join is its own thread's work, done in its own time: ask the room until all are in.
            Reader first = readers.getFirst();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int inHall = 0;
            while (inHall < members) {
                assertThat(System.nanoTime() - deadline).as("members in the hall: %d of %d", inHall, members).isNegative();
                first.say("/who");
                first.until("-- in hall (", 100 * members);
                inHall = first.lastCount();
            }

            List<Future<?>> sending = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                Reader sender = readers.get(s * (members / senders));
                int id = s;
                sending.add(threads.submit(() -> {
                    for (int m = 0; m < each; m++) {
                        sender.say("msg " + id + " " + m);
                    }
                    // After its messages in the room's order, since one thread reads a member's lines in turn.
                    sender.say("/nick done-" + id);
                    return null;
                }));
            }
            for (Future<?> f : sending) {
                f.get(30, TimeUnit.SECONDS);
            }
            List<Future<List<String>>> received = new ArrayList<>();
            for (Reader r : readers) {
                received.add(threads.submit(() -> r.untilAll(" is now done-", senders, 100_000).stream()
                        .filter(l -> l.contains("> msg ")).map(l -> l.substring(l.indexOf("msg "))).toList()));
            }
            List<String> order = received.getFirst().get(60, TimeUnit.SECONDS);
            assertThat(order).hasSize(senders * each).doesNotHaveDuplicates();
            for (int s = 0; s < senders; s++) {
                int id = s;
                assertThat(order.stream().filter(l -> l.startsWith("msg " + id + " ")).toList())
                        .as("sender %d's messages in the order sent", s)
                        .containsExactly(java.util.stream.IntStream.range(0, each).mapToObj(m -> "msg " + id + " " + m)
                                .toArray(String[]::new));
            }
            for (int i = 1; i < members; i++) {
                assertThat(received.get(i).get(60, TimeUnit.SECONDS)).as("member %d", i).isEqualTo(order);
            }
        } finally {
            for (Reader r : readers) {
                r.close();
            }
        }
    }

    @Test
    void aMemberThatStopsReadingIsDroppedAndFreedWhileTheOthersGoOn() throws Exception {
        int queue = 8 * 1024 * 1024;
        ChatSettings settings = new ChatSettings(0, 100, 1000, 512, 0, 10, queue, Duration.ofMinutes(5),
                Duration.ofMinutes(30));
        // A Unix socket: its kernel buffers hold some 200 KiB where TCP's may grow to tens of MiB, so the
        // sleeper falls behind, and the test ends, soon after it stops reading.
        Endpoint server = servers.stream("chat", new ChatService(settings, Clock.systemUTC()),
                StreamTransport.UNIX.endpoint(dir));
        long before = usedMemoryAfterGc();
        try (LogCapture log = LogCapture.socklab(); Reader sleeper = new Reader(server); Reader talker = new Reader(server)) {
            sleeper.say("/nick sleeper");
            talker.say("/nick talker");
            talker.until("is now talker", 100);
            String line = "z".repeat(400);
            int sent = 0;
            // In rounds the talker reads back, until the room hears that the sleeper's queue passed its bound.
            boolean dropped = false;
            // Its queue and the kernel's buffers fill within some 22,000 such lines; the room hears of the drop once
            // the sleeper's last line has had its second, which a fast talker may fill with many more.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!dropped) {
                assertThat(System.nanoTime() - deadline).as("time to drop the sleeper; log %s", log.lines()).isNegative();
                for (int i = 0; i < 100; i++) {
                    talker.say(sent++ + " " + line);
                }
                dropped = talker.until("<talker> " + (sent - 1) + " " + line, 1000).stream()
                        .anyMatch(l -> l.equals("-- sleeper left lobby (disconnected)"));
            }
            String closing = log.awaitContaining("refused by a limit: too far behind (more than " + queue + " bytes waiting)");
            assertThat(closing).startsWith("chat#1 unix");
            assertThat((long) sent * line.length()).as("bytes sent to the sleeper").isGreaterThan(queue);
            // The room goes on.
            talker.say("still here");
            talker.until("<talker> still here", 10);

            // The lines are direct buffers, freed by their cleaner after a collection: wait for it, within a deadline.
            Await.until(() -> usedMemoryAfterGc() - before < queue / 2, Duration.ofSeconds(10),
                    "memory (heap and direct) within " + (queue / 2 >> 20) + " MiB of its level before the sleeper's "
                            + (queue >> 20) + " MiB queue was dropped");
        }
    }

    @Test
    void theShutdownNoticeIsEveryMembersLastLineWhileTheRoomIsBusy() throws Exception {
        int members = 8;
        // Queues large enough that no member is dropped for falling behind while everyone talks at once.
        ChatSettings settings = new ChatSettings(0, 100, 1000, 512, 0, 10, 64 * 1024 * 1024, Duration.ofMinutes(5),
                Duration.ofMinutes(30));
        Endpoint server = servers.stream("chat", new ChatService(settings, Clock.systemUTC()),
                StreamTransport.TCP_IPV4.endpoint(dir));
        List<Reader> readers = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < members; i++) {
                Reader r = new Reader(server);
                readers.add(r);
                r.say("/nick m" + i);
                // In the lobby, named, before anyone talks.
                r.until(" is now m" + i, 100);
            }
            CountDownLatch everyoneHeardEveryone = new CountDownLatch(members);
            List<Future<List<String>>> heard = new ArrayList<>();
            for (int i = 0; i < members; i++) {
                Reader r = readers.get(i);
                String nick = "m" + i;
                heard.add(threads.submit(() -> r.toEnd(nick, members, everyoneHeardEveryone)));
                threads.submit(r::talkUntilClosed);
            }
            assertThat(everyoneHeardEveryone.await(30, TimeUnit.SECONDS)).as("every member heard every other").isTrue();

            assertThat(servers.server().stop(Duration.ofMinutes(5))).isTrue();

            for (int i = 0; i < members; i++) {
                List<String> lines = heard.get(i).get(30, TimeUnit.SECONDS);
                int notice = lines.indexOf("!! server shutting down");
                assertThat(notice).as("m%d's notice", i).isNotNegative();
                assertThat(lines.subList(notice + 1, lines.size())).as("m%d's lines after its notice", i).isEmpty();
            }
        } finally {
            for (Reader r : readers) {
                r.close();
            }
        }
    }

    /** Heap and direct buffers in use once a collection has run, settled over a few tries. */
    private static long usedMemoryAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                    .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() + direct);
        }
        return used;
    }
}
