package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code socklab play} as far as it runs without a terminal: its help, its options, its errors. */
@Timeout(30)
class PlayCommandTest {
    @Test
    void theHelpDocumentsTheKeysTheSwitchesAndTheNetworkConditions() {
        CommandRun run = CommandRun.of("play", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().replaceAll("\\s+", " ")).contains("Usage: socklab play", "[HOST]", "[PORT]", "arrows or WASD", "space fires",
                "q or Ctrl-C", "p turns prediction", "r reconciliation", "i interpolation", "--name", "--lag",
                "--jitter", "--loss", "--duplicate", "--reorder", "--no-prediction", "--no-reconciliation",
                "--no-interpolation", "--ipv4-only", "--trace", "socklab play --lag 200ms --jitter 30ms --loss 5%");
    }

    @Test
    void withoutATerminalItSaysSoInOneSentence() {
        CommandRun.of("play", "127.0.0.1", "9").failedWith(ExitCode.USAGE, "needs a terminal");
    }

    @Test
    void aNicknameLongerThanSixteenBytesIsAUsageError() {
        CommandRun.of("play", "--name", "ééééééééé").failedWith(ExitCode.USAGE, "--name takes 1 to 16 bytes");
        CommandRun.of("play", "--name", "").failedWith(ExitCode.USAGE, "--name takes 1 to 16 bytes");
    }

    @Test
    void badNetworkConditionsAreAUsageError() {
        CommandRun.of("play", "--loss", "150%").failedWith(ExitCode.USAGE, "150%");
    }

    @Test
    void theLoginNameIsCutToSixteenBytesOfWholeCharacters() {
        assertThat(PlayCommand.cut("alice")).isEqualTo("alice");
        assertThat(PlayCommand.cut("a-very-long-login-name")).isEqualTo("a-very-long-logi");
        assertThat(PlayCommand.cut("ééééééééé")).isEqualTo("éééééééé");
        assertThat(PlayCommand.cut("")).isEqualTo("player");
    }
}
