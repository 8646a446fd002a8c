package dev.socklab.benchmarks;

import java.io.IOException;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.socklab.benchmarks.compare.RpcCompareOptions;
import dev.socklab.benchmarks.compare.RpcComparison;

/**
 * Compares socklab's rpc service with Python's SimpleXMLRPCServer and JSON-RPC servers of the same
 * shape, under {@code socklab bench rpc}: run by {@code benchmarks/compare-rpc}, described in
 * {@code docs/performance.md}.
 *
 * <p>Exit codes: 0 socklab met both targets on every row, 1 missed one or a row without a number, 2 a
 * wrong command line, 3 the comparison cannot run here (no socklab build).
 */
@Command(name = "benchmarks/compare-rpc", sortOptions = false,
        description = {"Compares socklab's rpc service (JSON-RPC over TCP and over HTTP kept alive,",
                "XML-RPC over HTTP) with Python's SimpleXMLRPCServer (ThreadingMixIn) and",
                "JSON-RPC servers of the same shape, each loaded by socklab bench rpc at the",
                "same concurrency on another core, with socklab's echo ping-pong as the latency",
                "baseline. The report gives each row's median calls a second, p50 and p99, and",
                "socklab against the targets: 10x Python's calls a second, a p99 within 2x of",
                "its own echo's.", ""},
        footer = {"", "Exit codes: 0 socklab met both targets on every row, 1 missed one, or a row",
                "without a number, 2 a wrong command line, 3 the comparison cannot run here (no",
                "socklab build).", "",
                "Examples:",
                "  benchmarks/compare-rpc --out benchmarks/target/rpc.md",
                "  benchmarks/compare-rpc --duration 2s --rounds 1 -c 50 --size 64"})
public final class CompareRpc implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RpcCompareOptions options;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** Runs the comparison the arguments describe, and exits with its code. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new CompareRpc()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        String given = String.join(" ", spec.commandLine().getParseResult().originalArgs());
        return new RpcComparison(options, ("benchmarks/compare-rpc " + given).strip(), System.out).run();
    }
}
