package dev.socklab.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * A tiny RPC comparison, run as the script runs it, against every server (all of them in CI: socklab
 * from the build the reactor made before this module, Python's from /usr/bin/python3): every row
 * and every target gets a number, and the report has its shape. The figures of one-second runs on a
 * test machine mean nothing, and are not looked at.
 */
class RpcComparisonTest {
    private static final boolean CI = "true".equals(System.getenv("CI"));
    /** The checkout: surefire runs this module's tests in benchmarks/. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void aTinyRunOfEveryServerReportsEveryRowAndEveryTarget() throws Exception {
        Launch launch = Launch.of(ROOT, SocklabSnapshot.built(ROOT), new Pinning(-1, -1, "not in tests"), Duration.ZERO);
        for (RpcServer server : RpcServer.values()) {
            boolean runs = server.missing(launch).isEmpty()
                    && (server != RpcServer.SOCKLAB || FileComparisonTest.builtFromTheseSources());
            if (CI) {
                assertThat(runs).as(server.label() + " can run in CI: " + server.missing(launch).orElse("stale build")).isTrue();
            }
            assumeTrue(runs, server.label() + " cannot run here: " + server.missing(launch).orElse("stale build"));
        }
        RpcCompareOptions options = new RpcCompareOptions();
        Path report = dir.resolve("rpc.md");
        new CommandLine(options).parseArgs("--rounds", "1", "--duration", "1s", "--warmup", "1s", "--connections", "4",
                "--root", ROOT.toString(), "--out", report.toString());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int code = new RpcComparison(options, "benchmarks/compare-rpc --tiny", new PrintStream(printed, true,
                StandardCharsets.UTF_8)).run();

        String out = printed.toString(StandardCharsets.UTF_8);
        assertThat(code).as(out).isIn(RpcComparison.ALL_MET, RpcComparison.NOT_MET);
        assertThat(out).doesNotContain("FAILED", "skipped").contains("round 1, socklab:", "round 1, python-xmlrpc:");
        String text = Files.readString(report);
        assertThat(text).as(out).startsWith("Results of `benchmarks/compare-rpc --tiny`")
                .contains("| server | calls | calls/s | p50 | p99 | errors | notes |");
        List<String> rows = text.lines().filter(l -> l.matches("\\| (socklab|python-[a-z-]+) \\| .*")).toList();
        assertThat(rows).as(text).hasSize(RpcCase.values().length)
                .allMatch(l -> l.matches("\\| [a-z-]+ \\| [A-Za-z -]+ \\| [\\d,]+ \\| [\\d,]+ us \\| [\\d,]+ us \\| 0 \\| [a-z0-9 ;]* \\|"));
        for (String call : List.of("JSON-RPC over TCP", "JSON-RPC over HTTP", "XML-RPC over HTTP")) {
            assertThat(rows).as(text).anyMatch(l -> l.startsWith("| socklab | " + call + " |"))
                    .anyMatch(l -> l.startsWith("| python-") && l.contains("| " + call + " |"));
            assertThat(text).as(text).containsPattern("\\| " + call + " \\| [\\d.]+x (met|NOT met) \\| [\\d.]+x (met|NOT met) \\|");
        }
        assertThat(rows).anyMatch(l -> l.startsWith("| socklab | echo ping-pong over TCP |") && l.endsWith("| p99 baseline |"));
    }
}
