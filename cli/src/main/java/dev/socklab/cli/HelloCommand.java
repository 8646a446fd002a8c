package dev.socklab.cli;

import java.io.IOException;
import java.time.Duration;

import picocli.CommandLine.Command;

import dev.socklab.client.HelloClient;

/** {@code socklab hello}: prints the greeting of a greeting server, socklab's or any other. */
@Command(name = "hello", mixinStandardHelpOptions = true, versionProvider = SocklabCommand.Version.class,
        description = "Prints the greeting of a hello server.",
        footer = {"", "Examples:",
                "  socklab hello                       from localhost, port 10000",
                "  socklab hello 127.0.0.1 3000 --udp  over UDP",
                "  socklab hello --unix /tmp/h.sock    over a Unix socket",
                "  socklab hello --tls --ca cert.pem   over TLS, trusting the CA in cert.pem",
                "  socklab hello --trace               showing each socket call"})
final class HelloCommand extends ClientCommand {
    @Override
    String service() {
        return "hello";
    }

    @Override
    public Integer call() throws IOException {
        Duration timeout = options.timeout;
        String greeting = talk(conn -> HelloClient.greeting(conn, timeout),
                client -> HelloClient.greeting(client, timeout));
        return printServerText(greeting);
    }
}
