package dev.socklab.runtime;

import java.io.IOException;

/** A bound socket and the loop that serves it: the accept loop of a stream socket, the receive loop of a datagram socket. */
interface Listener {
    /** The name of the service it serves. */
    String service();

    /** The endpoint asked for, perhaps with port 0. */
    Endpoint requested();

    /** Creates and binds the socket; on failure nothing stays open. */
    void bind() throws IOException;

    /** The endpoint actually bound (with the system's port where 0 was asked for). */
    Binding binding();

    /** Starts the loop in a thread of its own. */
    void start();

    /** Closes the socket, which ends the loop; accepted connections are not touched. */
    void close();
}
