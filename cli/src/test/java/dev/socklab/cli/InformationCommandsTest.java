package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The commands that only tell: {@code services}, {@code --version} and {@code --help}. */
@Timeout(30)
class InformationCommandsTest {
    @Test
    void servicesListsHelloWithItsTransportsPortAndSpecification() {
        CommandRun run = CommandRun.of("services");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().toList())
                .first().asString().matches("SERVICE\\s+TRANSPORTS\\s+PORT\\s+IANA\\s+SPEC\\s+WHAT IT DOES");
        assertThat(run.out().lines())
                .anyMatch(line -> line.matches("hello\\s+tcp,udp,unix\\s+10000\\s+-\\s+the lab\\s+sends a greeting.*"));
        assertThat(run.out().lines())
                .anyMatch(line -> line.matches("rpc\\s+tcp,unix\\s+10111\\s+-\\s+JSON-RPC 2.0\\s+remote procedure calls.*"));
        assertThat(run.err()).isEmpty();
    }

    @Test
    void versionNamesSocklabAndTheJavaItRunsOn() {
        CommandRun run = CommandRun.of("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("socklab ").contains("Java " + Runtime.version().feature());
        assertThat(run.err()).isEmpty();
    }

    @ParameterizedTest(name = "socklab {0}--help")
    @ValueSource(strings = {"", "serve ", "hello "})
    void helpShowsExamples(String command) {
        String[] args = (command + "--help").split(" ");

        CommandRun run = CommandRun.of(args);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: socklab " + command).contains("Examples:");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void socklabAloneShowsTheUsageOnStandardErrorAndExitsWithTheUsageCode() {
        CommandRun run = CommandRun.of();

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code);
        assertThat(run.err()).contains("Usage: socklab").contains("serve").contains("services").contains("hello");
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest(name = "socklab {0}")
    @CsvSource({"helo, hello", "serv, serve", "Echo, echo", "bnech, bench"})
    void aMistypedCommandIsNamedWithTheCommandItWasProbablyMeantToBe(String typed, String meant) {
        CommandRun run = CommandRun.of(typed, "127.0.0.1");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code);
        assertThat(run.err()).isEqualTo("socklab: unknown command '" + typed + "'; did you mean " + meant + "?\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aWordLikeNoCommandPointsToTheList() {
        CommandRun.of("frobnicate").failedWith(ExitCode.USAGE, "unknown command 'frobnicate'", "socklab --help");
    }
}
