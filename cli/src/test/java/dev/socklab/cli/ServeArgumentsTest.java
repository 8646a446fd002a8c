package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** serve's arguments with its --config file merged in: the command line overrides the file, flag by flag. */
@Tag("no-engine")
@Timeout(30)
class ServeArgumentsTest {
    @TempDir
    Path dir;

    @Test
    void withoutConfigTheCommandLineIsServesOwn() {
        assertThat(ServeArguments.effective(List.of("hello:3000", "--trace"))).containsExactly("hello:3000", "--trace");
    }

    @Test
    void theFilesSettingsComeFirstThenTheCommandLines() throws IOException {
        Path file = write("""
                greeting = "from the file"
                services = ["hello:3000"]
                """);

        assertThat(ServeArguments.effective(List.of("--config", file.toString(), "--trace")))
                .containsExactly("--greeting=from the file", "hello:3000", "--config", file.toString(), "--trace");
    }

    @Test
    void aFlagOnTheCommandLineReplacesEveryValueTheFileGivesIt() throws IOException {
        Path file = write("""
                deny = ["10.0.0.0/8", "192.168.0.0/16"]
                greeting = "from the file"
                idle-timeout = "60s"

                [echo]
                deny = ["172.16.0.0/12"]
                """);

        ServeCommand serve = parsed("--config", file.toString(), "--deny", "10.9.0.0/16", "--greeting", "from the command line");

        assertThat(serve.access.deny).containsExactly("10.9.0.0/16");
        assertThat(serve.serviceOptions.greeting).isEqualTo("from the command line");
        assertThat(serve.idleTimeouts).containsExactly("60s");
    }

    @Test
    void servicesNamedOnTheCommandLineReplaceTheFiles() throws IOException {
        Path file = write("services = [\"hello:3000\", \"echo\"]\nwrite-timeout = \"5s\"\n");

        ServeCommand serve = parsed("--config", file.toString(), "daytime");

        assertThat(serve.services).containsExactly("daytime");
        assertThat(serve.writeTimeout).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void oneOfAnExclusivePairOnTheCommandLineReplacesTheOtherInTheFile() throws IOException {
        Path file = write("ipv4-only = true\n");

        ServeCommand serve = parsed("--config", file.toString(), "-6");

        assertThat(serve.family.ipv4).isFalse();
        assertThat(serve.family.ipv6).isTrue();
    }

    @Test
    void aFlagSetToFalseInTheFileIsAbsent() throws IOException {
        Path file = write("trace = false\n");

        assertThat(parsed("--config", file.toString()).trace).isFalse();
    }

    @Test
    void aFileThatFailsItsCheckRunsNothingAndSaysEveryError() throws IOException {
        Path file = write("trace = 1\nnope = 2\n");

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ServeArguments.effective(List.of("--config", file.toString())));

        assertThat(e.errors()).containsExactly(file + ":1: trace: a flag without a value: true or false, not 1",
                file + ":2: nope: no such setting; socklab config example lists them all");
    }

    @Test
    void twoKeysAtOddsAreTheFilesMistakeAtTheFirstOfThem() throws IOException {
        Path file = write("trace = true\nipv4-only = true\nipv6-only = true\n");

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ServeArguments.effective(List.of("--config", file.toString())));

        assertThat(e.errors()).containsExactly(file + ":2: ipv4-only: Error: --ipv4-only, --ipv6-only are mutually"
                + " exclusive (specify only one)");
    }

    @Test
    void serveWithABadFileExitsTwoNamingTheLineAndKey() throws IOException {
        Path file = write("\nwrite-timeout = \"soon\"\n");

        CommandRun.of("serve", "--config", file.toString())
                .failedWith(ExitCode.USAGE, file + ":2: write-timeout: ", "'soon' is not a duration");
    }

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("socklab.toml"), text);
    }

    /** serve as it would run with {@code commandLine}: its fields after the effective arguments are parsed. */
    private static ServeCommand parsed(String... commandLine) {
        picocli.CommandLine parser = ServeArguments.parser();
        ServeArguments.parse(parser, ServeArguments.effective(List.of(commandLine)));
        return (ServeCommand) parser.getSubcommands().get("serve").getCommand();
    }
}
