package dev.socklab.bench;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.OptionalDouble;

import dev.socklab.netem.NetworkConditions;

/**
 * What one {@code bench arena} run measured. Rates are over the counted part of the run, per bot
 * over the time each bot played in it; bytes are UDP payloads (the IP and UDP headers add 28 bytes
 * a datagram over IPv4).
 *
 * @param target the arena server
 * @param bots bot players asked for
 * @param joined bots that got a WELCOME
 * @param seconds how long the run counted
 * @param tickRate ticks a second, as the WELCOME said; 0 if no bot joined
 * @param snapshotRate snapshots a second a player is sent, as the WELCOME said; 0 if no bot joined
 * @param players the most players in the arena any snapshot reported
 * @param tickTime the server's tick time, from the snapshots' tick-time field, each tick counted once
 *     (p999 unused by the report); microseconds
 * @param snapshotsPerBotPerSecond snapshots each bot rebuilt a second
 * @param snapshots snapshots the bots rebuilt while counting
 * @param snapshotsLost snapshot numbers the bots skipped while counting: lost, or overtaken
 * @param bytesInPerPlayerPerSecond bytes a bot received a second: server to player
 * @param bytesOutPerPlayerPerSecond bytes a bot sent a second: player to server
 * @param roundTrip from an input's first send to the snapshot naming it as the last applied, less the
 *     server's hold; microseconds
 * @param joinFailures bots that did not get in, by why
 * @param undecodable packets from the server that could not be read, snapshots that did not fit their
 *     baseline or whose baseline the bot did not have
 * @param warnings WARNINGs the server sent the bots
 * @param dropped bots the server sent LEAVE, or whose socket failed, while playing
 * @param threads the load threads that ran
 * @param loadCpu the CPU time the threads used over their wall time, 0 to 1: near 1, they were the limit
 * @param conditions what the network did to the bots' datagrams
 * @param serverCpu with a server PID: the CPU time the server used over the counted part, in cores (1.0 is
 *     one core busy throughout)
 */
public record ArenaResult(InetSocketAddress target, int bots, long joined, double seconds, int tickRate,
        int snapshotRate, int players, Latency tickTime, double snapshotsPerBotPerSecond, long snapshots,
        long snapshotsLost, double bytesInPerPlayerPerSecond, double bytesOutPerPlayerPerSecond, Latency roundTrip,
        Map<JoinFailure, Long> joinFailures, long undecodable, long warnings, long dropped, int threads,
        double loadCpu, NetworkConditions conditions, OptionalDouble serverCpu) {
    public ArenaResult {
        joinFailures = Map.copyOf(joinFailures);
    }

    /** Bots that did not get in. */
    public long joinFailureCount() {
        return joinFailures.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Snapshot numbers skipped over all that were due: lost over lost and rebuilt, 0 to 1. */
    public double snapshotLoss() {
        long due = snapshots + snapshotsLost;
        return due == 0 ? 0 : (double) snapshotsLost / due;
    }

    /** The server's tick p99 over the tick's length, 0 when unknown: above 1, the server falls behind. */
    public double tickP99Share() {
        return tickRate == 0 || !tickTime.measured() ? 0 : tickTime.p99() * tickRate / 1e6;
    }

    /** Whether the generator saturated its cores, so that the numbers measure it rather than the server. */
    public boolean loadBound() {
        return loadCpu >= BenchResult.LOAD_BOUND_CPU;
    }

    /** Whether no bot got in: the run measured nothing. */
    public boolean failed() {
        return joined == 0;
    }

    /**
     * Whether the run is no measure of {@code bots} players: some did not get in, were dropped, or got
     * snapshots they could not rebuild.
     */
    public boolean flawed() {
        return joinFailureCount() > 0 || dropped > 0 || undecodable > 0;
    }
}
