package dev.socklab.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import dev.socklab.runtime.Transport;
import dev.socklab.services.ServiceCatalog;
import dev.socklab.services.ServiceInfo;

/** {@code socklab services}: the built-in services, their transports, ports and specifications. */
@Command(name = "services", mixinStandardHelpOptions = true, versionProvider = SocklabCommand.Version.class,
        description = "Lists the built-in services with their transports, ports and RFCs.",
        footer = {"", "Example:", "  socklab services"})
final class ServicesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String format = "%-8s  %-14s  %-7s  %-8s  %-12s  %s%n";
        out.printf(format, "SERVICE", "TRANSPORTS", "PORT", "IANA", "SPEC", "WHAT IT DOES");
        for (ServiceInfo s : ServiceCatalog.all()) {
            out.printf(format, s.name(),
                    s.transports().stream().map(Transport::label).collect(Collectors.joining(",")),
                    s.defaultPort(),
                    s.standardPort().isPresent() ? String.valueOf(s.standardPort().getAsInt()) : "-",
                    s.reference(), s.summary());
        }
        out.flush();
        return ExitCode.OK.code;
    }
}
