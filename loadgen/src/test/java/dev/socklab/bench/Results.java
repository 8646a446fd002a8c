package dev.socklab.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** Made-up results, for the reports and the chart, which need no sockets. */
final class Results {
    static final InetSocketAddress TARGET = new InetSocketAddress(InetAddress.getLoopbackAddress(), 10007);

    private Results() {
    }

    static BenchResult pingpong(int connections, double opsPerSecond, double p99) {
        return new BenchResult(Workload.PINGPONG, TARGET, connections, 0, 64, 2, 10.0, (long) (opsPerSecond * 10),
                opsPerSecond, opsPerSecond * 64, new Latency(1000, p99 / 2, p99, p99 * 1.5, p99 * 2), errors(Map.of()), 0, 0.62,
                OptionalDouble.empty(), Optional.empty());
    }

    static BenchResult refused(int connections) {
        return new BenchResult(Workload.PINGPONG, TARGET, connections, 0, 64, 1, 1.0, 0, 0, 0, Latency.NONE,
                errors(Map.of(ErrorKind.REFUSED, 40L, ErrorKind.TIMEOUT, 2L)), 0, 0.05, OptionalDouble.empty(),
                Optional.empty());
    }

    static BenchResult idle(int held, double bytesPerConnection) {
        return new BenchResult(Workload.IDLE, TARGET, held, 0, 0, 2, 10.0, held, 5000, 0, new Latency(held, 80, 300, 900, 1200),
                errors(Map.of()), 0, 0.99, OptionalDouble.of(bytesPerConnection), Optional.empty());
    }

    static BenchResult chat(int members, int senders, double delivered, String warning) {
        return new BenchResult(Workload.CHAT, TARGET, members, senders, 64, 2, 10.0, (long) (delivered * 10), delivered,
                delivered * 90, new Latency(1000, 400, 1200, 2500, 3000),
                errors(warning == null ? Map.of() : Map.of(ErrorKind.WARNED, 2L, ErrorKind.CLOSED, 1L)), 0, 0.4,
                OptionalDouble.empty(), Optional.ofNullable(warning));
    }

    static BenchResult chatOutsideTheRoom(int members) {
        return new BenchResult(Workload.CHAT, TARGET, members, 1, 64, 2, 0, 0, 0, 0, Latency.NONE,
                errors(Map.of(ErrorKind.TIMEOUT, 1L)), 0, 0, OptionalDouble.empty(),
                Optional.of("!! bench-0badcafe is full (1000 members)"));
    }

    private static ErrorCounts errors(Map<ErrorKind, Long> counts) {
        return new ErrorCounts(counts);
    }
}
