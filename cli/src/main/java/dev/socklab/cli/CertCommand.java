package dev.socklab.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code socklab cert}: certificates for the TLS endpoints of {@code serve}; its one command is {@code dev}. */
@Command(name = "cert", mixinStandardHelpOptions = true, versionProvider = SocklabCommand.Version.class,
        subcommands = CertDevCommand.class,
        description = "Makes certificates for serve's TLS endpoints.",
        footer = {"", "Example:", "  socklab cert dev    a self-signed pair for localhost, to try TLS"})
final class CertCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** No command given: the usage, on standard error, as for {@code socklab} alone. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code;
    }
}
