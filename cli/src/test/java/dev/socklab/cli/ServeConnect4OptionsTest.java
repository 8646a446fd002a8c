package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import picocli.CommandLine;

import org.junit.jupiter.api.Test;

import dev.socklab.services.ServiceCatalog;
import dev.socklab.services.connect4.Connect4Settings;

/** serve's connect4 flags: each read into the settings, each checked with one sentence; connect4 is served by default. */
class ServeConnect4OptionsTest {
    @Test
    void everyFlagReachesTheSettings() {
        Connect4Settings settings = parse("--connect4-move-timeout", "20s", "--connect4-challenge-timeout", "2m",
                "--connect4-max-players", "10", "--connect4-max-games", "4", "--connect4-max-spectators", "0",
                "--connect4-max-line", "200", "--connect4-rate", "0", "--connect4-burst", "3",
                "--connect4-idle-timeout", "1h").serviceOptions.connect4();

        assertThat(settings).isEqualTo(new Connect4Settings(Duration.ofSeconds(20), Duration.ofMinutes(2), 10, 4, 0,
                200, 0, 3, Duration.ofHours(1)));
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        assertThat(parse().serviceOptions.connect4()).isEqualTo(Connect4Settings.DEFAULTS);
        assertThat(Connect4Settings.DEFAULTS).isEqualTo(new Connect4Settings(Duration.ofMinutes(1),
                Duration.ofMinutes(1), 1000, 500, 50, 256, 5, 10, Duration.ofMinutes(30)));
    }

    @Test
    void aSettingOutOfRangeIsOneSentence() {
        CommandRun.of("serve", "connect4:0", "--connect4-move-timeout", "0").failedWith(ExitCode.USAGE,
                "--connect4-move-timeout must be positive, not 0ms");
        CommandRun.of("serve", "connect4:0", "--connect4-move-timeout", "soon").failedWith(ExitCode.USAGE, "soon");
        CommandRun.of("serve", "connect4:0", "--connect4-challenge-timeout", "0").failedWith(ExitCode.USAGE,
                "--connect4-challenge-timeout must be positive");
        CommandRun.of("serve", "connect4:0", "--connect4-idle-timeout", "0").failedWith(ExitCode.USAGE,
                "--connect4-idle-timeout must be positive");
        CommandRun.of("serve", "connect4:0", "--connect4-max-players", "1").failedWith(ExitCode.USAGE,
                "--connect4-max-players must be at least 2, not 1");
        CommandRun.of("serve", "connect4:0", "--connect4-max-games", "0").failedWith(ExitCode.USAGE,
                "--connect4-max-games must be at least 1, not 0");
        CommandRun.of("serve", "connect4:0", "--connect4-max-spectators", "-1").failedWith(ExitCode.USAGE,
                "--connect4-max-spectators must be at least 0, not -1");
        CommandRun.of("serve", "connect4:0", "--connect4-max-line", "100").failedWith(ExitCode.USAGE,
                "--connect4-max-line must be from 160 to 4096 bytes, not 100");
        CommandRun.of("serve", "connect4:0", "--connect4-rate", "-1").failedWith(ExitCode.USAGE,
                "--connect4-rate must be at least 0, not -1");
        CommandRun.of("serve", "connect4:0", "--connect4-burst", "0").failedWith(ExitCode.USAGE,
                "--connect4-burst must be at least 1, not 0");
    }

    @Test
    void connect4IsAmongTheDefaultServicesOnItsOwnPortOverStreams() {
        assertThat(parse().servedByDefault(ServiceCatalog.find("connect4").orElseThrow())).isTrue();
        assertThat(ServiceCatalog.find("connect4").orElseThrow().port(false)).isEqualTo(10004);
    }

    private static ServeCommand parse(String... args) {
        ServeCommand serve = new ServeCommand();
        CommandLine cli = new CommandLine(serve);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.parseArgs(args);
        return serve;
    }
}
