package dev.socklab.benchmarks.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.socklab.service.LineTooLongException;

/** The copy of ChannelConnection's framing frames lines as the runtime does, so the benchmark measures the real work. */
class LineFramingTest {

    @Test
    void linesEndAtLfWithACrBeforeItDroppedAndTheLastNeedsNoEnd() throws LineTooLongException {
        assertThat(readAll("one\r\ntwo\n\nthree", 8192)).containsExactly("one", "two", "", "three");
    }

    @Test
    void linesLongerThanTheFirstBufferGrowItUpToTheLimit() throws LineTooLongException {
        String longLine = "x".repeat(5000);

        assertThat(readAll(longLine + "\r\nshort\r\n", 8192)).containsExactly(longLine, "short");
    }

    @Test
    void lineOfExactlyTheLimitPassesAndOneByteMoreFails() throws LineTooLongException {
        assertThat(readAll("y".repeat(100) + "\r\n", 100)).containsExactly("y".repeat(100));
        assertThatThrownBy(() -> readAll("y".repeat(101) + "\r\n", 100)).isInstanceOf(LineTooLongException.class);
    }

    @Test
    void benchmarkInputFramesIntoItsLineCountWithEveryByteRead() throws LineTooLongException {
        for (int length : new int[] {LineFramingBenchmark.SHORT_LINE, LineFramingBenchmark.LONG_LINE}) {
            int count = LineFramingBenchmark.TOTAL / length;
            ByteBuffer input = LineFramingBenchmark.lines(length, count);
            LineFraming framing = new LineFraming(input.duplicate(), LineFramingBenchmark.MAX_LINE_LENGTH);
            int lines = 0;
            Optional<String> line;
            while ((line = framing.readLine()).isPresent()) {
                assertThat(line.get()).hasSize(length - 2);
                lines++;
            }
            assertThat(lines).isEqualTo(count);
            assertThat(framing.bytesIn()).isEqualTo(LineFramingBenchmark.TOTAL);
        }
    }

    private static List<String> readAll(String text, int maxLineLength) throws LineTooLongException {
        LineFraming framing = new LineFraming(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), maxLineLength);
        List<String> lines = new ArrayList<>();
        Optional<String> line;
        while ((line = framing.readLine()).isPresent()) {
            lines.add(line.get());
        }
        return lines;
    }
}
