package dev.socklab.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code socklab config}: serve's configuration file; its commands are {@code example} and {@code check}. */
@Command(name = "config", mixinStandardHelpOptions = true, versionProvider = SocklabCommand.Version.class,
        subcommands = {ConfigExampleCommand.class, ConfigCheckCommand.class},
        description = {"Writes and checks the TOML file of serve's settings (socklab serve --config FILE).",
                "Each key is the serve flag of the same name, its value written as on the command line."},
        footer = {"", "Examples:",
                "  socklab config example > socklab.toml   every setting, at its default",
                "  socklab config check socklab.toml       every mistake, with line and key",
                "  socklab serve --config socklab.toml     serve what it says"})
final class ConfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** No command given: the usage, on standard error, as for {@code socklab} alone. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code;
    }
}
