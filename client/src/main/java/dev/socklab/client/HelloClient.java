package dev.socklab.client;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The client of the lab's greeting service. Over a stream the server sends its greeting
 * ({@code Hello World!} and CRLF by default) and closes; over UDP it answers any datagram with it.
 */
public final class HelloClient {
    /** The longest greeting read: far more than any greeting, little enough to hold in memory. */
    private static final int MAX_GREETING = 64 * 1024;
    /**
     * What a UDP greeting is asked with. Not empty, because lab servers written as
     * {@code if not data: break} ignore an empty datagram.
     */
    private static final byte[] REQUEST = "hello\n".getBytes(StandardCharsets.US_ASCII);

    private HelloClient() {
    }

    /**
     * Reads the greeting to EOF (at most 64 KiB) within {@code timeout}, decoded as UTF-8 and
     * without one trailing CRLF or LF. The caller still closes the connection.
     *
     * @param conn a connection to a greeting server
     * @param timeout how long the whole greeting may take
     * @return the greeting, such as {@code Hello World!}
     * @throws SocketTimeoutException if nothing arrives in time
     * @throws IOException if the connection fails
     */
    public static String greeting(ClientConnection conn, Duration timeout) throws IOException {
        return LineEnds.strip(new String(conn.readToEof(MAX_GREETING, timeout), StandardCharsets.UTF_8));
    }

    /**
     * Sends the datagram {@code hello\n} to the server and returns the first reply that comes
     * within {@code timeout}, from any address, decoded as UTF-8 and without one trailing CRLF
     * or LF.
     *
     * @param client a socket for talking to a greeting server
     * @param timeout how long to wait for the reply
     * @return the greeting, such as {@code Hello World!}
     * @throws SocketTimeoutException if no reply comes, such as
     *     {@code no answer from 127.0.0.1:10000 within 2s}
     * @throws IOException if sending or receiving fails
     */
    public static String greeting(DatagramClient client, Duration timeout) throws IOException {
        return DatagramExchange.request(client, REQUEST, timeout);
    }
}
