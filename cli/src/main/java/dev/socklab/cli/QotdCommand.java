package dev.socklab.cli;

import java.io.IOException;
import java.time.Duration;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.socklab.client.QotdClient;

/** {@code socklab qotd}: prints the quote of the day (RFC 865). */
@Command(name = "qotd", mixinStandardHelpOptions = true, versionProvider = SocklabCommand.Version.class,
        description = {"Prints the quote of a qotd server (RFC 865).",
                "With --udp, the request is padded, since socklab's server answers with at most as many bytes as the"
                + " request has."},
        footer = {"", "Examples:",
                "  socklab qotd                         localhost, port 10017",
                "  socklab qotd --udp                   from a server started with qotd/udp"})
final class QotdCommand extends ClientCommand {
    @Option(names = "--request-bytes", paramLabel = "N",
            description = "UDP: the request's size, which bounds the reply's (default: ${DEFAULT-VALUE}).")
    int requestBytes = QotdClient.DEFAULT_UDP_REQUEST;

    @Override
    String service() {
        return "qotd";
    }

    @Override
    public Integer call() throws IOException {
        Duration timeout = options.timeout;
        String quote = talk(conn -> QotdClient.quote(conn, timeout), client -> QotdClient.quote(client, requestBytes, timeout));
        return printServerText(quote);
    }
}
