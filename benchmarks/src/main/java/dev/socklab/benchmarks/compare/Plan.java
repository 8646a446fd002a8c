package dev.socklab.benchmarks.compare;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import dev.socklab.text.Durations;

/**
 * What a comparison runs, and how long that should take, for the line it prints before it starts.
 *
 * @param workloads the workloads, in running order
 * @param sides     the servers each round runs
 * @param rounds    rounds of each workload
 * @param duration  how long each load runs
 * @param traced    runs under strace after the others: one per server with {@code --strace}, else 0
 */
record Plan(List<Scenario> workloads, List<Side> sides, int rounds, Duration duration, int traced) {
    /** A run's cost beyond its duration, on average, for the estimate: the load generator's 2 s warm-up, two JVMs starting, a server stopping. */
    private static final Duration OVERHEAD_PER_RUN = Duration.ofSeconds(5);

    /** The measured runs: every workload, every round, every server. */
    int runs() {
        return workloads.size() * rounds * sides.size();
    }

    /** About how long the whole comparison takes. */
    Duration estimate() {
        return duration.plus(OVERHEAD_PER_RUN).multipliedBy(runs() + traced);
    }

    /** The longest it can take, every step running into its time limit. */
    Duration bound() {
        Duration run = ServerProcess.START_TIMEOUT.plus(duration).plus(LoadRun.GRACE).plusSeconds(2 * Children.STOP_SECONDS);
        Duration tracedRun = run.plus(StraceSession.ATTACH_TIMEOUT).plusSeconds(Children.STOP_SECONDS);
        return run.multipliedBy(runs()).plus(tracedRun.multipliedBy(traced));
    }

    /**
     * One line: {@code socklab, socklab-jdk, netty (Netty 4.1.137.Final): 8 workloads x 3 rounds x 3 servers
     * = 72 runs of 10s, about 18 min in all (...)}.
     */
    String describe(String nettyVersion) {
        return String.join(", ", sides.stream().map(Side::label).toList()) + " (Netty " + nettyVersion + "): "
                + workloads.size() + " workloads x " + rounds + " rounds x " + sides.size() + " servers = "
                + runs() + " runs of " + Durations.format(duration) + (traced > 0 ? ", then " + traced + " under strace" : "")
                + ", about " + rough(estimate()) + " in all (every step has a time limit: at worst " + rough(bound()) + ")";
    }

    /** A rough human form for the estimates, to the minute past two: {@code 45s}, {@code 12 min}, {@code 1 h 05 min}. */
    static String rough(Duration d) {
        long s = d.toSeconds();
        if (s < 120) {
            return s + "s";
        }
        long min = (s + 30) / 60;
        return min < 60 ? min + " min" : String.format(Locale.ROOT, "%d h %02d min", min / 60, min % 60);
    }
}
