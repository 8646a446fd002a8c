package dev.socklab.cli;

import picocli.CommandLine;

/** The {@code socklab} command. */
public final class Main {
    private Main() {
    }

    /** Runs socklab with the command line given, and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs socklab with the command line given; its exit code. */
    static int run(String... args) {
        return commandLine(args).execute(args);
    }

    /**
     * The command tree for {@code args}, with socklab's error handling, as tests run it in process.
     * When {@code args} start with a command's name, the tree holds that command alone: picocli
     * reflects over every command it is given, and the eleven others would cost a client's
     * start-up more than its whole conversation. Anything else (no command, {@code --help}, a
     * misspelt name) gets every command, for the usage and for picocli's verdict on the name; the
     * package's build (dist) reads that whole tree for the manual pages and the bash completion.
     */
    public static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new SocklabCommand());
        Class<?> asked = args.length > 0 ? SocklabCommand.COMMANDS.get(args[0]) : null;
        if (asked != null) {
            cli.addSubcommand(asked);
        } else {
            SocklabCommand.COMMANDS.values().forEach(cli::addSubcommand);
        }
        // Set after the commands are added: picocli passes these down to the commands it has at the time.
        cli.setExecutionExceptionHandler(new Errors());
        cli.setParameterExceptionHandler(new UnknownCommand(new Errors()));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }
}
