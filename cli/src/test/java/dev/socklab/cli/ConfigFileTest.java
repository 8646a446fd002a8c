package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A configuration file's keys as serve's arguments, and every mistake in them at its line and key. */
@Tag("no-engine")
@Timeout(30)
class ConfigFileTest {
    @TempDir
    Path dir;

    @Test
    void aTopLevelKeyIsTheFlagOfItsNameWithItsValueAsTyped() {
        ConfigFile file = parse("""
                idle-timeout = "60s"
                max-line-length = 4096
                trace = true
                udp-limit-loopback = false
                deny = ["10.0.0.0/8", "192.168.0.0/16"]
                ipv4-only = true
                services = ["hello:3000", "echo"]
                """);

        assertThat(file.arguments()).containsExactly("--idle-timeout=60s", "--max-line-length=4096", "--trace",
                "--deny=10.0.0.0/8", "--deny=192.168.0.0/16", "--ipv4-only", "hello:3000", "echo");
    }

    @Test
    void aServiceTableHoldsItsOwnFlagsAndTheServerWideOnesThatTakeAService() {
        ConfigFile file = parse("""
                [chat]
                max-members = 50
                idle-timeout = "10m"

                [echo]
                idle-timeout = "30s"
                deny = ["10.0.0.0/8"]
                max-connections = 100
                """);

        // chat has its own --chat-idle-timeout; echo has none, so it gets the server's, for echo alone.
        assertThat(file.arguments()).containsExactly("--chat-max-members=50", "--chat-idle-timeout=10m",
                "--idle-timeout=echo=30s", "--deny=echo=10.0.0.0/8", "--max-connections=echo=100");
    }

    @Test
    void dottedAndQuotedKeysAreTheKeysTheyName() {
        ConfigFile file = parse("""
                "greeting" = "Hi = there"
                echo.idle-timeout = "30s"
                """);

        assertThat(file.arguments()).containsExactly("--greeting=Hi = there", "--idle-timeout=echo=30s");
    }

    @Test
    void everyFlagOfServeHasAKeyItsMixinsAndGroupsIncluded() {
        CommandSpec serve = ServeArguments.parser().getSubcommands().get("serve").getCommandSpec();
        List<OptionSpec> options = serve.options().stream()
                .filter(o -> !o.usageHelp() && !o.versionHelp() && !o.longestName().equals(ConfigOption.NAME)).toList();
        assertThat(options).extracting(OptionSpec::longestName)
                .contains("--bind", "--ipv4-only", "--deny", "--proxy-trust", "--greeting", "--chat-max-members", "--lag");

        StringBuilder file = new StringBuilder();
        for (OptionSpec option : options) {
            String value = option.arity().max() == 0 ? "true"
                    : "\"" + Objects.requireNonNullElse(option.defaultValue(), "0") + "\"";
            file.append(option.longestName().substring(2)).append(" = ").append(value).append('\n');
        }
        List<ConfigFile.Setting> settings = parse(file.toString()).settings();

        assertThat(settings).hasSameSizeAs(options);
        for (int i = 0; i < options.size(); i++) {
            String flag = options.get(i).longestName();
            assertThat(settings.get(i).arguments()).as("%s", flag).singleElement().asString()
                    .matches(argument -> argument.equals(flag) || argument.startsWith(flag + "="));
        }
    }

    @Test
    void aQuotedOrDottedKeysMistakeIsReportedAtItsOwnLine() {
        ConfigException e = errors("""
                trace = true
                "write-timeout" = "soon"
                echo.bogus = 1
                [chat]
                'max-members' = "many"
                """);

        assertThat(e.errors()).extracting(line -> line.substring(0, line.indexOf(": ", 4)))
                .containsExactly("F:2: write-timeout", "F:3: [echo] bogus", "F:5: [chat] max-members");
    }

    @Test
    void everyMistakeIsReportedAtItsLineWithItsKey() {
        ConfigException e = errors("""
                # a comment
                idle-timout = "60s"
                write-timeout = "soon"
                trace = "yes"
                greeting = true
                max-line-length = [1, 2]
                max-members = 50
                services = [3000]
                deny = [["10.0.0.0/8"]]

                [echo]
                greeting = "hi"
                bogus = 1
                'deny' = ["10.0.0.0/8"]
                max-connections = "lots"
                inner = { a = 1 }

                [nosuch]
                x = 1
                """);

        assertThat(e.errors()).containsExactly(
                "F:2: idle-timout: no such setting; did you mean idle-timeout?",
                "F:3: write-timeout: Invalid value for option '--write-timeout': 'soon' is not a duration;"
                        + " write it like 500ms, 5s, 2m or 1h",
                "F:4: trace: a flag without a value: true or false, not the string \"yes\"",
                "F:5: greeting: a value is written as on the command line, a string (\"60s\") or a number, not true",
                "F:6: max-line-length: --max-line-length takes one value, not an array",
                "F:7: max-members: no such server-wide setting; chat's is max-members in its table, [chat]",
                "F:8: services: the services are strings, as on the command line: services = [\"hello:3000\", \"echo\"]",
                "F:9: deny: a value is written as on the command line, a string (\"60s\") or a number, not an array",
                "F:12: [echo] greeting: a server-wide setting, not one service's: write it at the top, before any table",
                "F:13: [echo] bogus: no such setting of echo (neither --echo-bogus nor a --bogus that takes [SERVICE=])",
                "F:16: [echo] inner: a table inside a service's table is no setting",
                "F:18: [nosuch]: no service is called nosuch; a table holds one service's settings"
                        + " (socklab services lists them)");
    }

    @Test
    void aValueServesOwnParserRefusesIsReportedWithItsWords() {
        // --max-connections takes any text (its number is read by serve once parsed); --udp-rate is an int.
        assertThat(errors("udp-rate = \"fast\"\n").errors()).singleElement().asString()
                .startsWith("F:1: udp-rate: Invalid value for option '--udp-rate': 'fast' is not an int");
    }

    @Test
    void aKeyAfterAMultiLineStringThatLooksLikeKeysIsFoundOnItsOwnLine() {
        ConfigException e = errors("""
                greeting = \"""
                trace = true
                \"""
                trace = "yes"
                """);

        assertThat(e.errors()).containsExactly("F:4: trace: a flag without a value: true or false, not the string \"yes\"");
    }

    @Test
    void aFileThatIsNotTomlIsReportedWhereJacksonStopped() {
        assertThat(errors("trace = true\nidle-timeout = \n").errors())
                .containsExactly("F:2: not valid TOML: Newline not permitted here (column 16)");
    }

    @Test
    void aKeyWrittenTwiceIsNamedWithBothItsLines() {
        assertThat(errors("trace = true\n\n[echo]\ndeny = [\"10.0.0.0/8\"]\ndeny = []\n").errors())
                .containsExactly("F:5: [echo] deny: set twice, first on line 4");
    }

    @Test
    void aMissingFileIsSaidSo() {
        Path missing = dir.resolve("missing.toml");
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigFile.read(missing, ServeArguments.parser()));

        assertThat(e.errors()).containsExactly(missing + ": no such file");
    }

    private static ConfigFile parse(String text) {
        return ConfigFile.parse("F", text, ServeArguments.parser());
    }

    private static ConfigException errors(String text) {
        return catchThrowableOfType(ConfigException.class, () -> parse(text));
    }
}
