package dev.socklab.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.socklab.client.DaytimeClient;

/** {@code socklab daytime}: prints a daytime server's date, then sends the lab's acknowledgement. */
@Command(name = "daytime", mixinStandardHelpOptions = true, versionProvider = SocklabCommand.Version.class,
        description = {"Prints the date of a daytime server (RFC 867), then sends an acknowledgement.",
                "It acknowledges as the lab's client does, so it works with servers that close at once and with lab"
                + " servers that wait for the acknowledgement before they close."},
        footer = {"", "Examples:",
                "  socklab daytime                        from localhost, port 10013",
                "  socklab daytime 127.0.0.1 13 --no-ack  a classic inetd daytime server",
                "  socklab daytime --ack 'thanks' --udp   over UDP, with 'thanks' as the request"})
final class DaytimeCommand extends ClientCommand {
    @ArgGroup(exclusive = true)
    Acknowledgement acknowledgement = new Acknowledgement();

    /** {@code --ack TEXT} or {@code --no-ack}. */
    static final class Acknowledgement {
        @Option(names = "--ack", paramLabel = "TEXT", description = "What to send back (default: ${DEFAULT-VALUE}).")
        String text = DaytimeClient.DEFAULT_ACK;

        @Option(names = "--no-ack", description = "Send nothing back.")
        boolean none;

        Optional<String> text() {
            return none ? Optional.empty() : Optional.of(text);
        }
    }

    @Override
    String service() {
        return "daytime";
    }

    @Override
    public Integer call() throws IOException {
        Duration timeout = options.timeout;
        Optional<String> ack = acknowledgement.text();
        String date = talk(conn -> DaytimeClient.fetch(conn, ack, timeout),
                client -> DaytimeClient.fetch(client, ack, timeout));
        return printServerText(date);
    }
}
