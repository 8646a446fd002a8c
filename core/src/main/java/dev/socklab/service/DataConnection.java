package dev.socklab.service;

import java.io.Closeable;
import java.io.IOException;

/**
 * A second connection with a control connection's client, for data (FTP's data connection): held
 * to the same idle and write timeouts, counted, traced under {@code --trace}, and closed with its
 * control connection if the service has not closed it first. Its {@code peer()} is the same host as
 * the control connection's.
 */
public interface DataConnection extends Connection, Closeable {
    /** Ends the connection with a reset instead of a FIN: what an aborted transfer (FTP's {@code ABOR}) sends. */
    void abort();

    /** Closes the connection: what was written goes out, then FIN (and close_notify over TLS). */
    @Override
    void close() throws IOException;
}
