package dev.socklab.client;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Daytime protocol, RFC 867, with the lab's acknowledgement: the client of a server that sends the
 * date and time as one line, and of the lab's servers, which then wait for the client to
 * acknowledge it before they close.
 *
 * <p>Over a stream, a fetch goes through three states, each bounded:
 * <ol>
 * <li><b>reading the date</b>: until a line end, EOF, or a pause of 200 ms once it has begun, since
 *     the lab's server sends the date with no line end and then waits; up to {@code timeout} for
 *     the first byte;</li>
 * <li><b>acknowledging</b>: the acknowledgement, if any, then {@code shutdown(SHUT_WR)}, so that a
 *     server waiting in {@code recv} gets its answer or EOF at once. A server that has closed
 *     already (RFC 867's own, as xinetd runs it) makes this fail; that failure is shown in the
 *     trace and otherwise ignored;</li>
 * <li><b>waiting for the close</b>: bytes are read and dropped until EOF, a reset, or
 *     {@code timeout}, whichever comes first; none of these is an error.</li>
 * </ol>
 */
public final class DaytimeClient {
    /** The acknowledgement the command line sends unless told otherwise. */
    public static final String DEFAULT_ACK = "acknowledgement from socklab";
    /** The longest date read: far longer than any date format writes. */
    private static final int MAX_DATE = 1024;

    private DaytimeClient() {
    }

    /**
     * Reads the date from a daytime server, acknowledges it, and waits for the server to close, as
     * the class comment describes. The caller still closes the connection.
     *
     * @param conn a connection to a daytime server
     * @param ack the acknowledgement to send as is, with no line end; empty to send none (the
     *     sending side is shut down all the same, so that the lab's server stops waiting for one)
     * @param timeout how long to wait for the date, and then for the server to close
     * @return the date and time, without its line end, such as {@code 21/11/2026 09:30:00}
     * @throws SocketTimeoutException if no date comes in time
     * @throws java.io.EOFException if the server closes without sending a date
     * @throws ReplyTooLongException if the date passes 1 KiB without a line end
     * @throws IOException if the connection fails while the date is read
     */
    public static String fetch(ClientConnection conn, Optional<String> ack, Duration timeout) throws IOException {
        Objects.requireNonNull(ack, "ack");
        ReplyReader.Reply date = ReplyReader.read(conn, MAX_DATE, timeout);
        acknowledge(conn, ack);
        if (!date.serverClosed()) {
            ServerClose.await(conn, timeout);
        }
        return date.text();
    }

    /**
     * Sends one datagram, the acknowledgement or an empty one, and returns the date the server
     * answers with. A UDP daytime server answers whatever datagram it gets; the lab's logs a
     * non-empty one as the acknowledgement.
     *
     * @param client a socket for talking to a daytime server
     * @param ack the acknowledgement to send; empty for an empty datagram
     * @param timeout how long to wait for the reply
     * @return the date and time, without its line end
     * @throws SocketTimeoutException if no reply comes, such as
     *     {@code no answer from 127.0.0.1:10013 within 2s}
     * @throws IOException if sending or receiving fails
     */
    public static String fetch(DatagramClient client, Optional<String> ack, Duration timeout) throws IOException {
        byte[] request = Objects.requireNonNull(ack, "ack").orElse("").getBytes(StandardCharsets.UTF_8);
        return DatagramExchange.request(client, request, timeout);
    }

    private static void acknowledge(ClientConnection conn, Optional<String> ack) {
        try {
            if (ack.isPresent()) {
                conn.write(ack.get().getBytes(StandardCharsets.UTF_8));
            }
            conn.shutdownOutput();
        } catch (IOException e) {
            // The server closed before reading it, as RFC 867 allows: the date is all that matters,
            // and the trace shows the failed call.
        }
    }
}
