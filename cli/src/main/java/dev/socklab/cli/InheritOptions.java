package dev.socklab.cli;

import java.io.IOException;
import java.util.Optional;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * {@code serve --inherit SERVICE}: serve the socket inetd or systemd passes on standard input
 * instead of binding any, so that they hold the port (a privileged one, say) and start socklab on
 * the first client. One socket, one service: the rest of serve's settings apply to it as usual.
 */
final class InheritOptions {
    @Option(names = "--inherit", paramLabel = "SERVICE",
            description = "Serve SERVICE on the socket on standard input from inetd (wait) or systemd"
                    + " (StandardInput=socket, or LISTEN_FDS=1 and 0<&3), binding nothing.")
    String service;

    /**
     * The inherited socket, when {@code --inherit} is given; serve's options that choose what to bind
     * cannot come with it.
     */
    Optional<InheritedSocket> socket(CommandSpec serve) {
        if (service == null) {
            return Optional.empty();
        }
        ParseResult parsed = serve.commandLine().getParseResult();
        if (!parsed.matchedPositionals().isEmpty()) {
            throw new Errors.UsageException("--inherit " + service + " serves the one socket inherited: name no"
                    + " SERVICE beside it (one socklab instance per socket)");
        }
        for (String binding : new String[] {"--bind", "--standard-ports"}) {
            if (parsed.hasMatchedOption(binding)) {
                throw new Errors.UsageException("--inherit " + service + " binds nothing, and " + binding
                        + " chooses what to bind; the socket's owner (inetd, systemd) chose its address");
            }
        }
        try {
            return Optional.of(InheritedSocket.of(service, System.getenv(), ProcessHandle.current().pid(),
                    System.inheritedChannel()));
        } catch (IOException e) {
            throw new Errors.UsageException("--inherit " + service + ": the socket on standard input cannot be"
                    + " taken (" + e.getMessage() + ")");
        }
    }
}
