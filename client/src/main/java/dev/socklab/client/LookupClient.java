package dev.socklab.client;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The client of the lab's {@code arp} and {@code rarp} services: one request in, one reply line
 * out, any number of times on one connection.
 *
 * <p>Replies, as socklab's services give them: for {@code arp}, a hardware address such as
 * {@code 0A:0B:0C:0D}; for {@code rarp}, IP addresses separated by single spaces; from either,
 * {@code Not Found} or {@code Invalid address: "..."}.
 *
 * <p>One request at a time: each lookup waits for its reply before the next is sent, because a
 * lab server reads raw 1024-byte chunks, and requests sent back to back would reach it as one.
 */
public final class LookupClient {
    /** The longest reply read: room for thousands of addresses in a {@code rarp} reply. */
    private static final int MAX_REPLY = 64 * 1024;

    private LookupClient() {
    }

    /**
     * Sends {@code request} and a line end, then reads one reply: until a line end, EOF, or a
     * pause of 200 ms once the reply has begun (the lab's server answers with no line end), as
     * {@link DaytimeClient} reads the date. The connection stays open for the next lookup.
     *
     * @param conn a connection to a lookup server
     * @param request an IP address for {@code arp}, a hardware address for {@code rarp}
     * @param timeout how long to wait for the reply to begin
     * @return the reply, without its line end
     * @throws IllegalArgumentException if {@code request} holds a line end, which would make it two
     * @throws SocketTimeoutException if no reply comes in time
     * @throws EOFException if the server closes without answering
     * @throws ReplyTooLongException if the reply passes 64 KiB without ending
     * @throws IOException if the connection fails
     */
    public static String lookup(ClientConnection conn, String request, Duration timeout) throws IOException {
        conn.write((oneLine(request) + "\n").getBytes(StandardCharsets.UTF_8));
        return ReplyReader.read(conn, MAX_REPLY, timeout).text();
    }

    /**
     * Sends {@code request} as one datagram, with no line end since the datagram bounds it, and
     * returns the one reply datagram.
     *
     * @param client a socket for talking to a lookup server
     * @param request an IP address for {@code arp}, a hardware address for {@code rarp}
     * @param timeout how long to wait for the reply
     * @return the reply, without its line end
     * @throws IllegalArgumentException if {@code request} holds a line end
     * @throws SocketTimeoutException if no reply comes, such as
     *     {@code no answer from 127.0.0.1:10001 within 2s}
     * @throws IOException if sending or receiving fails
     */
    public static String lookup(DatagramClient client, String request, Duration timeout) throws IOException {
        return DatagramExchange.request(client, oneLine(request).getBytes(StandardCharsets.UTF_8), timeout);
    }

    private static String oneLine(String request) {
        if (request.indexOf('\n') >= 0 || request.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a request is one line, with no line end in it");
        }
        return request;
    }
}
