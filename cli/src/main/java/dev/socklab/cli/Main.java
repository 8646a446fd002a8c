package dev.socklab.cli;

import java.util.List;
import java.util.stream.Stream;

import picocli.CommandLine;

import dev.socklab.text.Visible;

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
        return execute(commandLine(args), args);
    }

    /**
     * Runs {@code cli}, made by {@link #commandLine} for {@code args}, with them; serve's with the
     * settings of its {@code --config} file merged in (the one place they are), or the file's
     * errors said and nothing run.
     */
    static int execute(CommandLine cli, String... args) {
        if (args.length == 0 || !args[0].equals("serve")) {
            return cli.execute(args);
        }
        List<String> serve;
        try {
            serve = ServeArguments.effective(List.of(args).subList(1, args.length));
        } catch (ConfigException e) {
            e.errors().forEach(line -> cli.getErr().println("socklab: " + Visible.of(line)));
            cli.getErr().flush();
            return ExitCode.USAGE.code;
        }
        // As typed: a reload (SIGHUP) reads the file again and merges it in anew.
        ((ServeCommand) cli.getSubcommands().get("serve").getCommand()).commandLine(List.of(args).subList(1, args.length));
        return cli.execute(Stream.concat(Stream.of("serve"), serve.stream()).toArray(String[]::new));
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
