package dev.socklab.benchmarks;

import java.io.IOException;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.socklab.benchmarks.compare.TlsCompareOptions;
import dev.socklab.benchmarks.compare.TlsComparison;

/**
 * Compares socklab's echo over TLS with Netty's on the same JDK provider and with nginx's stream
 * module in front of a plain echo: run by {@code benchmarks/compare-tls}, described in
 * {@code docs/performance.md}.
 *
 * <p>Exit codes: 0 socklab at least as fast as Netty on every case, 1 behind on one or a case
 * without a number, 2 a wrong command line, 3 the comparison cannot run here (no openssl).
 */
@Command(name = "benchmarks/compare-tls", sortOptions = false,
        description = {"Compares socklab's echo over TLS with Netty's SslHandler on the JDK's",
                "provider and with nginx's stream module (OpenSSL) in front of a plain echo,",
                "all serving one EC P-256 certificate on the same core: full TLS 1.3",
                "handshakes a second (openssl s_time -new) and 64 KiB echo round trips at 1",
                "and 10 connections, loaded from another core. The report gives each server's",
                "medians and socklab's ratio to each.", ""},
        footer = {"", "Exit codes: 0 socklab at least as fast as Netty on every case, 1 behind on",
                "one, or a case without a number, 2 a wrong command line, 3 the comparison",
                "cannot run here (no openssl).", "",
                "Examples:",
                "  benchmarks/compare-tls --out docs/performance-tls.md",
                "  benchmarks/compare-tls --duration 2s --rounds 1 --servers socklab,netty"})
public final class CompareTls implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TlsCompareOptions options;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** Runs the comparison the arguments describe, and exits with its code. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new CompareTls()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        String given = String.join(" ", spec.commandLine().getParseResult().originalArgs());
        return new TlsComparison(options, ("benchmarks/compare-tls " + given).strip(), System.out).run();
    }
}
