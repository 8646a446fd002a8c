package dev.socklab.cli;

import picocli.CommandLine;

/** The {@code socklab} command. */
public final class Main {
    private Main() {
    }

    /** Runs socklab with the command line given, and exits with its code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The whole command tree, with socklab's error handling, as tests run it in process. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SocklabCommand());
        cli.setExecutionExceptionHandler(new Errors());
        cli.setParameterExceptionHandler(new Errors());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }
}
