package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code socklab config example} and {@code socklab config check}: the example passes the check, and a bad file does not. */
@Tag("no-engine")
@Timeout(60)
class ConfigCommandTest {
    @TempDir
    Path dir;

    @Test
    void theExamplePassesTheCheckFromAFile() throws IOException {
        Path file = Files.writeString(dir.resolve("socklab.toml"), example());

        CommandRun check = CommandRun.of("config", "check", file.toString());

        assertThat(check.exitCode()).as("stderr: %s", check.err()).isZero();
        assertThat(check.out()).isEqualTo(file + ": OK" + System.lineSeparator());
    }

    @Test
    void theExamplePassesTheCheckFromStandardInput() {
        InputStream stdin = System.in;
        System.setIn(new ByteArrayInputStream(example().getBytes(StandardCharsets.UTF_8)));
        try {
            CommandRun check = CommandRun.of("config", "check", "-");

            assertThat(check.exitCode()).as("stderr: %s", check.err()).isZero();
            assertThat(check.out()).startsWith("-: OK");
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void theExampleNamesEveryServeOptionAndSetsEachToItsDefault() {
        String example = example();
        CommandLine fromExample = ServeArguments.parser();
        ServeArguments.parse(fromExample, ConfigFile.parse("example", example, ServeArguments.parser()).arguments());
        CommandLine defaults = ServeArguments.parser();
        ServeArguments.parse(defaults, List.of());

        List<OptionSpec> options = ConfigFile.flags(serveSpec(defaults)).values().stream().distinct().toList();
        assertThat(options).hasSizeGreaterThan(80);
        for (OptionSpec option : options) {
            String name = option.longestName().substring(2);
            assertThat(example).as("the example's line for %s", name)
                    .containsPattern("(?m)^(# )?(" + name + "|" + name.replaceFirst("^[a-z0-9]+-", "") + ") = ");
            Object set = serveSpec(fromExample).findOption(option.longestName()).getValue();
            assertThat(Objects.toString(set)).as("%s as the example sets it", name)
                    .isEqualTo(Objects.toString(option.getValue()));
        }
    }

    @Test
    void checkSaysEveryErrorOfTheKeysWithLineAndKeyAndExitsTwo() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.toml"), "trace = \"yes\"\n\n[echo]\nbogus = 1\n");

        CommandRun check = CommandRun.of("config", "check", file.toString());

        assertThat(check.exitCode()).isEqualTo(ExitCode.USAGE.code);
        assertThat(check.out()).isEmpty();
        assertThat(check.err().lines()).containsExactly(
                file + ":1: trace: a flag without a value: true or false, not the string \"yes\"",
                file + ":4: [echo] bogus: no such setting of echo (neither --echo-bogus nor a --bogus that takes"
                        + " [SERVICE=])");
    }

    @Test
    void checkRunsServesOwnChecksAndPointsAtTheKey() throws IOException {
        assertThat(checkErrors("services = [\"hello:3000\"]\ntls-cert = \"cert.pem\"\n"))
                .containsExactly(":2: tls-cert: --tls-cert and --tls-key go together: give the certificate and its key");
        assertThat(checkErrors("\nservices = [\"hello\", \"nosuch:3000\"]\n"))
                .containsExactly(":2: services: unknown service 'nosuch'; run 'socklab services' to list them");
        assertThat(checkErrors("services = [\"hello\"]\n[echo]\nidle-timeout = \"5s\"\n"))
                .containsExactly(":3: [echo] idle-timeout: a setting names echo, which this server does not serve;"
                        + " serve it too or drop the echo= part");
        assertThat(checkErrors("ipv4-only = true\nipv6-only = true\n"))
                .containsExactly(":1: ipv4-only: Error: --ipv4-only, --ipv6-only are mutually exclusive (specify only one)");
        assertThat(checkErrors("idle-timeout = 60\n"))
                .containsExactly(":1: idle-timeout: --idle-timeout: '60' is not a duration; write it like 500ms, 5s,"
                        + " 2m or 1h");
    }

    @Test
    void checkSaysEveryMistakeInTheFilesOrderWhicheverCheckFoundIt() throws IOException {
        assertThat(checkErrors("""
                services = ["echo"]
                idle-timeout = "soon"
                nonsense = 3

                [echo]
                deny = ["300.1.1.1"]
                """)).containsExactly(
                ":2: idle-timeout: --idle-timeout: 'soon' is not a duration; write it like 500ms, 5s, 2m or 1h",
                ":3: nonsense: no such setting; socklab config example lists them all",
                ":6: [echo] deny: --deny: '300.1.1.1' is not an address or a block: write 10.0.0.0/8, 192.0.2.1,"
                        + " 2001:db8::/32 or ::1");
    }

    @Test
    void checkGoesOnAfterAnUnknownServiceWithTheServicesLeft() throws IOException {
        assertThat(checkErrors("""
                services = ["hello", "nosuch:3000", "chat:99999"]
                tls-cert = "cert.pem"
                bogus = 1

                [chat]
                rate = 3

                [echo]
                idle-timeout = "5s"
                """)).containsExactly(
                ":1: services: unknown service 'nosuch'; run 'socklab services' to list them",
                ":1: services: 'chat:99999': port 99999 is out of range: a port is a number from 0 to 65535",
                ":2: tls-cert: --tls-cert and --tls-key go together: give the certificate and its key",
                ":3: bogus: no such setting; socklab config example lists them all",
                ":9: [echo] idle-timeout: a setting names echo, which this server does not serve;"
                        + " serve it too or drop the echo= part");
    }

    @Test
    void configAloneShowsItsUsageAndExitsTwo() {
        CommandRun run = CommandRun.of("config");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code);
        assertThat(run.err()).contains("Usage: socklab config").contains("example").contains("check");
    }

    /** The errors {@code config check} finds in {@code text}, each without the file's name. */
    private List<String> checkErrors(String text) throws IOException {
        Path file = Files.writeString(dir.resolve("check.toml"), text);
        CommandRun check = CommandRun.of("config", "check", file.toString());
        assertThat(check.exitCode()).as("exit code; stderr: %s", check.err()).isEqualTo(ExitCode.USAGE.code);
        return check.err().lines().map(line -> line.substring(file.toString().length())).toList();
    }

    private static String example() {
        CommandRun run = CommandRun.of("config", "example");
        assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
        return run.out();
    }

    private static picocli.CommandLine.Model.CommandSpec serveSpec(CommandLine parser) {
        return parser.getSubcommands().get("serve").getCommandSpec();
    }
}
