package dev.socklab.bench;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one run measured. Rates are over the counted part of the run: after the warm-up, until the
 * duration or the request cap ended it.
 *
 * @param workload what each connection did
 * @param target the server
 * @param connections connections (or UDP sockets) at once; for idle, how many were asked for; for chat, the members
 * @param senders chat: the members that sent; 0 for the other workloads
 * @param size message, chunk, datagram or chat line bytes; 0 for connect and idle
 * @param threads the selector threads that ran
 * @param seconds how long the run counted; for idle, how long the connections were held
 * @param operations round trips (pingpong, udp), chunks echoed (stream), connections completed (connect),
 *     connections held at the end (idle), messages delivered to members (chat)
 * @param opsPerSecond operations per second; for idle, connections opened per second while opening
 * @param bytesPerSecond echoed (greeting, chat message) bytes received per second
 * @param latency per round trip, chunk, connection (connect to end of stream), connect (idle), or delivery (chat:
 *     from the send to each member's receipt)
 * @param errors failed operations by kind
 * @param lost datagrams that got no echo (udp)
 * @param loadCpu the CPU time the threads used over their wall time, 0 to 1: near 1, they were the limit
 * @param serverBytesPerConnection idle with a server PID: the server's resident memory growth per held connection
 * @param serverWarning chat: the first error or warning line ({@code !! ...}) the server sent a member, if any
 */
public record BenchResult(Workload workload, InetSocketAddress target, int connections, int senders, int size,
        int threads, double seconds, long operations, double opsPerSecond, double bytesPerSecond, Latency latency,
        ErrorCounts errors, long lost, double loadCpu, OptionalDouble serverBytesPerConnection,
        Optional<String> serverWarning) {
    /** Above this share of their cores, the threads were the bottleneck. */
    public static final double LOAD_BOUND_CPU = 0.9;

    /** Whether the generator saturated its cores, so that the numbers measure it rather than the server. */
    public boolean loadBound() {
        return loadCpu >= LOAD_BOUND_CPU;
    }

    /** Whether everything failed: no operation completed, and errors or losses say why. */
    public boolean failed() {
        return operations == 0 && (errors.total() > 0 || lost > 0);
    }

    /**
     * Whether the server warned members (chat's {@code !!} lines: its flood control, a full room): what
     * such a run measures is the server's limit, not its speed, so it fails however much it delivered.
     */
    public boolean warned() {
        return serverWarning.isPresent();
    }
}
