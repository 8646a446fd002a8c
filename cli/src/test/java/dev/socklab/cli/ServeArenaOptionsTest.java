package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import picocli.CommandLine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.socklab.netem.NetworkConditions;
import dev.socklab.runtime.Transport;
import dev.socklab.services.ServiceCatalog;
import dev.socklab.services.ServiceInfo;
import dev.socklab.services.arena.ArenaSettings;

/** serve's arena flags: each read into the arena's settings, each checked with one sentence; arena is served by default. */
class ServeArenaOptionsTest {
    @Test
    void everyFlagReachesTheSettings() {
        ServeCommand serve = parse("--arena-tick-rate", "60", "--arena-snapshot-rate", "30", "--arena-max-players", "8",
                "--arena-timeout", "3s", "--lag", "150ms", "--jitter", "20ms", "--loss", "5%", "--duplicate", "2%",
                "--reorder", "1%");

        assertThat(serve.serviceOptions.arena().settings()).isEqualTo(new ArenaSettings(60, 30, 8,
                Duration.ofSeconds(3), new NetworkConditions(Duration.ofMillis(150), Duration.ofMillis(20), 0.05, 0.02,
                        0.01)));
        assertThat(serve.serviceOptions.notices())
                .containsExactly("arena: what it sends goes through lag 150ms, jitter 20ms, loss 5%, duplicate 2%,"
                        + " reorder 1%");
    }

    @Test
    void theDefaultsAreTheIssuesOnes() {
        ServeCommand serve = parse();

        assertThat(serve.serviceOptions.arena().settings()).isEqualTo(ArenaSettings.DEFAULTS);
        assertThat(ArenaSettings.DEFAULTS).isEqualTo(new ArenaSettings(30, 20, 512, Duration.ofSeconds(10),
                NetworkConditions.NONE));
        assertThat(serve.serviceOptions.notices()).isEmpty();
    }

    @Test
    void theArenaIsMadeOnceAndShared() {
        ServeCommand serve = parse();

        assertThat(serve.serviceOptions.arena()).isSameAs(serve.serviceOptions.arena());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            --arena-tick-rate     | 0    | --arena-tick-rate must be from 1 to 120, not 0
            --arena-tick-rate     | 121  | --arena-tick-rate must be from 1 to 120, not 121
            --arena-snapshot-rate | 31   | --arena-snapshot-rate must be from 1 to 30, not 31
            --arena-snapshot-rate | 0    | --arena-snapshot-rate must be from 1 to 30, not 0
            --arena-max-players   | 0    | --arena-max-players must be from 1 to 65535, not 0
            --arena-max-players   | 70000 | --arena-max-players must be from 1 to 65535, not 70000
            --arena-timeout       | 0    | --arena-timeout must be positive, not 0
            --arena-timeout       | soon | 'soon' is not a duration
            --loss                | 150% | '150%' is more than 100%
            --lag                 | 2m   | the lag is at most 1m, not 2m
            """)
    void aValueOutOfRangeIsOneSentenceAndExitTwo(String option, String value, String says) {
        CommandRun.of("serve", "arena:0", option, value).failedWith(ExitCode.USAGE, says);
    }

    @Test
    void theSnapshotRateIsCheckedAgainstTheTickRateGiven() {
        CommandRun.of("serve", "arena:0", "--arena-tick-rate", "10", "--arena-snapshot-rate", "20")
                .failedWith(ExitCode.USAGE, "--arena-snapshot-rate must be from 1 to 10, not 20");
    }

    @Test
    void arenaIsAmongTheDefaultServicesOnPort10666OverUdpAlone() {
        ServiceInfo arena = ServiceCatalog.find("arena").orElseThrow();

        assertThat(parse().servedByDefault(arena)).isTrue();
        assertThat(arena.port(false)).isEqualTo(10666);
        assertThat(arena.transports()).containsExactly(Transport.UDP);
    }

    @Test
    void serveHelpSaysTheNetworkConditionsApplyToWhatTheArenaSends() {
        CommandRun help = CommandRun.of("serve", "--help");

        assertThat(help.out()).contains("--arena-tick-rate", "--arena-snapshot-rate", "--arena-max-players",
                "--arena-timeout", "--lag", "--jitter", "--loss", "--duplicate", "--reorder");
        assertThat(help.out().replaceAll("\\s+", " ")).contains("socklab serve arena --lag 150ms --loss 5%",
                "the game, what it sends 150 ms late and 5% of it lost");
    }

    private static ServeCommand parse(String... args) {
        ServeCommand serve = new ServeCommand();
        CommandLine cli = new CommandLine(serve);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.parseArgs(args);
        return serve;
    }
}
