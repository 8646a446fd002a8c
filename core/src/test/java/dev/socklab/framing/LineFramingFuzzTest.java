package dev.socklab.framing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.socklab.service.LineTooLongException;

/**
 * {@link LineFraming#readLine(int)}, the framing behind every connection's {@code readLine}, in
 * memory: whatever a client sends, the reader gets the lines a simple model of the framing predicts
 * (LF or CRLF ends a line, a final line may have no end, a line past the limit is a
 * {@link LineTooLongException}), and nothing else is thrown. The first byte sets the limit, from 1 to
 * 2041 bytes, so lines cross the read-ahead buffer's first size and its growth. Each input is read
 * twice: as a socket gives bytes when the client has sent plenty, and a byte a read, so that every
 * line end and CR also falls on a read's edge.
 */
class LineFramingFuzzTest {
    private static final HexFormat HEX = HexFormat.of();

    @FuzzTest(maxDuration = "30s")
    void readLineGivesTheLinesTheClientSentOrLineTooLong(byte[] data) throws IOException {
        if (data.length == 0) {
            return;
        }
        int limit = limit(data[0]);
        byte[] stream = Arrays.copyOfRange(data, 1, data.length);
        String expected = expected(stream, limit);

        assertThat(report(ByteSource.of(ByteBuffer.wrap(stream)), limit)).isEqualTo(expected);
        assertThat(report(aByteARead(stream), limit)).isEqualTo(expected);
    }

    private static int limit(byte first) {
        return 1 + (first & 0xFF) * 8;
    }

    /** What the framing should give for {@code stream}, by its contract. */
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

    /** What the framing gives: each line as hex until the end or a line too long. */
    private static String report(ByteSource source, int limit) throws IOException {
        LineFraming framing = new LineFraming(source, limit);
        StringBuilder report = new StringBuilder();
        try {
            Optional<String> line;
            while ((line = framing.readLine(limit)).isPresent()) {
                report.append("line ").append(HEX.formatHex(line.get().getBytes(StandardCharsets.UTF_8))).append('\n');
            }
            return report.append("end\n").toString();
        } catch (LineTooLongException e) {
            return report.append("too long\n").toString();
        }
    }

    private static ByteSource aByteARead(byte[] stream) {
        return new ByteSource() {
            private int next;

            @Override
            public int read(ByteBuffer dst) {
                if (next == stream.length) {
                    return -1;
                }
                dst.put(stream[next++]);
                return 1;
            }

            @Override
            public int read(ByteBuffer dst, Duration wait) {
                return read(dst);
            }
        };
    }
}
