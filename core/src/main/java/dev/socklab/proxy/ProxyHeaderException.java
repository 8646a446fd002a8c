package dev.socklab.proxy;

import java.io.IOException;

/** A connection's PROXY header is missing, malformed, too long or of a version not accepted: the connection is closed unserved. */
public final class ProxyHeaderException extends IOException {
    /**
     * Creates one.
     *
     * @param message what was wrong, for the connection's closing line
     */
    public ProxyHeaderException(String message) {
        super(message);
    }
}
