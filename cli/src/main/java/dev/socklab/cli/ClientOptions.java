package dev.socklab.cli;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.time.Duration;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import dev.socklab.client.ClientConnection;
import dev.socklab.client.DatagramClient;
import dev.socklab.net.Host;
import dev.socklab.trace.Tracer;

/** How every client command reaches its server: the transport, the IP version, the timeout, and tracing. */
final class ClientOptions {
    @Option(names = "--unix", paramLabel = "PATH", description = "Connect to a Unix socket instead of HOST and PORT.")
    String unixPath;

    @ArgGroup(exclusive = true)
    FamilyOptions family = new FamilyOptions();

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait to connect and for each answer (default: 5s).")
    Duration timeout = Duration.ofSeconds(5);

    @Option(names = "--trace", description = "Print every socket call the client makes, on standard error.")
    boolean trace;

    /** A conversation over a stream connection. */
    @FunctionalInterface
    interface OverStream<T> {
        T talk(ClientConnection conn) throws IOException;
    }

    /** A conversation over a UDP socket. */
    @FunctionalInterface
    interface OverDatagrams<T> {
        T talk(DatagramClient client) throws IOException;
    }

    /**
     * Connects to {@code host} and {@code port} (or the Unix socket) as asked, over UDP when
     * {@code udp} ({@link UdpOption}), holds one of the two conversations, and closes. {@code who}
     * tags the trace lines.
     */
    <T> T talk(Host host, int port, String who, boolean udp, OverStream<T> stream, OverDatagrams<T> datagrams)
            throws IOException {
        if (udp && unixPath != null) {
            throw new Errors.UsageException("--unix is a stream socket: it cannot be combined with --udp");
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new Errors.UsageException("--timeout must be positive: give a duration such as 500ms or 5s");
        }
        Tracer tracer = trace ? Tracer.printingTo(System.err) : Tracer.off();
        if (udp) {
            try (DatagramClient client = DatagramClient.open(host, port, family.family(), tracer, who)) {
                return datagrams.talk(client);
            }
        }
        try (ClientConnection conn = unixPath != null
                ? ClientConnection.connect(UnixDomainSocketAddress.of(unixPath), timeout, tracer, who)
                : ClientConnection.connect(host, port, family.family(), timeout, tracer, who)) {
            return stream.talk(conn);
        }
    }
}
