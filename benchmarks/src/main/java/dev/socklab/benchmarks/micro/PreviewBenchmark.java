package dev.socklab.benchmarks.micro;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.socklab.trace.Preview;

/**
 * The escaped, quoted preview each traced recv and send prints ({@link Preview#of(ByteBuffer)}):
 * the greeting, a binary payload where every byte is escaped, and a long text cut at the limit.
 * Only paid with {@code --trace}, so it matters for how much a traced server slows down.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class PreviewBenchmark {
    ByteBuffer greeting;
    ByteBuffer binary;
    ByteBuffer longText;

    @Setup
    public void setUp() {
        greeting = ByteBuffer.wrap("Hello World!\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] b = new byte[64];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 37 + 128); // mostly outside printable ASCII: the \xNN path
        }
        binary = ByteBuffer.wrap(b);
        longText = ByteBuffer.wrap("The quick brown fox jumps over the lazy dog. ".repeat(23)
                .getBytes(StandardCharsets.US_ASCII));
    }

    @Benchmark
    public String greeting() {
        return Preview.of(greeting);
    }

    @Benchmark
    public String binary64Bytes() {
        return Preview.of(binary);
    }

    @Benchmark
    public String longTextCutAtLimit() {
        return Preview.of(longText);
    }
}
