package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import picocli.CommandLine;

/**
 * One run of the socklab command tree in this JVM, as picocli commands are tested: the command
 * line {@link Main#commandLine(String...)} builds for these arguments, with its output and error streams captured.
 *
 * @param exitCode what {@code socklab} would exit with
 * @param out what it printed on standard output
 * @param err what it printed on standard error
 */
record CommandRun(int exitCode, String out, String err) {
    static CommandRun of(String... args) {
        return run(Main.commandLine(args), args);
    }

    /**
     * A run whose command prints a server's text as to a terminal ({@code terminal}) or a pipe,
     * whatever this JVM's standard output is.
     */
    static CommandRun printingAsTo(boolean terminal, String... args) {
        CommandLine cli = Main.commandLine(args);
        if (cli.getSubcommands().get(args[0]).getCommand() instanceof ServerText.Printer printer) {
            printer.serverText(ServerText.forTerminal(terminal));
        } else {
            throw new IllegalArgumentException(args[0] + " prints no server's text");
        }
        return run(cli, args);
    }

    private static CommandRun run(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = Main.execute(cli, args);
        return new CommandRun(code, out.toString(), err.toString());
    }

    /**
     * Checks that the run failed as socklab promises: {@code code}, nothing on standard output,
     * and on standard error one sentence starting {@code socklab: } holding each of
     * {@code fragments}, followed at most by the {@code Try '... --help'} hint, never a stack trace.
     */
    CommandRun failedWith(ExitCode code, String... fragments) {
        assertThat(exitCode).as("exit code; stderr was: %s", err).isEqualTo(code.code);
        assertOneSentence(err, fragments);
        assertThat(out).as("standard output of a failed run").isEmpty();
        return this;
    }

    /** The error text is one {@code socklab: } sentence with each fragment, plus at most the help hint. */
    static void assertOneSentence(String err, String... fragments) {
        List<String> lines = err.lines().toList();
        assertThat(lines).as("error lines").isNotEmpty();
        assertThat(lines.getFirst()).startsWith("socklab: ").contains(fragments);
        assertThat(lines.subList(1, lines.size())).as("lines after the sentence")
                .allMatch(line -> line.matches("Try 'socklab( \\w+){0,2} --help' for the options and examples\\."));
        assertThat(err).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
    }
}
