package dev.socklab.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * A tiny TLS comparison of socklab and Netty, run as the script runs it: every case gets a number
 * and the report its shape. The figures of so short a run on a test machine mean nothing, and are
 * not looked at.
 */
class TlsComparisonTest {
    @TempDir
    Path root;

    @Test
    @Timeout(300)
    void aShortRunOfSocklabAndNettyReportsEveryCaseWithRatiosAndTheNegotiatedCipher() throws Exception {
        boolean openssl = Pinning.onPath("openssl");
        if ("true".equals(System.getenv("CI"))) {
            assertThat(openssl).as("openssl is installed in CI").isTrue();
        }
        assumeTrue(openssl, "openssl is not installed");
        TlsCompareOptions options = new TlsCompareOptions();
        Path report = root.resolve("tls.md");
        new CommandLine(options).parseArgs("--servers", "socklab,netty", "--duration", "1s", "--warmup", "1s",
                "--rounds", "1", "--root", root.toString(), "--out", report.toString());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int code = new TlsComparison(options, "benchmarks/compare-tls --tiny", new PrintStream(printed, true,
                StandardCharsets.UTF_8)).run();

        String out = printed.toString(StandardCharsets.UTF_8);
        assertThat(code).as(out).isIn(TlsComparison.ALL_MET, TlsComparison.NOT_MET);
        // A ratio is '-' where a 1 s window on a busy machine counted no round trip on either side: shape, not speed.
        assertThat(out).doesNotContain("FAILED").contains("round 1, socklab:", "round 1, netty:");
        String text = Files.readString(report);
        assertThat(text).startsWith("Results of `benchmarks/compare-tls --tiny`")
                .contains("| case | server | figure | round trips/s | socklab/it | negotiated | notes |");
        assertThat(text.lines().filter(l -> l.startsWith("| TLS 1.3 full handshakes")))
                .hasSize(2).allMatch(l -> l.matches("\\| [^|]+ \\| (socklab|netty) \\| [\\d,]+ handshakes/s \\| - \\| ([\\d.]+|-)"
                        + " \\| TLSv1\\.3 TLS_\\w+ \\w+ \\|  \\|"));
        assertThat(text.lines().filter(l -> l.startsWith("| echo 64 KiB")))
                .hasSize(4).allMatch(l -> l.matches("\\| [^|]+ \\| (socklab|netty) \\| [\\d,.]+ MB/s each way \\| [\\d,]+"
                        + " \\| ([\\d.]+|-) \\| TLSv1\\.3 TLS_\\w+ \\|  \\|"));
    }
}
