package dev.socklab.benchmarks;

import java.io.IOException;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.socklab.benchmarks.compare.HttpCompareOptions;
import dev.socklab.benchmarks.compare.HttpComparison;

/**
 * Compares socklab's http service with jwebserver, Python's http.server, busybox httpd and nginx
 * under {@code h2load --h1}: run by {@code benchmarks/compare-http}, described in
 * {@code docs/performance.md}.
 *
 * <p>Exit codes: 0 socklab ahead on every case, 1 behind on one or a case without a number, 2 a
 * wrong command line, 3 the comparison cannot run here (no h2load, no socklab build).
 */
@Command(name = "benchmarks/compare-http", sortOptions = false,
        description = {"Compares socklab's http service with jwebserver, python3 -m http.server,",
                "busybox httpd and nginx (one worker, its defaults), each serving a 64-byte",
                "and a 1 MiB file on the same core, loaded by h2load --h1 with 1 and 100",
                "connections on another. The report gives each server's median requests a",
                "second and p99, and socklab's ratio to each.", ""},
        footer = {"", "Exit codes: 0 socklab ahead of every server on every case, 1 behind on one, or",
                "a case without a number, 2 a wrong command line, 3 the comparison cannot run",
                "here (no h2load, or no socklab build).", "",
                "Examples:",
                "  benchmarks/compare-http --out docs/performance-http.md",
                "  benchmarks/compare-http --duration 2s --rounds 1 --servers socklab,nginx"})
public final class CompareHttp implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HttpCompareOptions options;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** Runs the comparison the arguments describe, and exits with its code. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new CompareHttp()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        String given = String.join(" ", spec.commandLine().getParseResult().originalArgs());
        return new HttpComparison(options, ("benchmarks/compare-http " + given).strip(), System.out).run();
    }
}
