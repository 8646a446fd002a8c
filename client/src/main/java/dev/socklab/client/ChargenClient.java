package dev.socklab.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Character generator protocol, RFC 864: over a stream the server sends lines of characters until
 * the client closes; over UDP it answers each datagram with one datagram of characters.
 *
 * <p>A stream is read as lines ending in LF (RFC 864's end in CRLF, whose last byte is LF), each
 * at most {@link #MAX_LINE} bytes long, so that a server that never ends a line cannot keep the
 * client reading for ever.
 */
public final class ChargenClient {
    /**
     * How big a UDP request the command line pads to unless told otherwise: socklab caps each UDP
     * reply at the request's size times the service's amplification factor, so that a forged source
     * address cannot turn a small request into a flood at someone else, and a client that wants a
     * full reply (up to 512 characters) pads its request. Other chargen servers answer any datagram,
     * padded or not.
     */
    public static final int DEFAULT_UDP_REQUEST = UdpPadding.DEFAULT_REQUEST;
    /** The longest line read: RFC 864's lines are 74 bytes, and 8 KiB leaves room for any width. */
    static final int MAX_LINE = 8192;
    private static final int CHUNK = 4096;

    private ChargenClient() {
    }

    /**
     * Copies the first {@code lines} lines the server sends to {@code out}, each read's worth as it
     * comes, then closes the connection: a chargen server sends until its client goes away, and
     * closing with its later lines unread resets the connection, so the server's next write fails
     * at once. Bytes after the last line end are dropped.
     *
     * @param conn a connection to a chargen server; closed once reading ends, whether the lines came
     *     or the reading failed
     * @param lines how many lines to copy; 0 copies none and just closes
     * @param out where the lines go, with their line ends, flushed after each read; not closed
     * @param timeout how long each read may wait for the server
     * @return how many whole lines were copied: {@code lines}, or fewer if the server closed first,
     *     in which case a last line without its end is copied but not counted
     * @throws IllegalArgumentException if {@code lines} is negative
     * @throws SocketTimeoutException if the server sends nothing for {@code timeout}
     * @throws ReplyTooLongException if a line passes {@link #MAX_LINE} bytes without ending
     * @throws IOException if the connection fails, or {@code out} cannot be written
     */
    public static long lines(ClientConnection conn, long lines, OutputStream out, Duration timeout)
            throws IOException {
        if (lines < 0) {
            throw new IllegalArgumentException("the number of lines must not be negative, not " + lines);
        }
        Objects.requireNonNull(out, "out");
        Deadline.requirePositive(timeout);
        try (conn) {
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
            long copied = 0;
            int lineLength = 0;
            while (copied < lines) {
                int n = conn.read(buffer.clear(), timeout);
                if (n < 0) {
                    break;
                }
                int keep = n;
                for (int i = 0; i < n; i++) {
                    if (buffer.get(i) != '\n') {
                        if (++lineLength > MAX_LINE) {
                            throw new ReplyTooLongException(MAX_LINE);
                        }
                    } else {
                        lineLength = 0;
                        if (++copied == lines) {
                            keep = i + 1;
                            break;
                        }
                    }
                }
                out.write(buffer.array(), 0, keep);
                out.flush();
            }
            return copied;
        }
    }

    /**
     * Sends a request of {@code requestBytes} spaces and returns the one datagram of characters
     * that answers it. RFC 864 lets the server pick any length from 0 to 512; socklab's answers
     * with at most the request's size times its amplification factor, up to 512, hence
     * {@link #DEFAULT_UDP_REQUEST}.
     *
     * @param client a socket for talking to a chargen server
     * @param requestBytes the request's size, from 0 to 65,507 bytes
     * @param timeout how long to wait for the reply
     * @return the reply as sent, line ends and all, decoded as UTF-8; empty for an empty reply
     * @throws IllegalArgumentException if {@code requestBytes} does not fit in a datagram
     * @throws SocketTimeoutException if no reply comes, such as
     *     {@code no answer from 127.0.0.1:10019 within 2s}
     * @throws PortUnreachableException if nothing listens there; its message says that socklab serves
     *     chargen over UDP only when named ({@code chargen/udp})
     * @throws IOException if sending or receiving fails
     */
    public static String datagram(DatagramClient client, int requestBytes, Duration timeout) throws IOException {
        Deadline.requirePositive(timeout);
        DatagramClient.Reply reply;
        try {
            client.send(UdpPadding.spaces(requestBytes));
            reply = client.receive(DatagramExchange.MAX_DATAGRAM, timeout)
                    .orElseThrow(() -> DatagramExchange.noAnswer(client, timeout));
        } catch (PortUnreachableException e) {
            throw DatagramExchange.servedOnlyWhenNamed(e, "chargen");
        }
        // Not stripped, unlike a one-line reply: the characters are the service's whole answer.
        return StandardCharsets.UTF_8.decode(reply.data()).toString();
    }
}
