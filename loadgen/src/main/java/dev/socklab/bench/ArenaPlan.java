package dev.socklab.bench;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

import dev.socklab.netem.NetworkConditions;
import dev.socklab.text.Durations;

/**
 * One {@code bench arena} run, checked: the bots, the run's times and its threads are bounded, so
 * that a run stops by itself. Messages of {@link BenchPlanException} name the options as
 * {@code socklab bench arena} writes them.
 *
 * @param target the arena server
 * @param bots bot players, each its own UDP socket
 * @param duration how long the counted part lasts
 * @param warmup how long the bots play before counting starts: they join in it
 * @param joinTimeout how long a bot's handshake may take, CONNECT and JOIN resent every second
 * @param threads load threads, each a selector over its share of the bots
 * @param seed where each bot's random walk is drawn from: the same seed plays the same keys
 * @param conditions what the network does to the bots' datagrams (lag, loss ...), {@code NONE} for nothing
 * @param serverPid the server's process, whose CPU time the run reads, if given
 */
public record ArenaPlan(InetSocketAddress target, int bots, Duration duration, Duration warmup, Duration joinTimeout,
        int threads, long seed, NetworkConditions conditions, OptionalLong serverPid) {
    /** The most bots one run plays: ten arenas' worth at the server's default of 512 players. */
    public static final int MAX_BOTS = 5_000;

    /** Checks every bound, and that the open-file limit has room for a socket a bot. */
    public ArenaPlan {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(conditions, "conditions");
        Objects.requireNonNull(serverPid, "serverPid");
        if (bots < 1 || bots > MAX_BOTS) {
            throw new BenchPlanException("--bots must be from 1 to " + MAX_BOTS + ", not " + bots);
        }
        positive("--duration", duration, BenchPlan.MAX_DURATION);
        if (warmup.isNegative() || warmup.compareTo(BenchPlan.MAX_WARMUP) > 0) {
            throw new BenchPlanException("--warmup must be from 0 to " + Durations.format(BenchPlan.MAX_WARMUP) + ", not "
                    + Durations.format(warmup));
        }
        positive("--timeout", joinTimeout, BenchPlan.MAX_TIMEOUT);
        int cores = Runtime.getRuntime().availableProcessors();
        if (threads < 1 || threads > cores) {
            throw new BenchPlanException("--threads must be from 1 to " + cores + ", the cores of this machine, not "
                    + threads + ": more threads than cores would only take turns");
        }
        if (serverPid.isPresent()) {
            if (!ServerVitals.readable(serverPid.getAsLong())) {
                throw new BenchPlanException("--server-pid " + serverPid.getAsLong() + " is not a process whose CPU time "
                        + "can be read here: give the PID of a server on this machine (/proc/PID/stat)");
            }
            ServerVitals.requireListening(serverPid.getAsLong(), target, true);
        }
        OpenFiles.check("--bots", bots, BenchPlan.RESERVED_FILES);
    }

    /**
     * A plan with the defaults of {@code socklab bench arena}: a 2 s warm-up, a 5 s join timeout, one
     * thread, seed 1, no network conditions, no server PID.
     */
    public static ArenaPlan of(InetSocketAddress target, int bots, Duration duration) {
        return new ArenaPlan(target, bots, duration, Duration.ofSeconds(2), Duration.ofSeconds(5), 1, 1,
                NetworkConditions.NONE, OptionalLong.empty());
    }

    /** This plan with another number of bots: the runs of a sweep. */
    public ArenaPlan withBots(int count) {
        return new ArenaPlan(target, count, duration, warmup, joinTimeout, threads, seed, conditions, serverPid);
    }

    /** This plan with another warm-up. */
    public ArenaPlan withWarmup(Duration value) {
        return new ArenaPlan(target, bots, duration, value, joinTimeout, threads, seed, conditions, serverPid);
    }

    /** The threads that run: no more than bots. */
    int activeThreads() {
        return Math.min(threads, bots);
    }

    private static void positive(String option, Duration value, Duration max) {
        if (value.isZero() || value.isNegative() || value.compareTo(max) > 0) {
            throw new BenchPlanException(option + " must be more than 0 and at most " + Durations.format(max) + ", not "
                    + Durations.format(value));
        }
    }
}
