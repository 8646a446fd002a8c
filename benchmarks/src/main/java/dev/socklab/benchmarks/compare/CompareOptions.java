package dev.socklab.benchmarks.compare;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import dev.socklab.text.Durations;

/**
 * The comparison's options, which picocli reads (each also as {@code --name=value}) into the
 * command that mixes them in; every value is checked as it is read.
 */
public final class CompareOptions {
    @Option(names = "--duration", paramLabel = "D", converter = RunDuration.class,
            description = "How long each run loads the server, 1s or more (default: 10s).")
    private Duration duration = Duration.ofSeconds(10);

    @Option(names = "--rounds", paramLabel = "N", converter = Rounds.class,
            description = "Runs of each workload per server, the servers in turn (default: 3).")
    private int rounds = 3;

    @Option(names = "--engines", paramLabel = "LIST", split = ",", converter = Engine.class,
            description = "socklab's I/O engines to run, each against Netty: epoll, jdk (default: epoll,jdk).")
    private Set<Side> engines = new LinkedHashSet<>(List.of(Side.SOCKLAB, Side.SOCKLAB_JDK));

    @Option(names = "--only", paramLabel = "LIST", split = ",", converter = Family.class,
            description = "The workloads to run, by family: pingpong, stream, connect, udp, idle (default: all).")
    private Set<String> only = new LinkedHashSet<>();

    @Mixin
    private ReportOptions report = new ReportOptions();

    @Option(names = "--strace", description = "Also count each server's system calls per round trip, with"
            + " strace, in one more pingpong run of 100 connections; it never counts toward the medians.")
    private boolean strace;

    /** How long each run loads the server. */
    public Duration duration() {
        return duration;
    }

    /** How many times each server runs each workload, alternating. */
    public int rounds() {
        return rounds;
    }

    /** The servers each round runs, in running order: socklab on each engine asked for, then Netty. */
    List<Side> sides() {
        return Arrays.stream(Side.values()).filter(s -> !s.socklab() || engines.contains(s)).toList();
    }

    /** Whether each server also runs once under strace, for its system calls per round trip. */
    boolean strace() {
        return strace;
    }

    /** The workload families to run, in the order given; all of them when empty. */
    public Set<String> only() {
        return only;
    }

    /** The checkout it runs and where it writes its report. */
    ReportOptions report() {
        return report;
    }

    /** A run's duration: as socklab's options write it, and long enough to measure something. */
    static final class RunDuration implements ITypeConverter<Duration> {
        private static final Duration SHORTEST = Duration.ofSeconds(1);

        @Override
        public Duration convert(String text) {
            Duration d;
            try {
                d = Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
            if (d.compareTo(SHORTEST) < 0) {
                throw new TypeConversionException(text + " is too short to measure anything: give 1s or more");
            }
            return d;
        }
    }

    /** A count of rounds: 1 or more. */
    static final class Rounds implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            try {
                int n = Integer.parseInt(text.strip());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("--rounds takes a whole number of 1 or more, not '" + text + "'");
        }
    }

    /** One of socklab's I/O engines, {@code epoll} or {@code jdk}, as the side that runs it; spaces around it ignored. */
    static final class Engine implements ITypeConverter<Side> {
        @Override
        public Side convert(String text) {
            String engine = text.strip();
            return Arrays.stream(Side.values()).filter(s -> s.socklab() && s.engine().equals(engine)).findFirst()
                    .orElseThrow(() -> new TypeConversionException("unknown engine '" + engine + "': choose from "
                            + String.join(", ", Arrays.stream(Side.values()).filter(Side::socklab).map(Side::engine).toList())));
        }
    }

    /** One workload family of {@link Scenario#FAMILIES}, spaces around it ignored. */
    static final class Family implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            String family = text.strip();
            if (!Scenario.FAMILIES.contains(family)) {
                throw new TypeConversionException("unknown workload '" + family + "': choose from "
                        + String.join(", ", Scenario.FAMILIES));
            }
            return family;
        }
    }
}
