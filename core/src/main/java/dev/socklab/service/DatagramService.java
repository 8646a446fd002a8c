package dev.socklab.service;

import java.io.IOException;

/**
 * A service over UDP: it is handed each datagram that arrives and may answer it. Datagrams of
 * one socket are served one after another by the socket's receive loop, so a service must not
 * block for long; an exception from one datagram is logged and the loop goes on with the next.
 */
@FunctionalInterface
public interface DatagramService {
    /** Serves one datagram, typically by calling {@link Datagram#reply}. */
    void serve(Datagram datagram) throws IOException;
}
