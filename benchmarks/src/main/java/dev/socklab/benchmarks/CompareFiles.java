package dev.socklab.benchmarks;

import java.io.IOException;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.socklab.benchmarks.compare.FileCompareOptions;
import dev.socklab.benchmarks.compare.FileComparison;

/**
 * Compares socklab's TFTP and FTP with tftpd-hpa, atftpd and vsftpd on loopback: run by
 * {@code benchmarks/compare-files}, described in {@code docs/performance.md}.
 *
 * <p>Exit codes: 0 socklab at least as fast as every C server on every case, 1 behind on one or
 * a case without a number, 2 a wrong command line, 3 the comparison cannot run here (no atftp or curl,
 * or --strace without strace).
 */
@Command(name = "benchmarks/compare-files", sortOptions = false,
        description = {"Compares socklab's TFTP and FTP with the C servers Debian ships, on",
                "127.0.0.1: TFTP reads with atftp (blksize 1468) at windowsize 1 and 16",
                "against tftpd-hpa and atftpd, and an FTP RETR with curl against vsftpd,",
                "every server serving the same files of random bytes from a temporary",
                "directory, on one core, the clients on another. The report gives each",
                "server's best run in MB/s and socklab's ratio to it.", ""},
        footer = {"", "Exit codes: 0 socklab at least as fast as every C server on every case, 1",
                "behind on one, or a case without a number, 2 a wrong command line, 3 the",
                "comparison cannot run here (no atftp or curl, or --strace without strace).", "",
                "Examples:",
                "  benchmarks/compare-files --out docs/performance-files.md",
                "  benchmarks/compare-files --servers tftpd-hpa,atftpd,vsftpd --rounds 1"})
public final class CompareFiles implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    FileCompareOptions options;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** Runs the comparison the arguments describe, and exits with its code. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new CompareFiles()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        String given = String.join(" ", spec.commandLine().getParseResult().originalArgs());
        return new FileComparison(options, ("benchmarks/compare-files " + given).strip(), System.out).run();
    }
}
