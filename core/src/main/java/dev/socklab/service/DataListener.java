package dev.socklab.service;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketAddress;
import java.time.Duration;

/**
 * A listening socket the runtime opened for one data connection of a client's
 * ({@link Connection#listenForData}): FTP's passive mode. It accepts a connection only from the
 * control connection's own address; one from anywhere else is closed at once and logged, and the
 * listener goes on waiting (FTP's "port theft" defence). Closing it closes the socket.
 */
public interface DataListener extends Closeable {
    /** Where the client must connect: the control connection's local address, and a port of the range asked for. */
    SocketAddress local();

    /**
     * Waits at most {@code wait} for the client's data connection.
     *
     * @param tls whether the data connection speaks TLS (FTP's {@code PROT P}): the handshake runs
     *     before this returns, with the server's certificate, the client being the TLS client
     * @throws java.net.SocketTimeoutException if none came within {@code wait}
     */
    DataConnection accept(Duration wait, boolean tls) throws IOException;
}
