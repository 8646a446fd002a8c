package dev.socklab.benchmarks;

import java.io.IOException;

import dev.socklab.benchmarks.compare.CompareOptions;
import dev.socklab.benchmarks.compare.Comparison;

/**
 * Compares socklab with the Netty baseline under each workload of {@code socklab bench}: run by
 * {@code benchmarks/compare}, described in {@code docs/performance.md}.
 *
 * <p>Exit codes: 0 every target met, 1 a target missed or a workload without a result, 2 a wrong
 * command line, 3 the comparison cannot run here (no socklab build, no {@code socklab bench} in it).
 */
public final class Compare {
    private Compare() {
    }

    /** Runs the comparison the arguments describe. */
    public static void main(String[] args) throws IOException {
        CompareOptions options;
        try {
            options = CompareOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("compare: " + e.getMessage());
            System.err.println(CompareOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(CompareOptions.USAGE);
            return;
        }
        String commandLine = ("benchmarks/compare " + String.join(" ", args)).strip();
        System.exit(new Comparison(options, commandLine, System.out).run());
    }
}
