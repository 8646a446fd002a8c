package dev.socklab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import dev.socklab.service.Connection;
import dev.socklab.service.StreamService;
import dev.socklab.testing.Await;
import dev.socklab.testing.LabProgram;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;
import dev.socklab.trace.Preview;
import dev.socklab.trace.Tracer;

/**
 * {@code readLine} and {@code read} as a service sees them through a real socket: line ends, what
 * is read ahead, EOF, the line limit, and bytes that are not UTF-8. The service reports what it
 * read; the test compares.
 */
@Timeout(20)
class ConnectionLineReadingTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();
    /** What the service read, in order: "line X" for a line, "none" for an empty readLine, "read X" for bytes, "-1" for EOF. */
    private final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void linesEndWithLfOrCrlfAndTheEndIsNotPartOfTheLine(StreamTransport transport) throws Exception {
        Endpoint bound = serve(reportLines(3), transport, Limits.DEFAULTS);

        try (RawClient client = RawClient.connect(bound)) {
            client.send("unix\ninternet\r\n\r\n");

            assertThat(next(3)).containsExactly("line unix", "line internet", "line ");
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void bytesAfterALineAreKeptForTheNextLines(StreamTransport transport) throws Exception {
        Endpoint bound = serve(reportLines(3), transport, Limits.DEFAULTS);

        try (RawClient client = RawClient.connect(bound)) {
            client.send("one\ntwo\r\nthree\n"); // one write: the first read takes all three

            assertThat(next(3)).containsExactly("line one", "line two", "line three");
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void lastLineWithoutAnEndIsReturnedAtEofThenNothing(StreamTransport transport) throws Exception {
        Endpoint bound = serve(reportLines(4), transport, Limits.DEFAULTS);

        try (RawClient client = RawClient.connect(bound)) {
            client.send("first\nlast");
            client.shutdownOutput();

            assertThat(next(4)).containsExactly("line first", "line last", "none", "none");
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void eofRightAfterALineEndGivesNoExtraLine(StreamTransport transport) throws Exception {
        Endpoint bound = serve(reportLines(2), transport, Limits.DEFAULTS);

        try (RawClient client = RawClient.connect(bound)) {
            client.send("only\r\n");
            client.shutdownOutput();

            assertThat(next(2)).containsExactly("line only", "none");
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void lineSplitOverManyReadsIsJoined(StreamTransport transport) throws Exception {
        ByteArrayOutputStream trace = new ByteArrayOutputStream();
        Endpoint bound = serve(reportLines(2), transport, Limits.DEFAULTS, Tracer.printingTo(new PrintStream(trace, true)));

        try (RawClient client = RawClient.connect(bound)) {
            // Each part is sent once the server has received the one before, so that each is a read of its own;
            // "lo\r" then "\nwor" puts a CRLF across two reads.
            for (String part : List.of("hel", "lo\r", "\nwor", "l", "d\n")) {
                client.send(part);
                String received = "= " + part.length() + " " + Preview.of(ByteBuffer.wrap(part.getBytes(StandardCharsets.UTF_8)));
                Await.until(() -> trace.toString().contains(received), WAIT, "the server receives " + part);
            }

            assertThat(next(2)).containsExactly("line hello", "line world");
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void longLineSentInSmallWritesIsReadWhole(StreamTransport transport) throws Exception {
        Endpoint bound = serve(reportLines(1), transport, Limits.DEFAULTS);
        String line = "0123456789".repeat(500); // past the first line buffer, so it grows while the line arrives

        try (RawClient client = RawClient.connect(bound)) {
            byte[] bytes = (line + "\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int at = 0; at < bytes.length; at += 7) {
                client.send(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + 7)));
            }

            assertThat(next(1)).containsExactly("line " + line);
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void lineOfExactlyTheLimitIsAccepted(StreamTransport transport) throws Exception {
        Endpoint bound = serve(reportLines(2), transport, Limits.DEFAULTS.withMaxLineLength(8));

        try (RawClient client = RawClient.connect(bound)) {
            client.send("12345678\r\nabcdefgh\n");

            assertThat(next(2)).containsExactly("line 12345678", "line abcdefgh");
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void lineOverTheLimitIsRefusedWithALineAndTheConnectionClosed(StreamTransport transport) throws Exception {
        try (LogCapture log = LogCapture.socklab()) {
            Endpoint bound = serve(reportLines(2), transport, Limits.DEFAULTS.withMaxLineLength(16));
            String expected;
            try (RawClient client = RawClient.connect(bound)) {
                expected = ClosingLine.of("lines#1", bound, client, "refused by a limit: line longer than 16 bytes (in ");
                client.send("short\n" + "x".repeat(40) + "\n");

                assertThat(client.readLine(WAIT)).isEqualTo("socklab: line longer than 16 bytes");
                assertThat(client.closedWithin(WAIT)).isTrue();
            }

            assertThat(log.awaitContaining(expected)).startsWith(expected);
            assertThat(next(1)).containsExactly("line short");
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void lineOverTheLimitIsRefusedEvenWhenItNeverEnds(StreamTransport transport) throws Exception {
        Endpoint bound = serve(reportLines(1), transport, Limits.DEFAULTS.withMaxLineLength(100));

        try (RawClient client = RawClient.connect(bound)) {
            client.send("y".repeat(102)); // 100 bytes and a CR could still end well; 102 cannot

            assertThat(client.readLine(WAIT)).isEqualTo("socklab: line longer than 100 bytes");
            assertThat(client.closedWithin(WAIT)).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void lastLineOverTheLimitAtEofIsRefused(StreamTransport transport) throws Exception {
        Endpoint bound = serve(reportLines(1), transport, Limits.DEFAULTS.withMaxLineLength(8));

        try (RawClient client = RawClient.connect(bound)) {
            client.send("123456789");
            client.shutdownOutput();

            assertThat(client.readLine(WAIT)).isEqualTo("socklab: line longer than 8 bytes");
            assertThat(client.closedWithin(WAIT)).isTrue();
        }
        assertThat(seen).as("lines the service was given").isEmpty(); // the refusal came after its readLine failed
    }

    @ParameterizedTest(name = "server {0}, call {1}: {2}")
    @CsvSource({
        "16, 8,  8",
        "8,  16, 8",
    })
    void perCallLimitIsTheSmallerOfItAndTheServers(int serverLimit, int callLimit, int applied) throws Exception {
        StreamService service = conn -> {
            seen.add(describe(conn.readLine(callLimit)));
            seen.add(describe(conn.readLine(callLimit)));
        };
        Endpoint bound = serve(service, StreamTransport.TCP_IPV4, Limits.DEFAULTS.withMaxLineLength(serverLimit));

        try (RawClient client = RawClient.connect(bound)) {
            client.send("a".repeat(applied) + "\n" + "b".repeat(applied + 1) + "\n");

            assertThat(next(1)).containsExactly("line " + "a".repeat(applied));
            assertThat(client.readLine(WAIT)).isEqualTo("socklab: line longer than " + applied + " bytes");
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void invalidUtf8BecomesReplacementCharacters(StreamTransport transport) throws Exception {
        Endpoint bound = serve(reportLines(2), transport, Limits.DEFAULTS);

        try (RawClient client = RawClient.connect(bound)) {
            client.send(new byte[] {'a', (byte) 0xff, 'b', (byte) 0xc3, '\n'});
            client.send("caf\u00e9\n".getBytes(StandardCharsets.UTF_8));

            assertThat(next(2)).containsExactly("line a\ufffdb\ufffd", "line caf\u00e9");
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void readAfterReadLineGivesTheBytesReadAheadFirst(StreamTransport transport) throws Exception {
        StreamService service = conn -> {
            seen.add(describe(conn.readLine()));
            ByteBuffer small = ByteBuffer.allocate(4);
            int n;
            while ((n = conn.read(small.clear())) >= 0) {
                seen.add("read " + new String(small.array(), 0, n, StandardCharsets.UTF_8));
            }
            seen.add("-1");
        };
        Endpoint bound = serve(service, transport, Limits.DEFAULTS);

        try (RawClient client = RawClient.connect(bound)) {
            client.send("HEAD\nbinary"); // one write: "binary" arrives with the line and is read ahead
            assertThat(next(3)).containsExactly("line HEAD", "read bina", "read ry");
            client.send("!");
            assertThat(next(1)).containsExactly("read !");
            client.shutdownOutput();
            assertThat(next(1)).containsExactly("-1");
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void readLineAfterReadContinuesWhereReadStopped(StreamTransport transport) throws Exception {
        StreamService service = conn -> {
            ByteBuffer three = ByteBuffer.allocate(3);
            while (three.hasRemaining()) {
                conn.read(three);
            }
            seen.add("read " + new String(three.array(), StandardCharsets.UTF_8));
            seen.add(describe(conn.readLine()));
        };
        Endpoint bound = serve(service, transport, Limits.DEFAULTS);

        try (RawClient client = RawClient.connect(bound)) {
            client.send("abc");
            assertThat(next(1)).containsExactly("read abc");
            client.send("def\n");
            assertThat(next(1)).containsExactly("line def");
        }
    }

    /** A service that reads {@code count} lines and reports each. */
    /**
     * TCP urgent data (a byte sent with {@code MSG_OOB}, as FTP clients send ABOR) stops a recv short
     * at its mark with bytes behind it, which came with the same readiness edge: the line still ends,
     * without the urgent byte, or with it where the service reads urgent data inline. A Python client
     * corks its socket (Java has no {@code TCP_CORK}) so that the bytes before the mark, the urgent
     * byte and the bytes after it come in one segment, while the service waits in a read.
     */
    @ParameterizedTest
    @CsvSource({"false, line abd", "true, line abcd"})
    void aLineWithAnUrgentByteInItEndsAndTheServiceGoesOn(boolean inline, String expected) throws Exception {
        StreamService service = new StreamService() {
            @Override
            public void serve(Connection conn) throws IOException {
                seen.add(describe(conn.readLine()));
                conn.writeLine("ok");
                seen.add(describe(conn.readLine()));
                seen.add(describe(conn.readLine()));
            }

            @Override
            public boolean urgentDataInline() {
                return inline;
            }
        };
        Endpoint bound = serve(service, StreamTransport.TCP_IPV4, Limits.DEFAULTS);
        String client = """
                import socket, sys
                c = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
                c.sendall(b"hello\\n")
                c.recv(100)
                c.setsockopt(socket.IPPROTO_TCP, socket.TCP_CORK, 1)
                c.send(b"ab")
                c.send(b"c", socket.MSG_OOB)
                c.send(b"d\\nnext\\n")
                c.setsockopt(socket.IPPROTO_TCP, socket.TCP_CORK, 0)
                sys.stdin.read()
                """;
        int port = ((InetSocketAddress) bound.address()).getPort();
        try (LabProgram python = LabProgram.python(dir, client, Integer.toString(port))) {
            assertThat(next(3)).containsExactly("line hello", expected, "line next");
        }
    }

    private StreamService reportLines(int count) {
        return conn -> {
            for (int i = 0; i < count; i++) {
                seen.add(describe(conn.readLine()));
            }
        };
    }

    private static String describe(Optional<String> line) {
        return line.map(text -> "line " + text).orElse("none");
    }

    /** The next {@code count} reports of the service, each within the deadline. */
    private List<String> next(int count) throws InterruptedException {
        List<String> reports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String report = seen.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(report).as("report %d of %d, after %s", i + 1, count, reports).isNotNull();
            reports.add(report);
        }
        return reports;
    }

    private Endpoint serve(StreamService service, StreamTransport transport, Limits limits) {
        return serve(service, transport, limits, Tracer.off());
    }

    private Endpoint serve(StreamService service, StreamTransport transport, Limits limits, Tracer tracer) {
        return servers.start(Server.builder().limits(limits).tracer(tracer)
                .stream("lines", service, transport.endpoint(dir))).bindings().getFirst().endpoint();
    }
}
