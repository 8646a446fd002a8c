package dev.socklab.benchmarks;

import java.io.IOException;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.socklab.benchmarks.compare.CompareOptions;
import dev.socklab.benchmarks.compare.Comparison;

/**
 * Compares socklab, on each of its I/O engines, with the Netty baseline under each workload of
 * {@code socklab bench}: run by {@code benchmarks/compare}, described in {@code docs/performance.md}.
 *
 * <p>Exit codes: 0 every target met, 1 a target missed or a workload without a result, 2 a wrong
 * command line, 3 the comparison cannot run here (no socklab build, no {@code socklab bench} in it).
 */
@Command(name = "benchmarks/compare", sortOptions = false,
        description = {"Compares socklab, on its epoll and jdk I/O engines, with the Netty",
                "baseline under each workload of socklab bench. Each server starts fresh",
                "for each run; the report gives medians, each engine's ratio to Netty and",
                "the verdicts, taken on the epoll engine.", ""},
        footer = {"", "Exit codes: 0 every target met, 1 a target missed or a workload without a",
                "result, 2 a wrong command line, 3 the comparison cannot run here (no socklab",
                "build, or no socklab bench in it).", "",
                "Examples:",
                "  benchmarks/compare --out docs/performance-results.md",
                "  benchmarks/compare --duration 5s --rounds 1 --only pingpong,udp",
                "  benchmarks/compare --engines epoll --only pingpong --strace"})
public final class Compare implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CompareOptions options;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** Runs the comparison the arguments describe, and exits with its code. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Compare()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        String given = String.join(" ", spec.commandLine().getParseResult().originalArgs());
        return new Comparison(options, ("benchmarks/compare " + given).strip(), System.out).run();
    }
}
