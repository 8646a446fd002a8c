package dev.socklab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.UnixDomainSocketAddress;
import java.time.Duration;
import java.util.Optional;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.socklab.client.CertificateRefusedException;
import dev.socklab.client.ClientConnection;
import dev.socklab.client.ClientTls;
import dev.socklab.client.DatagramClient;
import dev.socklab.net.Host;
import dev.socklab.trace.Tracer;

/** How every client command reaches its server: the transport, the IP version, TLS, the timeout, and tracing. */
final class ClientOptions {
    /** The ALPN name of HTTP/1.1, which http and ws offer over TLS (RFC 7301). */
    private static final String HTTP_1_1 = "http/1.1";

    /** The command these options are part of: its standard error, for --insecure's warning. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--unix", paramLabel = "PATH", description = "Connect to a Unix socket instead of HOST and PORT.")
    String unixPath;

    @ArgGroup(exclusive = true)
    FamilyOptions family = new FamilyOptions();

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait to connect and for each answer (default: 5s).")
    Duration timeout = Duration.ofSeconds(5);

    @Option(names = "--trace", description = "Print every socket call the client makes, on standard error.")
    boolean trace;

    @Mixin
    TlsOptions tls;

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
     * tags the trace lines. With --tls, the stream speaks TLS to {@code host}, whose name the
     * server's certificate must hold, over TCP or the Unix socket alike.
     */
    <T> T talk(Host host, int port, String who, boolean udp, OverStream<T> stream, OverDatagrams<T> datagrams)
            throws IOException {
        return talk(host, port, who, udp, tls.clientTls(false, udp), stream, datagrams);
    }

    /**
     * Connects as {@link #talk(Host, int, String, boolean, OverStream, OverDatagrams)} does, for
     * HTTP/1.1 (http, and ws's upgrade): over TLS when {@code https}, or with --tls, offering
     * {@code http/1.1} by ALPN; it has no UDP side.
     */
    <T> T talkHttp(Host host, int port, String who, boolean https, OverStream<T> stream) throws IOException {
        return talk(host, port, who, false, tls.clientTls(https, false).map(t -> t.offering(HTTP_1_1)), stream,
                datagrams -> {
                    throw new IllegalStateException(who + " has no UDP conversation");
                });
    }

    private <T> T talk(Host host, int port, String who, boolean udp, Optional<ClientTls> secure,
            OverStream<T> stream, OverDatagrams<T> datagrams) throws IOException {
        if (udp && unixPath != null) {
            throw new Errors.UsageException("--unix is a stream socket: it cannot be combined with --udp");
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new Errors.UsageException("--timeout must be positive: give a duration such as 500ms or 5s");
        }
        if (secure.isPresent() && !secure.get().checksTheServer()) {
            PrintWriter err = command.commandLine().getErr();
            err.println(TlsOptions.INSECURE_WARNING);
            err.flush();
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
            if (secure.isPresent()) {
                try {
                    conn.startTls(secure.get(), host, timeout);
                } catch (CertificateRefusedException e) {
                    throw tls.withHint(e);
                }
            }
            return stream.talk(conn);
        }
    }
}
