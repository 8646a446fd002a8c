package dev.socklab.bench;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;

/** Why a connection or a datagram failed, as a run counts its errors. */
public enum ErrorKind {
    /** Nothing listens on the port: the connect was refused. */
    REFUSED("refused"),
    /** The server reset the connection, or it was gone when written to (broken pipe). */
    RESET("reset"),
    /** The server closed the connection before the exchange was over. */
    CLOSED("closed early by the server"),
    /** A connect, an echo or a greeting did not come within the timeout. */
    TIMEOUT("timed out"),
    /** The server sent an error or a warning of its protocol (chat's {@code !!} line): a line refused, a disconnect announced. */
    WARNED("warned by the server"),
    /** No local port or source address was free: {@code --source-range} spreads connections over more. */
    NO_LOCAL_ADDRESS("found no free local port"),
    /** This process reached its limit of open files ({@code ulimit -n}). */
    TOO_MANY_FILES("hit the open-file limit"),
    /** No route to the server, or its port answered with ICMP unreachable. */
    UNREACHABLE("unreachable"),
    /** A reply differed from what was sent, or from the greeting the first connection got (soak); an rpc reply's id the call's. */
    MISMATCH("mismatched"),
    /** An HTTP response had another status than the one asked for (200 unless told). */
    STATUS("answered with another status"),
    /** An RPC server answered with an error object (JSON-RPC) or a fault (XML-RPC). */
    RPC_ERROR("answered with an RPC error"),
    /**
     * An HTTP response or an rpc reply could not be read: a bad head, framing that cannot be trusted, bytes past
     * its end, a reply that is not an RPC response.
     */
    MALFORMED("sent a malformed response"),
    /** Any other I/O failure. */
    OTHER("failed otherwise");

    private final String label;

    ErrorKind(String label) {
        this.label = label;
    }

    /** How a sentence counts it: {@code 12 refused}. */
    public String label() {
        return label;
    }

    /**
     * The kind of an I/O failure. The JDK gives resets and file limits no exception types of their
     * own, so their messages (the strerror text) are the only way to tell them apart.
     */
    static ErrorKind of(IOException e) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof PortUnreachableException || e instanceof NoRouteToHostException) {
            return UNREACHABLE;
        }
        if (e instanceof ConnectException) {
            return message.contains("timed out") ? TIMEOUT : REFUSED;
        }
        if (e instanceof BindException || message.contains("Cannot assign requested address")) {
            return NO_LOCAL_ADDRESS;
        }
        if (message.contains("Too many open files")) {
            return TOO_MANY_FILES;
        }
        if (message.contains("reset") || message.contains("Broken pipe")) {
            return RESET;
        }
        if (message.contains("unreachable")) {
            return UNREACHABLE;
        }
        return OTHER;
    }
}
