package dev.socklab.service;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A service over a stream socket (TCP or a Unix domain socket): it is handed one accepted
 * connection at a time, each in its own virtual thread. See the package documentation for an
 * example.
 */
@FunctionalInterface
public interface StreamService {
    /**
     * Talks to one client. Returning ends the conversation; the runtime then closes the
     * connection. An {@link IOException} thrown from here (the peer reset, a timeout) is recorded
     * as how the connection ended, and the server goes on serving everyone else.
     */
    void serve(Connection connection) throws IOException;

    /**
     * The line sent to a client that a limit turns away (too many connections, a line too long),
     * just before the runtime closes the connection, or empty for protocols that have no room
     * for one (a binary protocol, where any bytes would be misread as an answer).
     *
     * @param reason why, as a short phrase such as {@code too many connections}
     */
    default Optional<String> refusalLine(String reason) {
        return Optional.of("socklab: " + reason);
    }

    /**
     * How long this service's clients may stay quiet, if it is not the server's idle timeout: a
     * protocol whose clients mostly listen (a chat) asks for longer.
     */
    default Optional<Duration> idleTimeout() {
        return Optional.empty();
    }

    /**
     * Whether the server's first-request deadline ({@code --first-request-timeout}) applies to this
     * service's clients. A protocol whose clients may rightly wait before their first request (a
     * person about to type in a chat) answers {@code false}, and its clients are bounded by the idle
     * timeout alone.
     */
    default boolean firstRequestDeadlineApplies() {
        return true;
    }

    /**
     * Whether the client speaks first: {@code serve} begins with a read (echo, discard, a lookup).
     * The runtime may then start serving a connection only once the client's first bytes arrive
     * (or its end, or a timeout), so that a connection that stays quiet costs no thread stack and
     * nothing that {@code serve} allocates; {@code serve} runs exactly as if it had started at
     * once. {@code false}, the default, starts it at the accept.
     */
    default boolean clientSpeaksFirst() {
        return false;
    }

    /**
     * Whether a stopping server ends at once a connection whose client has sent nothing yet, rather
     * than give it the grace period: true for a request-response protocol whose clients open
     * connections ahead of need and close them whenever the server does (HTTP: a browser's
     * preconnect). Only for services whose client speaks first; the service must also end such a
     * connection itself when it has begun serving it, from {@link #stopping}. {@code false}, the
     * default: a client that connected gets the grace period to say what it came for.
     */
    default boolean silentClientsEndAtStop() {
        return false;
    }

    /**
     * The application protocols this service speaks, by their ALPN names (RFC 7301), best first:
     * on a TLS endpoint the server settles one with a client that offers any (and refuses a
     * client that offers only others). Empty, the default: no ALPN.
     */
    default List<String> applicationProtocols() {
        return List.of();
    }

    /**
     * Whether this service may turn a plain connection into TLS by a command of its protocol
     * ({@link Connection#startTls()}, FTP's {@code AUTH TLS}). The runtime then keeps the connection
     * ready for it, where the server has a certificate. {@code false}, the default.
     */
    default boolean startsTls() {
        return false;
    }

    /**
     * Whether TCP urgent data (a byte sent with {@code MSG_OOB}) is read in its place in the stream
     * ({@code SO_OOBINLINE}), as FTP's {@code ABOR} needs: a client may send the Telnet Synch, or the
     * command itself, as urgent data (RFC 959 section 4.1.3), and without it the kernel takes the
     * urgent byte out of the stream, which can be the line's LF. {@code false}, the default: the
     * kernel's own behaviour, as for any socket.
     */
    default boolean urgentDataInline() {
        return false;
    }

    /**
     * The words that begin a line whose rest is a secret (FTP's {@code PASS }, matched without regard
     * to case): under {@code --trace} the rest of such a received line shows as {@code *}, so a trace
     * can be shared. Empty, the default: the trace shows every byte.
     */
    default List<String> secretsInTrace() {
        return List.of();
    }

    /**
     * Called once when the server begins to stop, if connections of this service are open. A
     * service whose connections have no end of their own (a chat, whose members stay until they
     * leave) returns a line to tell each of its clients: the runtime sends it after what the
     * connection's {@link Outbox} holds, ends the client's input (a read returns end of stream),
     * and closes the connection when {@code serve} returns, instead of waiting out the grace period
     * for it. Empty, the default: connections get the grace period to finish. Only for services
     * that send through an outbox, so that the line cannot cut into one of their own. A service
     * may also end its idle connections itself here (an HTTP connection between requests), and
     * return empty.
     */
    default Optional<String> stopping() {
        return Optional.empty();
    }
}
