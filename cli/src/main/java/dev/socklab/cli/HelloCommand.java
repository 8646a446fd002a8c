package dev.socklab.cli;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import dev.socklab.client.ClientConnection;
import dev.socklab.client.DatagramClient;
import dev.socklab.client.HelloClient;
import dev.socklab.services.ServiceCatalog;
import dev.socklab.trace.Tracer;

/** {@code socklab hello}: prints the greeting of a greeting server, socklab's or any other. */
@Command(name = "hello", mixinStandardHelpOptions = true, versionProvider = SocklabCommand.Version.class,
        description = "Prints the greeting of a hello server.",
        footer = {"", "Examples:",
                "  socklab hello                       from localhost, port 10000",
                "  socklab hello 127.0.0.1 3000 --udp  over UDP",
                "  socklab hello --unix /tmp/h.sock    over a Unix socket",
                "  socklab hello --trace               showing each socket call"})
final class HelloCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions options;

    @Override
    public Integer call() throws IOException {
        options.rejectUnixWithUdp();
        options.rejectNonPositiveTimeout();
        Tracer tracer = options.tracer(System.err);
        int port = options.port(ServiceCatalog.find("hello").orElseThrow().defaultPort());
        String greeting;
        if (options.udp) {
            try (DatagramClient client = DatagramClient.open(options.host(), port, options.family(), tracer, "hello")) {
                greeting = HelloClient.greeting(client, options.timeout);
            }
        } else {
            try (ClientConnection conn = options.unixPath != null
                    ? ClientConnection.connect(UnixDomainSocketAddress.of(options.unixPath), options.timeout, tracer, "hello")
                    : ClientConnection.connect(options.host(), port, options.family(), options.timeout, tracer, "hello")) {
                greeting = HelloClient.greeting(conn, options.timeout);
            }
        }
        spec.commandLine().getOut().println(greeting);
        spec.commandLine().getOut().flush();
        return ExitCode.OK.code;
    }
}
