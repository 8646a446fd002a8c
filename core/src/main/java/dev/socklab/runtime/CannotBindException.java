package dev.socklab.runtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * A service could not be bound to its endpoint. The message is one sentence with a hint, fit to
 * show a user as it is.
 */
public final class CannotBindException extends RuntimeException {
    /** Why the bind failed, as far as the system says. */
    public enum Reason {
        /**
         * Another socket holds the address and port, or something other than a stale socket is at
         * the Unix socket's path: a live socket, a symbolic link, a file that is not a socket.
         */
        IN_USE,
        /** Ports below 1024 need privileges this process lacks. */
        PERMISSION_DENIED,
        /** No interface of this machine has the address. */
        ADDRESS_NOT_AVAILABLE,
        /** Anything else: the system's own words are given. */
        OTHER
    }

    private final String service;
    private final Endpoint endpoint;
    private final Reason reason;

    CannotBindException(String service, Endpoint endpoint, Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.service = service;
        this.endpoint = endpoint;
        this.reason = reason;
    }

    /** The service whose endpoint failed. */
    public String service() {
        return service;
    }

    /** The endpoint that could not be bound. */
    public Endpoint endpoint() {
        return endpoint;
    }

    /** Why. */
    public Reason reason() {
        return reason;
    }

    /**
     * The same failure, its hint naming {@code syntax} as the way to choose another port, for an
     * endpoint not chosen as {@code SERVICE:PORT} (an admin listener's {@code --admin HOST:PORT}).
     */
    public CannotBindException withPortSyntax(String syntax) {
        return new CannotBindException(service, endpoint, reason,
                getMessage().replace(portSyntax(service), "(" + syntax + ")"), getCause());
    }

    /** How the hint says to choose another port, by default. */
    private static String portSyntax(String service) {
        return "(" + service + ":PORT)";
    }

    /**
     * Sorts a bind failure by cause. The JDK gives no errno, only the system's message
     * ({@code strerror}), so that message is what is read here.
     */
    static CannotBindException of(String service, Endpoint endpoint, IOException cause) {
        String system = String.valueOf(cause.getMessage());
        String lower = system.toLowerCase(Locale.ROOT);
        String where = "cannot serve " + service + " on " + endpoint + ": ";
        Reason reason;
        String hint;
        if (cause instanceof UnixSocketFile.Refused refused) {
            reason = Reason.IN_USE;
            hint = system;
        } else if (lower.contains("in use") && endpoint.transport() == Transport.UNIX) {
            reason = Reason.IN_USE;
            hint = "a file already exists at that path; remove it if no server uses it, or pick another path";
        } else if (lower.contains("in use")) {
            reason = Reason.IN_USE;
            hint = "the port is in use by another program; stop that program, or pick another port "
                    + portSyntax(service);
        } else if (lower.contains("permission denied") || lower.contains("access denied")) {
            reason = Reason.PERMISSION_DENIED;
            hint = endpoint.address() instanceof InetSocketAddress inet && inet.getPort() < 1024
                    ? "ports below 1024 need privileges; run as root, grant CAP_NET_BIND_SERVICE to java"
                            + " (setcap cap_net_bind_service=+ep on the java binary), or pick a port of 1024 or above"
                    : "permission denied; check the rights on the path, or pick another";
        } else if (lower.contains("assign requested address")) {
            reason = Reason.ADDRESS_NOT_AVAILABLE;
            hint = "no network interface of this machine has that address; use one of its own addresses,"
                    + " 127.0.0.1, or --bind 0.0.0.0 for all";
        } else {
            reason = Reason.OTHER;
            hint = system;
        }
        return new CannotBindException(service, endpoint, reason, where + hint, cause);
    }
}
