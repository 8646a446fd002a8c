package dev.socklab.cli;

import java.io.IOException;
import java.time.Duration;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.socklab.client.ChargenClient;

/** {@code socklab chargen}: prints lines from a character generator (RFC 864), then closes. */
@Command(name = "chargen", mixinStandardHelpOptions = true, versionProvider = SocklabCommand.Version.class,
        description = {"Prints lines from a chargen server (RFC 864), then closes.",
                "Over TCP, --lines N lines. With --udp, one datagram: socklab's server answers with at most as many"
                + " characters as the request has."},
        footer = {"", "Examples:",
                "  socklab chargen --lines 3            localhost, port 10019",
                "  socklab chargen --udp                from a server started with chargen/udp"})
final class ChargenCommand extends ClientCommand {
    @Option(names = "--lines", paramLabel = "N", description = "Lines to print over TCP (default: ${DEFAULT-VALUE}).")
    long lines = 10;

    @Option(names = "--request-bytes", paramLabel = "N",
            description = "UDP: the request's size, which bounds the reply's (default: ${DEFAULT-VALUE}).")
    int requestBytes = ChargenClient.DEFAULT_UDP_REQUEST;

    @Override
    String service() {
        return "chargen";
    }

    @Override
    public Integer call() throws IOException {
        if (lines < 0) {
            throw new Errors.UsageException("--lines cannot be negative: " + lines);
        }
        Duration timeout = options.timeout;
        try (VisibleLines out = new VisibleLines(System.out, serverText)) {
            talk(conn -> ChargenClient.lines(conn, lines, out, timeout),
                    client -> {
                        System.out.print(serverText.shown(ChargenClient.datagram(client, requestBytes, timeout)));
                        return 1L;
                    });
        }
        System.out.flush();
        return ExitCode.OK.code;
    }
}
