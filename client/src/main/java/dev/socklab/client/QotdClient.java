package dev.socklab.client;

import java.io.IOException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Quote of the day protocol, RFC 865: over a stream the server sends a quote and closes; over UDP
 * it answers each datagram with a quote. RFC 865 asks for quotes under 512 characters; a quote may
 * span several lines.
 */
public final class QotdClient {
    /**
     * How big a UDP request the command line pads to unless told otherwise: socklab caps each UDP
     * reply at the request's size times the service's amplification factor, so that a forged source
     * address cannot turn a small request into a flood at someone else, and a client that wants a
     * whole quote pads its request. Other qotd servers answer any datagram, padded or not.
     */
    public static final int DEFAULT_UDP_REQUEST = UdpPadding.DEFAULT_REQUEST;
    /** The longest quote read: far more than RFC 865's 512 characters, little enough to hold in memory. */
    private static final int MAX_QUOTE = 64 * 1024;

    private QotdClient() {
    }

    /**
     * Reads the quote until the server closes (at most 64 KiB) within {@code timeout}, decoded as
     * UTF-8 and without one trailing CRLF or LF. A server that sends its quote but does not close
     * costs the whole timeout, and what it sent is returned. The caller still closes the connection.
     *
     * @param conn a connection to a qotd server
     * @param timeout how long the whole quote may take
     * @return the quote, its inner line ends kept; empty if the server closed without one
     * @throws SocketTimeoutException if nothing arrives in time
     * @throws IOException if the connection fails
     */
    public static String quote(ClientConnection conn, Duration timeout) throws IOException {
        return LineEnds.strip(new String(conn.readToEof(MAX_QUOTE, timeout), StandardCharsets.UTF_8));
    }

    /**
     * Sends {@code requestBytes} spaces as one datagram and returns the quote that answers it,
     * decoded as UTF-8 and without one trailing CRLF or LF. socklab answers with at most the
     * request's size times its amplification factor, so a short request may get a cut quote,
     * hence {@link #DEFAULT_UDP_REQUEST}.
     *
     * @param client a socket for talking to a qotd server
     * @param requestBytes the request's size, from 0 to 65,507 bytes
     * @param timeout how long to wait for the reply
     * @return the quote, its inner line ends kept
     * @throws IllegalArgumentException if {@code requestBytes} does not fit in a datagram
     * @throws SocketTimeoutException if no reply comes, such as
     *     {@code no answer from 127.0.0.1:10017 within 2s}
     * @throws PortUnreachableException if nothing listens there; its message says that socklab serves
     *     qotd over UDP only when named ({@code qotd/udp})
     * @throws IOException if sending or receiving fails
     */
    public static String quote(DatagramClient client, int requestBytes, Duration timeout) throws IOException {
        try {
            return DatagramExchange.request(client, UdpPadding.spaces(requestBytes), timeout);
        } catch (PortUnreachableException e) {
            throw DatagramExchange.servedOnlyWhenNamed(e, "qotd");
        }
    }
}
