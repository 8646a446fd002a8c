package dev.socklab.benchmarks.micro;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import dev.socklab.framing.ByteSource;
import dev.socklab.framing.LineFraming;

/**
 * What {@code Connection.readLine} costs per line apart from the socket: the runtime's own
 * {@link LineFraming} over 256 KiB of CRLF-ended lines in memory, 64 bytes and 1 KiB long on the
 * wire, read from the first to the last, each read taking all the room the read-ahead buffer has
 * (as a socket gives when the client has sent plenty). Scores are per line.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class LineFramingBenchmark {
    /** The bytes every invocation reads. */
    static final int TOTAL = 256 * 1024;
    static final int SHORT_LINE = 64;
    static final int LONG_LINE = 1024;
    /** socklab's default --max-line-length. */
    static final int MAX_LINE_LENGTH = 8192;

    private ByteBuffer shortLines;
    private ByteBuffer longLines;

    @Setup
    public void setUp() {
        shortLines = lines(SHORT_LINE, TOTAL / SHORT_LINE);
        longLines = lines(LONG_LINE, TOTAL / LONG_LINE);
    }

    @Benchmark
    @OperationsPerInvocation(TOTAL / SHORT_LINE)
    public long lines64Bytes(Blackhole bh) throws IOException {
        return readAll(shortLines, bh);
    }

    @Benchmark
    @OperationsPerInvocation(TOTAL / LONG_LINE)
    public long lines1KiB(Blackhole bh) throws IOException {
        return readAll(longLines, bh);
    }

    /** Reads every line of {@code lines} (which it leaves unchanged), and returns how many there were. */
    private static long readAll(ByteBuffer lines, Blackhole bh) throws IOException {
        LineFraming framing = new LineFraming(ByteSource.of(lines), MAX_LINE_LENGTH);
        long count = 0;
        Optional<String> line;
        while ((line = framing.readLine()).isPresent()) {
            bh.consume(line.get());
            count++;
        }
        return count;
    }

    /** {@code count} lines of printable text, chargen style, each {@code length} bytes with its CRLF. */
    static ByteBuffer lines(int length, int count) {
        StringBuilder text = new StringBuilder(length * count);
        for (int n = 0; n < count; n++) {
            for (int i = 0; i < length - 2; i++) {
                text.append((char) (' ' + 1 + (n + i) % 94));
            }
            text.append("\r\n");
        }
        return ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.US_ASCII));
    }
}
