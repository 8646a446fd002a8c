package dev.socklab.cli;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import picocli.CommandLine.Command;

import dev.socklab.client.TimeClient;

/** {@code socklab time}: a time server's clock (RFC 868), and how far it is from this machine's. */
@Command(name = "time", mixinStandardHelpOptions = true, versionProvider = SocklabCommand.Version.class,
        description = {"Prints the time of a time server (RFC 868) and its offset from this machine's clock.",
                "The offset is to the second, as rdate -p prints it: RFC 868 counts whole seconds."},
        footer = {"", "Examples:",
                "  socklab time                       localhost, port 10037",
                "  socklab time 127.0.0.1 37 --udp    a classic inetd time server, over UDP"})
final class TimeCommand extends ClientCommand {
    @Override
    String service() {
        return "time";
    }

    @Override
    public Integer call() throws IOException {
        Duration timeout = options.timeout;
        Instant theirs = talk(conn -> TimeClient.fetch(conn, timeout), client -> TimeClient.fetch(client, timeout));
        // RFC 868 counts whole seconds, so the offset is known to a second at best.
        long offset = theirs.getEpochSecond() - Instant.now().truncatedTo(ChronoUnit.SECONDS).getEpochSecond();
        return print(theirs + " (" + (offset == 0 ? "the same second as this machine"
                : "the server is " + Math.abs(offset) + " s " + (offset > 0 ? "ahead of" : "behind") + " this machine")
                + ")");
    }
}
