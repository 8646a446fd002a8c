package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** docs/configuration.md and the README's files against the program: each passes the check, and says what the docs say it does. */
@Tag("no-engine")
@Timeout(30)
class ConfigurationDocTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Pattern BLOCK = Pattern.compile("(?ms)^```(\\w*)\\n(.*?)^```");

    @Test
    void theDocsFirstFileIsTheServerOfTheCommandLineBelowIt() throws IOException {
        List<String[]> blocks = blocks(ROOT.resolve("docs/configuration.md"));
        assertThat(blocks.get(0)[0]).isEqualTo("toml");
        String commandLine = blocks.get(1)[1].replace("\\\n", " ").strip();
        assertThat(commandLine).startsWith("socklab serve ");

        CommandSpec fromFile = serve(ConfigFile.parse("docs", blocks.get(0)[1], ServeArguments.parser()).arguments());
        CommandSpec fromFlags = serve(List.of(commandLine.substring("socklab serve ".length()).split("\\s+")));

        List<ArgSpec> args = new ArrayList<>(fromFile.options());
        args.addAll(fromFile.positionalParameters());
        for (ArgSpec arg : args) {
            ArgSpec same = arg instanceof CommandLine.Model.OptionSpec option
                    ? fromFlags.findOption(option.longestName()) : fromFlags.positionalParameters().getFirst();
            assertThat(Objects.toString(arg.getValue())).as("%s", arg).isEqualTo(Objects.toString(same.getValue()));
        }
    }

    @Test
    void everyTomlFileInTheDocsAndTheReadmePassesTheCheck() throws IOException {
        List<String> files = new ArrayList<>();
        for (Path doc : List.of(ROOT.resolve("docs/configuration.md"), ROOT.resolve("README.md"))) {
            blocks(doc).stream().filter(b -> b[0].equals("toml")).forEach(b -> files.add(b[1]));
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(2);
        for (String file : files) {
            CommandLine parser = ServeArguments.parser();
            ServeArguments.parse(parser, ConfigFile.parse("doc", file, ServeArguments.parser()).arguments());
            ((ServeCommand) parser.getSubcommands().get("serve").getCommand()).prepare();
        }
    }

    private static CommandSpec serve(List<String> arguments) {
        CommandLine parser = ServeArguments.parser();
        ServeArguments.parse(parser, arguments);
        return parser.getSubcommands().get("serve").getCommandSpec();
    }

    /** Each fenced block: its language, then its text. */
    private static List<String[]> blocks(Path doc) throws IOException {
        Matcher m = BLOCK.matcher(Files.readString(doc));
        List<String[]> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(new String[] {m.group(1), m.group(2)});
        }
        return blocks;
    }
}
