package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import dev.socklab.netem.NetworkConditions;

/**
 * {@code --lag}, {@code --jitter}, {@code --loss}, {@code --duplicate} and {@code --reorder}, read by
 * picocli into a command that mixes them in, as a command of socklab's would; a mistake is one
 * sentence and exit 2.
 */
@Timeout(10)
class NetworkConditionsOptionsTest {
    /** A command with nothing but the mixin, run as socklab's commands are run: with its error handlers. */
    @Command(name = "socklab")
    static final class Sender implements Callable<Integer> {
        @Mixin
        NetworkConditionsOptions network;
        NetworkConditions conditions;

        @Override
        public Integer call() {
            conditions = network.conditions();
            return 0;
        }
    }

    private final Sender sender = new Sender();
    private final StringWriter err = new StringWriter();

    @Test
    void noOptionIsNoCondition() {
        assertThat(run()).isZero();
        assertThat(sender.conditions).isEqualTo(NetworkConditions.NONE);
    }

    @Test
    void everyOptionSetsItsCondition() {
        assertThat(run("--lag", "100ms", "--jitter", "20ms", "--loss", "5%", "--duplicate", "2", "--reorder", "0.5%"))
                .isZero();
        assertThat(sender.conditions).isEqualTo(new NetworkConditions(Duration.ofMillis(100), Duration.ofMillis(20),
                0.05, 0.02, 0.005));
        assertThat(sender.conditions.describe()).isEqualTo("lag 100ms, jitter 20ms, loss 5%, duplicate 2%, reorder 0.5%");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            --loss      | five   | '--loss' | 'five' is not a percentage; write it like 5% or 0.5%
            --reorder   | 150%   | '--reorder' | '150%' is more than 100%
            --duplicate | -2%    | '--duplicate' | '-2%' is not a percentage
            --lag       | 5      | '--lag' | '5' is not a duration
            --lag       | 2m     | the lag is at most 1m, not 2m | the lag
            """)
    void aMistakeIsOneSentenceAndExitTwo(String option, String value, String names, String says) {
        assertThat(run(option, value)).isEqualTo(ExitCode.USAGE.code);
        CommandRun.assertOneSentence(err.toString(), names, says);
    }

    @Test
    void eachHelpTextSaysItIsAppliedToWhatThisSideSends() {
        StringWriter help = new StringWriter();
        new CommandLine(new Sender()).usage(new PrintWriter(help, true));
        String text = help.toString().replaceAll("\\s+", " ");
        for (String option : new String[] {"--lag=DURATION", "--jitter=DURATION", "--loss=PERCENT",
            "--duplicate=PERCENT", "--reorder=PERCENT"}) {
            assertThat(text).contains(option);
        }
        assertThat(text.split("applied to what this side sends", -1)).hasSize(6);
    }

    private int run(String... args) {
        CommandLine cli = new CommandLine(sender);
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setExecutionExceptionHandler(new Errors());
        cli.setParameterExceptionHandler(new Errors());
        return cli.execute(args);
    }
}
