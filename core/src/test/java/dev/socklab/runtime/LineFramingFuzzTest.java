package dev.socklab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.socklab.service.Connection;
import dev.socklab.service.LineTooLongException;
import dev.socklab.service.StreamService;
import dev.socklab.testing.RawClient;

/**
 * {@link Connection#readLine(int)} as a service sees it, over a real loopback connection to a real
 * {@link Server}: whatever a client sends, the service gets the lines a simple model of the framing
 * predicts (LF or CRLF ends a line, a final line may have no end, a line past the limit is a
 * {@link LineTooLongException}), and nothing else is thrown. The first byte sent sets the limit, from 1 to
 * 2041 bytes, so lines cross the read-ahead buffer's first size and its growth.
 */
class LineFramingFuzzTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final HexFormat HEX = HexFormat.of();
    /** Started on the first input and kept for the rest: a connection per input is fast, a server is not. */
    private static Server server;

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop(Duration.ZERO);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void readLineGivesTheLinesTheClientSentOrLineTooLong(byte[] data) throws IOException {
        if (data.length == 0) {
            return;
        }
        int limit = limit(data[0]);
        byte[] stream = Arrays.copyOfRange(data, 1, data.length);
        try (RawClient client = RawClient.connect(endpoint())) {
            client.send(data);
            client.shutdownOutput();
            assertThat(client.readAll(WAIT)).isEqualTo(expected(stream, limit));
        }
    }

    private static int limit(byte first) {
        return 1 + (first & 0xFF) * 8;
    }

    /** What the service below writes for {@code stream}, by the framing's contract. */
    private static String expected(byte[] stream, int limit) {
        StringBuilder out = new StringBuilder();
        int start = 0;
        while (start < stream.length) {
            int lf = indexOf(stream, (byte) '\n', start);
            boolean ended = lf >= 0;
            int end = ended ? lf : stream.length;
            int stop = end > start && stream[end - 1] == '\r' ? end - 1 : end;
            // An ended line's CR is not counted; the last, unended one gets the bare limit.
            if ((ended ? stop : end) - start > limit) {
                return out.append("too long\n").toString();
            }
            byte[] line = Arrays.copyOfRange(stream, start, stop);
            out.append("line ").append(HEX.formatHex(new String(line, StandardCharsets.UTF_8)
                    .getBytes(StandardCharsets.UTF_8))).append('\n');
            start = ended ? lf + 1 : stream.length;
        }
        return out.append("end\n").toString();
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static synchronized Endpoint endpoint() {
        if (server == null) {
            server = Server.builder()
                    .stream("lines", LineFramingFuzzTest::reportLines,
                            Endpoint.tcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
                    .build();
            server.start();
        }
        return server.bindings().getFirst().endpoint();
    }

    /** Reads the limit byte, then reports each line as hex until the end or a line too long; the client's input is bounded, so is the report. */
    private static void reportLines(Connection conn) throws IOException {
        ByteBuffer first = ByteBuffer.allocate(1);
        while (first.hasRemaining()) {
            if (conn.read(first) < 0) {
                return;
            }
        }
        int limit = limit(first.get(0));
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        try {
            Optional<String> line;
            while ((line = conn.readLine(limit)).isPresent()) {
                report.writeBytes(("line " + HEX.formatHex(line.get().getBytes(StandardCharsets.UTF_8)) + "\n")
                        .getBytes(StandardCharsets.US_ASCII));
            }
            report.writeBytes("end\n".getBytes(StandardCharsets.US_ASCII));
        } catch (LineTooLongException e) {
            report.writeBytes("too long\n".getBytes(StandardCharsets.US_ASCII));
        }
        // Read to the client's EOF, so that closing with bytes unread does not reset the connection.
        ByteBuffer rest = ByteBuffer.allocate(4096);
        while (conn.read(rest.clear()) >= 0) {
            continue;
        }
        conn.write(report.toByteArray());
    }
}
