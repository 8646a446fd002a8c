package dev.socklab.service;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;

import org.slf4j.Logger;

/**
 * A UDP socket the runtime opened for one peer of a {@link DatagramExchange}: what it sends goes to
 * the peer alone, and what it receives is the peer's alone (anything else is answered by
 * {@link DatagramExchange#answerStranger} and dropped). Every call is counted, traced under
 * {@code --trace}, and logged on the exchange's closing line. Not for use from more than one thread.
 */
public interface DatagramSession {
    /** The peer: the address the request that opened this exchange came from. */
    SocketAddress peer();

    /** This socket's own address: the server's address, and a port of its own (the transfer ID). */
    SocketAddress local();

    /** Sends what remains of {@code src} to the peer as one datagram. */
    void send(ByteBuffer src) throws IOException;

    /**
     * Waits at most {@code wait} for the peer's next datagram and puts its payload into {@code dst}
     * (cut to {@code dst.remaining()}, as {@code recv(2)} cuts a datagram to its buffer).
     *
     * @return the payload's length, or -1 if none came within {@code wait}
     */
    int receive(ByteBuffer dst, Duration wait) throws IOException;

    /** A logger for this exchange; each line it writes is tagged with it. */
    Logger log();
}
