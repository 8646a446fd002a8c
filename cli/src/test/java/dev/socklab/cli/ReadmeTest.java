package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * README.md against the command line it documents, in this JVM and without a socket, so that it
 * cannot drift: every command it shows parses, its option tables name every option and only real
 * ones, its services table and exit codes are the program's. {@link ReadmeIT} runs its examples
 * against a real server. A new example in the README is checked here as it is written; one with
 * output to compare joins {@link ReadmeIT#EXAMPLES}.
 */
@Timeout(30)
class ReadmeTest {
    private static final Readme README = Readme.load();
    private static final Pattern OPTION = Pattern.compile("--[a-z0-9][a-z0-9-]*");
    /** Options every command has, which no table lists. */
    private static final Set<String> STANDARD = Set.of("--help", "--version");
    /**
     * Options of the client summary's shared {@code options:} line that a client may lack, as the
     * README says beside it: chat, http, ws and rpc are TCP and Unix sockets only; play is UDP only.
     */
    private static final Map<String, Set<String>> NOT_SHARED = Map.of("chat", Set.of("--udp"), "http", Set.of("--udp"),
            "ws", Set.of("--udp"), "rpc", Set.of("--udp"),
            "play", Set.of("--udp", "--unix", "--tls", "--ca", "--insecure", "--timeout"));

    @Test
    void everySocklabCommandItShowsParses() {
        List<Readme.Example> examples = README.socklabCommands();
        assertThat(examples).as("the README's socklab commands").hasSizeGreaterThan(20);
        for (Readme.Example example : examples) {
            if (example.showsAnError()) {
                continue; // shown failing on purpose, such as an unknown service
            }
            String[] args = example.args().toArray(String[]::new);
            assertThatCode(() -> {
                ParseResult parsed = Main.commandLine(args).parseArgs(args);
                if (parsed.hasSubcommand() && parsed.subcommand().commandSpec().name().equals("serve")) {
                    // What serve makes of its positionals only at run time: SERVICE[:PORT][/tcp|/udp].
                    parsed.subcommand().matchedPositionals()
                            .forEach(p -> p.stringValues().forEach(ServiceSelection::parse));
                }
            }).as("socklab %s", String.join(" ", example.args())).doesNotThrowAnyException();
        }
    }

    @Test
    void theServeOptionTableHasEveryServeOptionAndNoOther() {
        Set<String> inTable = new TreeSet<>();
        for (String row : README.section("Serving").lines().filter(l -> l.startsWith("| `--")).toList()) {
            String firstCell = row.substring(1, row.indexOf('|', 1));
            inTable.addAll(options(firstCell));
        }
        assertThat(inTable).isEqualTo(optionsOf("serve"));
    }

    @Test
    void theClientSummaryNamesOnlyRealOptionsAndTheSectionMentionsEveryOne() {
        Readme.Block summary = README.blocks().stream()
                .filter(b -> b.section().equals("Clients") && b.lines().getFirst().startsWith("socklab hello"))
                .findFirst().orElseThrow();
        Map<String, Set<String>> listed = new LinkedHashMap<>();
        Set<String> shared = Set.of();
        for (String line : summary.lines()) {
            if (line.startsWith("options: ")) {
                shared = options(line);
            } else {
                String command = line.split("\\s+")[1];
                // The words after the usage are what the command does, not options.
                listed.put(command, options(line.split(" {2,}[a-z]")[0]));
            }
        }
        assertThat(listed.keySet()).allMatch(SocklabCommand.COMMANDS::containsKey);
        String section = README.section("Clients");
        for (Map.Entry<String, Set<String>> command : listed.entrySet()) {
            Set<String> real = optionsOf(command.getKey());
            Set<String> required = new TreeSet<>(shared);
            required.removeAll(NOT_SHARED.getOrDefault(command.getKey(), Set.of()));
            required.addAll(command.getValue());
            assertThat(real).as("socklab %s's options", command.getKey()).containsAll(required);
            assertThat(real).as("socklab %s's options, each mentioned under Clients", command.getKey())
                    .allMatch(option -> section.contains(option));
        }
    }

    @Test
    void theServicesTableIsWhatSocklabServicesPrints() {
        CommandRun run = CommandRun.of("services");
        assertThat(run.exitCode()).isZero();
        assertThat(README.blockWith("./socklab services").outputOf("./socklab services"))
                .isEqualTo(run.out().lines().toList());
    }

    @Test
    void theStartUpTableServesEachServiceOnItsDefaultPortOverTransportsItHas() {
        Map<String, List<String>> services = README.blockWith("./socklab services").outputOf("./socklab services")
                .stream().skip(1).map(line -> List.of(line.split("\\s+")))
                .collect(Collectors.toMap(List::getFirst, columns -> columns));
        Pattern row = Pattern.compile("(\\S+)\\s+(tcp|udp|unix)\\s+(\\S+):(\\d+)");
        List<String> rows = README.blockWith("./socklab serve").outputOf("./socklab serve").stream()
                .filter(line -> row.matcher(line).matches()).toList();
        assertThat(rows).as("the start-up table's rows").isNotEmpty();
        for (String line : rows) {
            Matcher m = row.matcher(line);
            assertThat(m.matches()).isTrue();
            List<String> service = services.get(m.group(1));
            assertThat(service).as("%s in socklab services", m.group(1)).isNotNull();
            assertThat(Arrays.asList(service.get(1).split(","))).as(line).contains(m.group(2));
            assertThat(m.group(4)).as("%s: the default port", line).isEqualTo(service.get(2));
        }
    }

    @Test
    void theExitCodeTableIsExitCode() {
        Pattern row = Pattern.compile("\\| (\\d+) \\| .*");
        List<Integer> documented = README.section("Exit codes").lines().map(row::matcher).filter(Matcher::matches)
                .map(m -> Integer.parseInt(m.group(1))).toList();
        assertThat(documented).isEqualTo(Arrays.stream(ExitCode.values()).map(c -> c.code).toList());
    }

    /** The options of {@code socklab command}, by their long names, but for --help and --version. */
    private static Set<String> optionsOf(String command) {
        CommandSpec spec = Main.commandLine(command).getSubcommands().get(command).getCommandSpec();
        return spec.options().stream().filter(o -> !o.hidden()).flatMap(o -> Arrays.stream(o.names()))
                .filter(name -> name.startsWith("--") && !STANDARD.contains(name))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> options(String text) {
        Set<String> found = new TreeSet<>();
        OPTION.matcher(text).results().forEach(m -> found.add(m.group()));
        return found;
    }
}
