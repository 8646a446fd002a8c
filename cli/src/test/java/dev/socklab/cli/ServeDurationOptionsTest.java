package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import picocli.CommandLine;

import org.junit.jupiter.api.Test;

/** serve's durations read as the README writes them, parsed by picocli as {@code serve} parses them. */
class ServeDurationOptionsTest {
    @Test
    void aBareZeroTurnsTheFirstRequestDeadlineOffAsTheReadmeSays() {
        assertThat(parse("--first-request-timeout", "0").firstRequestTimeout).isEqualTo(Duration.ZERO);
        assertThat(parse("--first-request-timeout", "0s").firstRequestTimeout).isEqualTo(Duration.ZERO);
    }

    @Test
    void aDurationPrintedWithAFractionIsReadBack() {
        assertThat(parse("--shutdown-grace", "1.5s").shutdownGrace).isEqualTo(Duration.ofMillis(1500));
    }

    private static ServeCommand parse(String... args) {
        ServeCommand serve = new ServeCommand();
        CommandLine cli = new CommandLine(serve);
        cli.setCaseInsensitiveEnumValuesAllowed(true); // as Main sets it: --qotd-mode's default is written "random"
        cli.parseArgs(args);
        return serve;
    }
}
