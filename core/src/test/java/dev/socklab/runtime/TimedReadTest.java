package dev.socklab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;
import dev.socklab.trace.Tracer;

/**
 * The reads that end at a deadline without closing the connection: {@code readUpTo} (what comes
 * before a quiet period), {@code readLine} with a pause (requests with no line end, as the lab's
 * clients send them), and {@code read} with a wait. Bytes that arrive after a deadline has passed
 * are never lost: the next read gets them.
 */
@Timeout(20)
class TimedReadTest {
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();
    /** What the service read, in order. */
    private final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void readUpToReturnsWhatCameBeforeTheClientWentQuiet(StreamTransport transport) throws Exception {
        Endpoint bound = servers.stream("timed", conn -> {
            conn.writeLine("time");
            report(conn.readUpTo(1024, QUIET));
            conn.writeLine("logged");
        }, transport.endpoint(dir));

        try (RawClient client = RawClient.connect(bound)) {
            // Sent before the time is read: the quiet period also covers the wait for the first
            // byte, which a busy machine may stretch.
            client.send("acknowledgement from the lab");
            assertThat(client.readLine(WAIT)).isEqualTo("time");
            // The client neither ends a line nor closes: only the quiet period ends the read.
            assertThat(next()).isEqualTo("got acknowledgement from the lab");
            assertThat(client.readLine(WAIT)).isEqualTo("logged");
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void readUpToEndsAtOnceWhenTheClientCloses(StreamTransport transport) throws Exception {
        Endpoint bound = servers.stream("timed", conn -> report(conn.readUpTo(1024, Duration.ofSeconds(30))),
                transport.endpoint(dir));

        try (RawClient client = RawClient.connect(bound)) {
            client.send("bye");
            client.shutdownOutput();
            // Far sooner than the 30 s quiet period: EOF ends it.
            assertThat(next()).isEqualTo("got bye");
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void readUpToStopsAtItsLimit(StreamTransport transport) throws Exception {
        Endpoint bound = servers.stream("timed", conn -> {
            report(conn.readUpTo(4, Duration.ofSeconds(30)));
            report(conn.readUpTo(4, Duration.ofSeconds(30)));
        }, transport.endpoint(dir));

        try (RawClient client = RawClient.connect(bound)) {
            client.send("12345678");
            assertThat(next()).isEqualTo("got 1234");
            assertThat(next()).isEqualTo("got 5678");
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void bytesThatComeAfterAQuietPeriodAreReadNext(StreamTransport transport) throws Exception {
        Endpoint bound = servers.stream("timed", conn -> {
            report(conn.readUpTo(1024, QUIET));
            report(conn.readLine());
        }, transport.endpoint(dir));

        try (RawClient client = RawClient.connect(bound)) {
            assertThat(next()).isEqualTo("nothing");
            client.send("late but not lost\n");
            assertThat(next()).isEqualTo("got late but not lost");
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void aPauseEndsARequestThatHasNoLineEnd(StreamTransport transport) throws Exception {
        Endpoint bound = servers.stream("timed", conn -> {
            Optional<String> request;
            while ((request = conn.readLine(64, QUIET)).isPresent()) {
                conn.writeLine("[" + request.get() + "]");
            }
        }, transport.endpoint(dir));

        try (RawClient client = RawClient.connect(bound)) {
            client.send("10.0.0.1");
            assertThat(client.readLine(WAIT)).isEqualTo("[10.0.0.1]");
            client.send("10.0.0.2\r\n10.0.0.3\n");
            assertThat(client.readLine(WAIT)).isEqualTo("[10.0.0.2]");
            assertThat(client.readLine(WAIT)).isEqualTo("[10.0.0.3]");
            client.send("10.0.0.4\r");
            assertThat(client.readLine(WAIT)).isEqualTo("[10.0.0.4]");
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void aPausedRequestOverTheLimitIsRefused(StreamTransport transport) throws Exception {
        Endpoint bound = servers.stream("timed", conn -> report(conn.readLine(4, QUIET)), transport.endpoint(dir));

        try (RawClient client = RawClient.connect(bound)) {
            client.send("12345");
            assertThat(client.readLine(WAIT)).isEqualTo("socklab: line longer than 4 bytes");
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void readWithAWaitReturnsZeroWhenNothingCameAndTheBytesLater(StreamTransport transport) throws Exception {
        Endpoint bound = servers.stream("timed", conn -> {
            ByteBuffer buffer = ByteBuffer.allocate(64);
            seen.add("read " + conn.read(buffer, QUIET));
            seen.add("ready");
            int n = conn.read(buffer);
            seen.add("read " + n + " " + new String(buffer.array(), 0, n, StandardCharsets.UTF_8));
        }, transport.endpoint(dir));

        try (RawClient client = RawClient.connect(bound)) {
            assertThat(next()).isEqualTo("read 0");
            assertThat(next()).isEqualTo("ready");
            client.send("abc");
            assertThat(next()).isEqualTo("read 3 abc");
        }
    }

    @Test
    void aQuietPeriodIsTraced() throws Exception {
        ByteArrayOutputStream trace = new ByteArrayOutputStream();
        Server server = servers.start(Server.builder()
                .tracer(Tracer.printingTo(new PrintStream(trace, true, StandardCharsets.UTF_8)))
                .stream("ack", conn -> report(conn.readUpTo(1024, QUIET)), StreamTransport.TCP_IPV4.endpoint(dir)));
        try (RawClient client = RawClient.connect(server.bindings().getFirst().endpoint())) {
            assertThat(next()).isEqualTo("nothing");
        }
        assertThat(trace.toString(StandardCharsets.UTF_8)).contains("recv(1024) = EAGAIN (nothing for 300ms)");
    }

    private void report(Optional<String> got) {
        seen.add(got.map(text -> "got " + text).orElse("nothing"));
    }

    private String next() throws InterruptedException {
        String item = seen.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(item).as("what the service read, within %s", WAIT).isNotNull();
        return item;
    }

}
