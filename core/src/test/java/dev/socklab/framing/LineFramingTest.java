package dev.socklab.framing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.socklab.service.LineTooLongException;

/** Lines and chunks framed in memory, as a connection frames them over its socket. */
class LineFramingTest {
    private static final Duration PAUSE = Duration.ofMillis(300);

    @Test
    void linesEndAtLfWithACrBeforeItDroppedAndTheLastNeedsNoEnd() throws IOException {
        assertThat(readAll("one\r\ntwo\n\nthree", 8192)).containsExactly("one", "two", "", "three");
    }

    @Test
    void linesLongerThanTheFirstBufferGrowItUpToTheLimit() throws IOException {
        String longLine = "x".repeat(5000);

        assertThat(readAll(longLine + "\r\nshort\r\n", 8192)).containsExactly(longLine, "short");
    }

    @Test
    void lineOfExactlyTheLimitPassesAndOneByteMoreFails() throws IOException {
        assertThat(readAll("y".repeat(100) + "\r\n", 100)).containsExactly("y".repeat(100));
        assertThatThrownBy(() -> readAll("y".repeat(101) + "\r\n", 100)).isInstanceOf(LineTooLongException.class);
    }

    @Test
    void bytesReadAheadForALineGoToTheNextRawRead() throws IOException {
        LineFraming framing = new LineFraming(ByteSource.of(bytes("one\ntwo")), 8192);

        assertThat(framing.readLine()).contains("one");
        ByteBuffer rest = ByteBuffer.allocate(16);
        assertThat(framing.read(rest)).isEqualTo(3);
        assertThat(text(rest.flip())).isEqualTo("two");
        assertThat(framing.read(rest.clear())).isEqualTo(-1);
    }

    @Test
    void aRawReadWithNothingAheadFillsTheCallersBufferItself() throws IOException {
        List<ByteBuffer> given = new ArrayList<>();
        ByteSource source = ByteSource.of(bytes("raw"));
        LineFraming framing = new LineFraming(new ByteSource() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                given.add(dst);
                return source.read(dst);
            }

            @Override
            public int read(ByteBuffer dst, Duration wait) throws IOException {
                given.add(dst);
                return source.read(dst, wait);
            }
        }, 8192);
        ByteBuffer mine = ByteBuffer.allocate(8);

        assertThat(framing.read(mine)).isEqualTo(3);
        assertThat(given).singleElement().isSameAs(mine);
    }

    @Test
    void aPauseMidLineEndsTheRequestAndTheNextLineStartsAfterIt() throws IOException {
        LineFraming framing = new LineFraming(scripted("GET", null, "next\n"), 8192);

        assertThat(framing.readLine(64, PAUSE)).contains("GET");
        assertThat(framing.readLine(64, PAUSE)).contains("next");
        assertThat(framing.readLine(64, PAUSE)).isEmpty();
    }

    @Test
    void readUpToStopsAtItsLimitOrAPauseAndKeepsTheRest() throws IOException {
        LineFraming framing = new LineFraming(scripted("12345678", null, "late"), 8192);

        assertThat(framing.readUpTo(4, PAUSE)).contains("1234");
        assertThat(framing.readUpTo(1024, PAUSE)).contains("5678");
        assertThat(framing.readUpTo(1024, PAUSE)).contains("late");
        assertThat(framing.readUpTo(1024, PAUSE)).isEmpty();
    }

    @Test
    void aTimedReadThatGetsNothingReturnsZeroAndTheEndOnlyOnceItComes() throws IOException {
        LineFraming framing = new LineFraming(scripted((String) null), 8192);
        ByteBuffer dst = ByteBuffer.allocate(8);

        assertThat(framing.read(dst, PAUSE)).isZero();
        assertThat(framing.read(dst, PAUSE)).isEqualTo(-1);
        assertThat(framing.read(dst, PAUSE)).isEqualTo(-1);
    }

    private static List<String> readAll(String text, int maxLineLength) throws IOException {
        LineFraming framing = new LineFraming(ByteSource.of(bytes(text)), maxLineLength);
        List<String> lines = new ArrayList<>();
        Optional<String> line;
        while ((line = framing.readLine()).isPresent()) {
            lines.add(line.get());
        }
        return lines;
    }

    /**
     * A source that gives each chunk to one read, a null chunk as a timed read's wait passing
     * with nothing (an untimed read waits on past it), then the end.
     */
    private static ByteSource scripted(String... chunks) {
        List<String> left = new ArrayList<>(Arrays.asList(chunks));
        return new ByteSource() {
            @Override
            public int read(ByteBuffer dst) {
                while (!left.isEmpty() && left.getFirst() == null) {
                    left.removeFirst();
                }
                return next(dst);
            }

            @Override
            public int read(ByteBuffer dst, Duration wait) {
                if (!left.isEmpty() && left.getFirst() == null) {
                    left.removeFirst();
                    return 0;
                }
                return next(dst);
            }

            private int next(ByteBuffer dst) {
                if (left.isEmpty()) {
                    return -1;
                }
                byte[] chunk = left.removeFirst().getBytes(StandardCharsets.UTF_8);
                int n = Math.min(chunk.length, dst.remaining());
                dst.put(chunk, 0, n);
                if (n < chunk.length) {
                    left.addFirst(new String(chunk, n, chunk.length - n, StandardCharsets.UTF_8));
                }
                return n;
            }
        };
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(ByteBuffer buffer) {
        return StandardCharsets.UTF_8.decode(buffer).toString();
    }
}
