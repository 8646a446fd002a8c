package dev.socklab.benchmarks.micro;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a log call below its logger's level costs, through SLF4J over logback as socklab ships:
 * the logger {@value #QUIET} is set to WARN in this module's {@code logback.xml}, and these calls
 * are at INFO and DEBUG. A {@code long} argument is boxed before the call unless the JIT removes it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class LoggingOffBenchmark {
    /** The logger logback.xml sets to WARN. */
    static final String QUIET = "dev.socklab.benchmarks.micro.quiet";

    Logger log;
    String tag = "echo#1";
    String peer = "127.0.0.1:53422";
    long bytes = 14_023;

    /** Fails at once if the configuration did not take, since every number would then measure output. */
    @Setup
    public void setUp() {
        log = LoggerFactory.getLogger(QUIET);
        if (log.isInfoEnabled() || !log.isWarnEnabled()) {
            throw new IllegalStateException("logger " + QUIET + " is not at WARN: is logback.xml on the class path?");
        }
    }

    @Benchmark
    public void baseline() {
        // Nothing: the floor the disabled calls are compared with.
    }

    @Benchmark
    public void infoWithTwoArguments() {
        log.info("{} read {} bytes", tag, bytes);
    }

    /** Three arguments or more go through an Object[] built before the call. */
    @Benchmark
    public void debugWithFourArguments() {
        log.debug("{} from {} closed (in {} B, out {} B)", tag, peer, bytes, bytes);
    }

    @Benchmark
    public void guardedInfo() {
        if (log.isInfoEnabled()) {
            log.info("{} read {} bytes", tag, bytes);
        }
    }

    @Benchmark
    public void fluentInfo() {
        log.atInfo().addArgument(tag).addArgument(bytes).log("{} read {} bytes");
    }
}
