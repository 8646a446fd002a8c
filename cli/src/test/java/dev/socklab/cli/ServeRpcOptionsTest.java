package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import picocli.CommandLine;

import org.junit.jupiter.api.Test;

import dev.socklab.rpc.RpcLimits;
import dev.socklab.services.ServiceCatalog;

/** serve's rpc flags: each read into the limits, each checked with one sentence; rpc is served by default. */
class ServeRpcOptionsTest {
    @Test
    void everyFlagReachesTheLimits() {
        RpcLimits limits = parse("--rpc-deadline", "1.5s", "--rpc-allow-none", "--rpc-max-request", "4096",
                "--rpc-max-batch", "10").serviceOptions.rpc();

        assertThat(limits).isEqualTo(new RpcLimits(4096, 10, RpcLimits.DEFAULTS.maxDepth(), Duration.ofMillis(1500),
                true));
    }

    @Test
    void theDefaultsAreTheIssuesOnes() {
        assertThat(parse().serviceOptions.rpc()).isEqualTo(RpcLimits.DEFAULTS);
        assertThat(RpcLimits.DEFAULTS).isEqualTo(new RpcLimits(1 << 20, 1000, 64, Duration.ofSeconds(10), false));
    }

    @Test
    void aLimitOutOfRangeIsOneSentence() {
        CommandRun.of("serve", "rpc:0", "--rpc-deadline", "0").failedWith(ExitCode.USAGE,
                "--rpc-deadline must be positive, not 0");
        CommandRun.of("serve", "rpc:0", "--rpc-deadline", "soon").failedWith(ExitCode.USAGE, "soon");
        CommandRun.of("serve", "rpc:0", "--rpc-max-request", "10").failedWith(ExitCode.USAGE,
                "--rpc-max-request must be at least 64, not 10");
        CommandRun.of("serve", "rpc:0", "--rpc-max-batch", "0").failedWith(ExitCode.USAGE,
                "--rpc-max-batch must be at least 1, not 0");
    }

    @Test
    void httpChecksTheRpcLimitsTooForItsJsonRpcAndXmlRpcPaths() {
        CommandRun.of("serve", "http:0", "--rpc-max-batch", "0").failedWith(ExitCode.USAGE,
                "--rpc-max-batch must be at least 1, not 0");
    }

    @Test
    void rpcIsAmongTheDefaultServicesOnItsOwnPortOverStreams() {
        assertThat(parse().servedByDefault(ServiceCatalog.find("rpc").orElseThrow())).isTrue();
        assertThat(ServiceCatalog.find("rpc").orElseThrow().port(true)).isEqualTo(10111);
    }

    private static ServeCommand parse(String... args) {
        ServeCommand serve = new ServeCommand();
        CommandLine cli = new CommandLine(serve);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.parseArgs(args);
        return serve;
    }
}
