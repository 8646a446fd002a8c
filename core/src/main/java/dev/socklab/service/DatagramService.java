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
}
