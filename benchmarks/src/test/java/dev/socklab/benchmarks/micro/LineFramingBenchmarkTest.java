package dev.socklab.benchmarks.micro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
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
            Counting source = new Counting(ByteSource.of(input));
            LineFraming framing = new LineFraming(source, LineFramingBenchmark.MAX_LINE_LENGTH);
            int lines = 0;
            Optional<String> line;
            while ((line = framing.readLine()).isPresent()) {
                assertThat(line.get()).hasSize(length - 2);
                lines++;
            }
            assertThat(lines).isEqualTo(count);
            assertThat(source.bytes).isEqualTo(LineFramingBenchmark.TOTAL);
        }
    }

    /** Counts what the framing pulled from the source. */
    private static final class Counting implements ByteSource {
        private final ByteSource source;
        long bytes;

        Counting(ByteSource source) {
            this.source = source;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return counted(source.read(dst));
        }

        @Override
        public int read(ByteBuffer dst, Duration wait) throws IOException {
            return counted(source.read(dst, wait));
        }

        private int counted(int n) {
            bytes += Math.max(n, 0);
            return n;
        }
    }
}
