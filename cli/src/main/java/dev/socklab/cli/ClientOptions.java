package dev.socklab.cli;

import java.io.PrintStream;
import java.time.Duration;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.socklab.net.Family;
import dev.socklab.net.Host;
import dev.socklab.net.Ports;
import dev.socklab.trace.Tracer;

/** What every client command takes: where the server is, how to reach it, and whether to trace. */
final class ClientOptions {
    @Parameters(index = "0", arity = "0..1", paramLabel = "HOST",
            description = "Server host: a name, 127.0.0.1, ::1, or a decimal IPv4 number (default: localhost).")
    String host = "localhost";

    @Parameters(index = "1", arity = "0..1", paramLabel = "PORT",
            description = "Server port: a number or a name from /etc/services (default: the service's own).")
    String port;

    @Option(names = "--udp", description = "Use UDP instead of TCP.")
    boolean udp;

    @Option(names = "--unix", paramLabel = "PATH", description = "Connect to a Unix socket instead of HOST and PORT.")
    String unixPath;

    @ArgGroup(exclusive = true)
    ServeCommand.FamilyOptions family = new ServeCommand.FamilyOptions();

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait to connect and for each answer (default: 5s).")
    Duration timeout = Duration.ofSeconds(5);

    @Option(names = "--trace", description = "Print every socket call the client makes, on standard error.")
    boolean trace;

    Host host() {
        return Host.parse(host);
    }

    int port(int serviceDefault) {
        return port == null ? serviceDefault : Ports.parse(port);
    }

    Family family() {
        return family.family();
    }

    Tracer tracer(PrintStream err) {
        return trace ? Tracer.printingTo(err) : Tracer.off();
    }

    /** A zero or negative timeout means "never wait" or "wait for ever"; the client library throws on it. */
    void rejectNonPositiveTimeout() {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new Errors.UsageException("--timeout must be positive: give a duration such as 500ms or 5s");
        }
    }

    void rejectUnixWithUdp() {
        if (udp && unixPath != null) {
            throw new Errors.UsageException("--unix is a stream socket: it cannot be combined with --udp");
        }
    }
}
