package dev.socklab.runtime;

/** How a connection ended, as its closing log line says it. */
enum Outcome {
    /** The client closed its side (EOF) or reset the connection. */
    CLOSED_BY_CLIENT("closed by client"),
    /** The service finished and the runtime closed the connection. */
    CLOSED_BY_SERVER("closed by server"),
    /** A read or write made no progress for the idle timeout. */
    TIMED_OUT("timed out"),
    /** An allow or deny list turned the client away before a byte was sent. */
    DENIED("denied"),
    /** A limit turned the client away: too many connections, a line too long. */
    REFUSED_BY_LIMIT("refused by a limit"),
    /** The TLS handshake failed: the client spoke no TLS, or an old version, or was refused (its certificate, its ciphers). */
    HANDSHAKE_FAILED("TLS handshake failed"),
    /** A service behind a proxy got no valid PROXY protocol header first. */
    BAD_PROXY_HEADER("refused: no valid PROXY header"),
    /** The server stopped and its grace period ran out before the connection ended. */
    CLOSED_AT_SHUTDOWN("closed at shutdown"),
    /** The service failed for a reason of its own: a bug, or a resource it needed. */
    ERROR("error");

    private final String words;

    Outcome(String words) {
        this.words = words;
    }

    @Override
    public String toString() {
        return words;
    }
}
