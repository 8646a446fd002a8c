package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The tree {@link Main} builds: the command asked for alone, or every command. */
class CommandTreeTest {
    @Test
    void everyCommandIsListedUnderTheNameItsAnnotationGives() {
        for (Map.Entry<String, Class<?>> command : SocklabCommand.COMMANDS.entrySet()) {
            assertThat(command.getValue().getAnnotation(Command.class).name()).as("%s", command.getValue())
                    .isEqualTo(command.getKey());
        }
    }

    @ParameterizedTest(name = "socklab {0} ...")
    @ValueSource(strings = {"hello", "serve", "bench", "arp"})
    void aCommandNamedFirstIsTheOnlyOneInTheTree(String name) {
        CommandLine cli = Main.commandLine(name, "--help");

        assertThat(cli.getSubcommands()).containsOnlyKeys(name);
        assertThat(cli.getSubcommands().get(name).getCommandSpec().userObject())
                .isInstanceOf(SocklabCommand.COMMANDS.get(name));
    }

    @ParameterizedTest(name = "socklab {0}")
    @ValueSource(strings = {"", "--help", "-V", "helo", "--trace hello"})
    void anythingElseGetsEveryCommandInTheUsageOrder(String args) {
        CommandLine cli = Main.commandLine(args.isEmpty() ? new String[0] : args.split(" "));

        assertThat(cli.getSubcommands().keySet()).containsExactlyElementsOf(SocklabCommand.COMMANDS.keySet());
    }
}
