package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code socklab --help} and every command's {@code --help} as picocli prints them, 80 columns
 * wide: every line fits, every summary is a whole sentence, and every paragraph is one
 * description element, so that picocli's wrapping never breaks a sentence or an example.
 */
@Tag("no-engine")
@Timeout(30)
class HelpTextTest {
    /** picocli's {@code usageHelpWidth}, which socklab leaves at its default. */
    private static final int WIDTH = 80;
    /**
     * The whole command tree, built once: the cases only read its specs, and building it (every
     * command's options and converters) took most of their time.
     */
    private static final CommandLine TREE = Main.commandLine();
    /** Each command's help as {@code socklab ... --help} prints it, run once for the cases that read it. */
    private static final Map<String, CommandRun> HELP = new ConcurrentHashMap<>();

    /** Every command in the tree, as the words before {@code --help}: none for socklab itself. */
    static Stream<String> everyCommand() {
        List<String> commands = new ArrayList<>();
        collect(TREE, commands);
        return commands.stream();
    }

    private static void collect(CommandLine cli, List<String> commands) {
        String qualified = cli.getCommandSpec().qualifiedName();
        commands.add(qualified.equals("socklab") ? "" : qualified.substring("socklab ".length()));
        cli.getSubcommands().values().forEach(sub -> collect(sub, commands));
    }

    @ParameterizedTest(name = "socklab {0} --help")
    @MethodSource("everyCommand")
    void everyLineFitsInEightyColumns(String command) {
        CommandRun run = help(command);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).as("lines over %d columns", WIDTH).allMatch(line -> line.length() <= WIDTH);
    }

    @ParameterizedTest(name = "socklab {0}")
    @MethodSource("everyCommand")
    void theSummaryIsOneWholeSentence(String command) {
        // picocli lists a command with the first element of its description alone.
        String summary = spec(command).usageMessage().description()[0];

        assertThat(summary).as("summary of socklab %s", command).endsWith(".").doesNotContain(". ");
    }

    @ParameterizedTest(name = "socklab {0} --help")
    @MethodSource("everyCommand")
    void noSentenceIsBrokenWhereADescriptionElementEnds(String command) {
        CommandSpec spec = spec(command);
        List<String> elements = new ArrayList<>(Arrays.asList(spec.usageMessage().description()));
        Stream.concat(spec.options().stream(), spec.positionalParameters().stream())
                .map(ArgSpec::description).forEach(description -> elements.addAll(Arrays.asList(description)));
        List<String> lines = help(command).out().lines().map(String::stripTrailing).toList();

        // picocli starts each element on a new line. One that stops mid-sentence is a line broken by hand,
        // which is only right if it is printed whole: were it wrapped, its tail would stand alone.
        assertThat(elements).as("description elements of socklab %s that stop mid-sentence and wrap", command)
                .allMatch(element -> element.endsWith(".") || element.endsWith(":")
                        || lines.stream().anyMatch(line -> line.endsWith(element.strip())));
    }

    @ParameterizedTest(name = "socklab {0} --help")
    @MethodSource("everyCommand")
    void noFooterLineIsWrapped(String command) {
        // picocli formats each footer element (%% is a percent sign) and wraps what is wider than the help.
        List<String> declared = Arrays.stream(spec(command).usageMessage().footer())
                .map(element -> String.format(element).stripTrailing()).toList();

        String footer = spec(command).commandLine().getHelp().footer();
        // A wrapped line goes on at column 0, as a line of its own that the footer does not hold.
        assertThat(footer.lines().map(String::stripTrailing)).as("footer of socklab %s", command)
                .allMatch(declared::contains);
    }

    @Test
    void theClientsConnectAndTheServerListens() {
        assertThat(optionDescription("hello", "--ipv4-only")).isEqualTo("Connect over IPv4 only.");
        assertThat(optionDescription("hello", "--ipv6-only")).isEqualTo("Connect over IPv6 only.");
        assertThat(optionDescription("serve", "--ipv4-only")).isEqualTo("Listen on IPv4 addresses only.");
        assertThat(optionDescription("serve", "--ipv6-only")).isEqualTo("Listen on IPv6 addresses only.");
    }

    private static CommandRun help(String command) {
        return HELP.computeIfAbsent(command, HelpTextTest::runHelp);
    }

    private static CommandRun runHelp(String command) {
        List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
        args.add("--help");
        return CommandRun.of(args.toArray(String[]::new));
    }

    private static CommandSpec spec(String command) {
        CommandLine cli = TREE;
        for (String name : command.isEmpty() ? new String[0] : command.split(" ")) {
            cli = cli.getSubcommands().get(name);
        }
        return cli.getCommandSpec();
    }

    private static String optionDescription(String command, String option) {
        return String.join(" ", spec(command).findOption(option).description());
    }
}
