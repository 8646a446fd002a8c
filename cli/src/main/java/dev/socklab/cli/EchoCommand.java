package dev.socklab.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import picocli.CommandLine.Command;

import dev.socklab.client.EchoClient;

/** {@code socklab echo}: standard input to an echo server, its replies to standard output, like {@code nc}. */
@Command(name = "echo", mixinStandardHelpOptions = true, versionProvider = SocklabCommand.Version.class,
        description = {"Sends standard input to an echo server (RFC 862) and prints what comes back, like nc.",
                "With --udp, one datagram a line, each waiting for its reply; the losses are counted.",
                "What comes back is printed byte for byte, as nc does, even on a terminal: an escape sequence in it"
                + " acts on the terminal. The other clients show a server's control characters visibly there."},
        footer = {"", "Exit code 5 when a UDP reply was lost.", "", "Examples:",
                "  echo hello | socklab echo                 localhost, port 10007",
                "  socklab echo 127.0.0.1 7 < file",
                "  seq 10 | socklab echo --udp --timeout 500ms"})
final class EchoCommand extends ClientCommand {
    @Override
    String service() {
        return "echo";
    }

    @Override
    public Integer call() throws IOException {
        Duration timeout = options.timeout;
        return talk(conn -> {
                    EchoClient.relay(conn, System.in, System.out, timeout);
                    System.out.flush();
                    return ExitCode.OK.code;
                },
                client -> {
                    EchoClient.EchoStats stats = EchoClient.relayLines(client,
                            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out,
                            timeout);
                    System.out.flush();
                    System.err.println(stats.sent() + " sent, " + stats.received() + " received, " + stats.lost()
                            + " lost");
                    return stats.lost() == 0 ? ExitCode.OK.code : ExitCode.NO_ANSWER.code;
                });
    }
}
