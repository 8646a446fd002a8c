package dev.socklab.engine;

import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * A bound, listening stream socket as the engine that serves it waits on it: the thread of its
 * accept loop, and its accepts.
 */
public interface ListeningSocket {
    /** Waits for the next connection and accepts it; fails once the socket is closed. */
    SocketChannel accept() throws IOException;

    /** Starts the accept loop: in a platform thread of its own (jdk), or a virtual thread on a carrier (epoll). */
    Thread start(String name, Runnable loop);

    /** The socket was closed, from any thread: an accept waiting now returns, and fails. */
    void closed();
}
