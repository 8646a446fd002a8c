package dev.socklab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.socklab.text.Visible;

/**
 * {@code socklab config check FILE}: every error of a configuration file, each with its line and
 * key, or {@code FILE: OK}. The keys are checked one by one, so that every mistake in them is
 * said; then serve's own checks run on the whole file, as when it starts (the first they find).
 */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = SocklabCommand.Version.class,
        description = {"Checks a configuration file as serve --config would, without serving: every error, each as"
                + " FILE:LINE: key: what is wrong.",
                "Prints FILE: OK and exits 0 when serve would take it."},
        footer = {"", "Examples:",
                "  socklab config check socklab.toml",
                "  socklab config example | socklab config check -"})
final class ConfigCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The file to check; - for standard input.")
    String file;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ConfigFile config;
        try {
            config = file.equals("-")
                    ? ConfigFile.parse("-", new String(System.in.readAllBytes(), StandardCharsets.UTF_8),
                            ServeArguments.parser())
                    : ConfigFile.read(Path.of(file), ServeArguments.parser());
            check(config);
        } catch (ConfigException e) {
            e.errors().forEach(line -> err.println(Visible.of(line)));
            err.flush();
            return ExitCode.USAGE.code;
        }
        out.println(Visible.of(file) + ": OK");
        out.flush();
        return ExitCode.OK.code;
    }

    /**
     * Runs serve's own checks on the file's settings, as serve does before it binds.
     *
     * @throws ConfigException with serve's verdict, at the key it is about
     */
    private static void check(ConfigFile config) {
        CommandLine parser = ServeArguments.parser();
        try {
            ServeArguments.parse(parser, config.arguments());
            ((ServeCommand) parser.getSubcommands().get("serve").getCommand()).prepare();
        } catch (RuntimeException e) {
            // A parse error here is between keys, each fine alone: ipv4-only and ipv6-only both true.
            if (!(e instanceof ParameterException) && Errors.codeFor(e) == ExitCode.BUG) {
                throw e;
            }
            throw new ConfigException(List.of(ConfigVerdict.line(config, e.getMessage())));
        }
    }
}
