package dev.socklab.cli;

import java.io.PrintWriter;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import dev.socklab.text.Suggestion;
import dev.socklab.text.Visible;

/**
 * A first word that names no command, such as {@code socklab helo}: one sentence that says so and
 * names the command it was probably meant to be, where picocli would say "Unmatched argument at
 * index 0". Every other mistake on the command line goes on to the handler given.
 */
final class UnknownCommand implements IParameterExceptionHandler {
    private final IParameterExceptionHandler otherwise;

    UnknownCommand(IParameterExceptionHandler otherwise) {
        this.otherwise = otherwise;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) throws Exception {
        CommandLine cli = e.getCommandLine();
        // Only socklab itself takes commands; a word left over by a command is that command's mistake.
        if (!(e instanceof UnmatchedArgumentException unmatched) || cli.getParent() != null
                || unmatched.getUnmatched().isEmpty() || unmatched.getUnmatched().getFirst().startsWith("-")) {
            return otherwise.handleParseException(e, args);
        }
        String word = unmatched.getUnmatched().getFirst();
        List<String> commands = List.copyOf(cli.getSubcommands().keySet());
        PrintWriter err = cli.getErr();
        err.println("socklab: unknown command '" + Visible.of(word) + "'" + Suggestion.closest(word, commands)
                .map(command -> "; did you mean " + command + "?")
                .orElse("; run 'socklab --help' for the list of commands."));
        err.flush();
        return ExitCode.USAGE.code;
    }
}
