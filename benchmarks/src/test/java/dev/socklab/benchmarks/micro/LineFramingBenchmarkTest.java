package dev.socklab.benchmarks.micro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.socklab.framing.ByteSource;
import dev.socklab.framing.LineFraming;

/** The benchmark's input is what it claims: lines of the stated length that the framing takes whole. */
class LineFramingBenchmarkTest {

    @Test
    void benchmarkInputFramesIntoItsLineCountWithEveryByteRead() throws IOException {
        for (int length : new int[] {LineFramingBenchmark.SHORT_LINE, LineFramingBenchmark.LONG_LINE}) {
            int count = LineFramingBenchmark.TOTAL / length;
            ByteBuffer input = LineFramingBenchmark.lines(length, count);
            LineFraming framing = new LineFraming(ByteSource.of(input), LineFramingBenchmark.MAX_LINE_LENGTH);
            int lines = 0;
            Optional<String> line;
            while ((line = framing.readLine()).isPresent()) {
                assertThat(line.get()).hasSize(length - 2);
                lines++;
            }
            assertThat(lines).isEqualTo(count);
            assertThat(lines * length).isEqualTo(LineFramingBenchmark.TOTAL);
        }
    }
}
