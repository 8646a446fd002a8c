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

import dev.socklab.trace.Tracer;

/**
 * What tracing costs a server started without {@code --trace}: the guarded call site the listeners
 * and the UDP loop write after their socket calls, against a baseline that does nothing (a
 * connection pays not even the guard: it is given a traced wire only when tracing is on). The unguarded variants
 * show what the guard saves: the call itself returns at once, but building its text does not.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class TracingOffBenchmark {
    /** Held in a field, as the listeners hold their tracer, so the JIT sees a field read, not a constant. */
    Tracer tracer;
    String tag = "echo#1";
    int bytes = 64;
    ByteBuffer data;

    @Setup
    public void setUp() {
        tracer = Tracer.off();
        data = ByteBuffer.wrap("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde\n"
                .getBytes(StandardCharsets.US_ASCII));
    }

    @Benchmark
    public void baseline() {
        // Nothing: the floor the guarded call site is compared with.
    }

    /** As a traced socket call is written: the buffer view is built inside the guard, so never. */
    @Benchmark
    public void guardedIo() {
        if (tracer.enabled()) {
            tracer.io(tag, "recv", bytes, bytes, data.duplicate());
        }
    }

    @Benchmark
    public void unguardedIo() {
        tracer.io(tag, "recv", bytes, bytes, data.duplicate());
    }

    /** A call whose text is built before the call: what the guard exists to avoid. */
    @Benchmark
    public void unguardedCallWithConcatenation() {
        tracer.call(tag, "recv(" + bytes + ") = " + bytes);
    }
}
