package dev.socklab.service;

import java.io.IOException;

/**
 * A service over UDP: it is handed each datagram that arrives and may answer it. Datagrams of
 * one socket are served one after another by the socket's receive loop, so a service must not
 * block for long; an exception from one datagram is logged and the loop goes on with the next.
 */
@FunctionalInterface
public interface DatagramService {
    /** The largest payload a UDP datagram can carry (over IPv4: 65,535 less the IP and UDP headers). */
    int MAX_PAYLOAD = 65_507;

    /** Serves one datagram, typically by calling {@link Datagram#reply}. */
    void serve(Datagram datagram) throws IOException;

    /**
     * The most bytes this service sends back, in all, to one datagram of {@code requestBytes}.
     * A UDP reply goes to whatever address the request claims, so this bound is what keeps a
     * service from being an amplifier: the runtime drops any reply past it, and reports each UDP
     * service's worst case at start-up. Services whose replies grow with nothing but the request
     * should say so here; the default admits anything.
     */
    default int maxReplyBytes(int requestBytes) {
        return MAX_PAYLOAD;
    }

    /** The most exchanges ({@link Datagram#openSession}) this service may have open at once, over all sources. */
    default int maxSessions() {
        return 256;
    }

    /** The most exchanges this service may have open at once with one source (an IPv4 address, or an IPv6 /64). */
    default int maxSessionsPerSource() {
        return 8;
    }

    /**
     * Called once when the server begins to stop, while this service's UDP sockets are still open
     * and before the grace period: a service that sends of its own accord (a game, through its
     * {@link DatagramPeer}s) may tell its peers it is going, with a last datagram. An exception
     * from it is logged and the server stops all the same. A service served on several sockets is
     * called once. (Not {@code stopping()}: {@link StreamService#stopping()} has that name, and a
     * service may be both.)
     */
    default void serverStopping() {
    }

    /**
     * Whether the runtime writes a line to the connection log for each datagram served; true by
     * default. A service that gets many datagrams a second from each of its peers (a game's
     * inputs) says false and logs its own sessions; a datagram whose {@code serve} fails is
     * logged all the same.
     */
    default boolean logsEachDatagram() {
        return true;
    }

    /**
     * The receive buffer ({@code SO_RCVBUF}) this service's sockets ask for, in bytes, or 0, the
     * default, for the system's. Datagrams that arrive while the service works on one wait there;
     * past it the kernel drops them. A service that many peers send to many times a second (a
     * game's inputs) asks for more; the kernel holds the ask to {@code net.core.rmem_max}.
     */
    default int receiveBufferBytes() {
        return 0;
    }
}
