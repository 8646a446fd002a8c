package dev.socklab.benchmarks.compare;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import dev.socklab.text.Durations;

/**
 * The comparison's command line.
 *
 * @param duration how long each run loads the server
 * @param rounds   how many times each server runs each workload, alternating
 * @param only     the workload families to run; all of them when empty
 * @param out      where to write the results as Markdown, if anywhere
 * @param root     the socklab checkout, with socklab built in it
 * @param help     whether usage was asked for
 */
public record CompareOptions(Duration duration, int rounds, Set<String> only, Optional<Path> out, Path root,
                             boolean help) {
    /** How to call the comparison, for {@code --help} and after a mistake. */
    public static final String USAGE = """
            usage: benchmarks/compare [--duration 10s] [--rounds 3] [--only pingpong,stream,connect,udp,idle]
                                      [--out FILE.md] [--root DIR]
              --duration D   how long each run loads the server (default 10s)
              --rounds N     runs of each workload per server, socklab and Netty in turn (default 3)
              --only LIST    the workloads to run, by family (default: all)
              --out FILE     also write the results as Markdown to FILE
              --root DIR     the socklab checkout (default: the current directory)""";

    private static final Duration SHORTEST = Duration.ofSeconds(1);

    /**
     * Reads the options; each also as {@code --name=value}.
     *
     * @throws IllegalArgumentException with a one-sentence message for a mistake
     */
    public static CompareOptions parse(String... args) {
        Duration duration = Duration.ofSeconds(10);
        int rounds = 3;
        Set<String> only = new LinkedHashSet<>();
        Optional<Path> out = Optional.empty();
        Path root = Path.of("");
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                return new CompareOptions(duration, rounds, only, out, root, true);
            }
            String value;
            int eq = name.indexOf('=');
            if (eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
            switch (name) {
                case "--duration" -> duration = duration(value);
                case "--rounds" -> rounds = rounds(value);
                case "--only" -> only = families(value);
                case "--out" -> out = Optional.of(Path.of(value));
                case "--root" -> root = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + name + "; --help lists them");
            }
        }
        return new CompareOptions(duration, rounds, only, out, root.toAbsolutePath().normalize(), false);
    }

    private static Duration duration(String text) {
        Duration d = Durations.parse(text);
        if (d.compareTo(SHORTEST) < 0) {
            throw new IllegalArgumentException("--duration " + text + " is too short to measure anything: give 1s or more");
        }
        return d;
    }

    private static int rounds(String text) {
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--rounds takes a whole number of 1 or more, not '" + text + "'");
    }

    private static Set<String> families(String list) {
        Set<String> families = new LinkedHashSet<>();
        for (String f : list.split(",")) {
            String family = f.strip();
            if (family.isEmpty()) {
                continue;
            }
            if (!Scenario.FAMILIES.contains(family)) {
                throw new IllegalArgumentException("unknown workload '" + family + "': choose from "
                        + String.join(", ", Scenario.FAMILIES));
            }
            families.add(family);
        }
        if (families.isEmpty()) {
            throw new IllegalArgumentException("--only needs at least one workload: " + String.join(", ", Scenario.FAMILIES));
        }
        return families;
    }
}
