package dev.socklab.client;

import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import dev.socklab.net.SocketAddresses;
import dev.socklab.text.Durations;

/**
 * Time protocol, RFC 868: the server sends the time as 4 bytes, a big-endian unsigned count of
 * seconds since 1900-01-01T00:00Z, over a stream as soon as the client connects, and over UDP in
 * answer to any datagram.
 *
 * <p>32 bits of seconds run out on 2036-02-07T06:28:16Z, when the count wraps to 0. A count alone
 * cannot say which 136-year era it belongs to, so it is decoded in the era that puts it nearest
 * to the local clock: a server past the wrap, read by a client whose clock is roughly right, then
 * decodes to 2036 and later rather than to 1900.
 *
 * <p>Any 4 bytes decode to some date, so a reply of another length is refused rather than decoded:
 * a client pointed at the wrong port (the hello service sends 14 bytes) would otherwise print a
 * date decades away without a word.
 */
public final class TimeClient {
    /** How many bytes the time takes on the wire. */
    private static final int TIME_BYTES = 4;
    /**
     * How long, once the 4 bytes are in, a stream waits for the server's close or for more bytes: a
     * time server sends nothing more, while a server of another protocol on the port sends the rest
     * of its reply at once. A time server that waits for the client to close first, as RFC 868's
     * exchange has it, costs this much.
     */
    private static final Duration MORE_BYTES_WAIT = Duration.ofMillis(200);
    /** The most bytes of a reply too long that are counted, to say how long it was. */
    private static final int MAX_COUNTED = 64 * 1024;
    /** Why a reply of the wrong length is refused, and what to check. */
    private static final String NOT_A_TIME = "not the " + TIME_BYTES
            + " of an RFC 868 time: it is not a time server (check the port)";
    /** 1900-01-01T00:00Z, in seconds from the Unix epoch: 70 years, 17 of them leap years. */
    private static final long EPOCH_1900 = -2_208_988_800L;
    /** One era: the span of a 32-bit count of seconds, about 136 years. */
    private static final long ERA = 1L << 32;

    private TimeClient() {
    }

    /**
     * Reads the time's 4 bytes, checks that nothing follows them, and decodes them against the local
     * clock. Returns once the server closes after the 4 bytes, or 200 ms after them if it does not,
     * without waiting for its close: in RFC 868 the client may close first, once it has the time, so
     * the caller closes the connection next.
     *
     * @param conn a connection to a time server
     * @param timeout how long the 4 bytes may take in all
     * @return the server's time, to the second
     * @throws SocketTimeoutException if the 4 bytes do not all come in time
     * @throws EOFException if the server closes before sending all 4
     * @throws ProtocolException if the server sends more than 4 bytes, such as
     *     {@code 127.0.0.1:10000 sent 14 bytes, not the 4 of an RFC 868 time: it is not a time server (check the port)}
     * @throws IOException if the connection fails
     */
    public static Instant fetch(ClientConnection conn, Duration timeout) throws IOException {
        Deadline.requirePositive(timeout);
        long end = System.nanoTime() + timeout.toNanos();
        ByteBuffer time = ByteBuffer.allocate(TIME_BYTES);
        while (time.hasRemaining()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw tooSlow(time.position(), timeout, null);
            }
            int n;
            try {
                // Nothing yet means this is the first read: it waits the whole timeout, so that its
                // message names the timeout as given.
                n = conn.read(time, time.position() == 0 ? timeout : Duration.ofNanos(left));
            } catch (SocketTimeoutException e) {
                if (time.position() == 0) {
                    throw e;
                }
                throw tooSlow(time.position(), timeout, e);
            }
            if (n < 0) {
                throw new EOFException(time.position() == 0
                        ? "the server closed the connection without sending the time"
                        : "the server closed the connection after " + time.position() + " of the time's "
                                + TIME_BYTES + " bytes");
            }
        }
        requireNothingMore(conn);
        return decode(Integer.toUnsignedLong(time.flip().getInt()), Instant.now());
    }

    /**
     * Sends an empty datagram, as {@code rdate -u} does, and decodes the 4-byte reply against the
     * local clock.
     *
     * @param client a socket for talking to a time server
     * @param timeout how long to wait for the reply
     * @return the server's time, to the second
     * @throws SocketTimeoutException if no reply comes, such as
     *     {@code no answer from 127.0.0.1:10037 within 2s}
     * @throws ProtocolException if the reply is not 4 bytes long
     * @throws IOException if sending or receiving fails
     */
    public static Instant fetch(DatagramClient client, Duration timeout) throws IOException {
        Deadline.requirePositive(timeout);
        client.send(new byte[0]);
        // Room for any datagram, so that a reply of the wrong length shows its true length.
        ByteBuffer reply = client.receive(DatagramExchange.MAX_DATAGRAM, timeout)
                .orElseThrow(() -> DatagramExchange.noAnswer(client, timeout))
                .data();
        if (reply.remaining() != TIME_BYTES) {
            throw new ProtocolException("the reply from " + SocketAddresses.format(client.server()) + " was "
                    + reply.remaining() + " bytes, " + NOT_A_TIME);
        }
        return decode(Integer.toUnsignedLong(reply.getInt()), Instant.now());
    }

    /**
     * The instant that a 32-bit count of seconds since 1900 stands for, in the era (a multiple of
     * 2<sup>32</sup> seconds from 1900) that puts it nearest to {@code reference}.
     *
     * @param seconds32 the count as sent, from 0 to 2<sup>32</sup> - 1
     * @param reference the time it should be near, usually the local clock
     * @return the decoded instant, within 2<sup>31</sup> seconds (68 years) of {@code reference}
     * @throws IllegalArgumentException if {@code seconds32} does not fit in 32 unsigned bits
     */
    public static Instant decode(long seconds32, Instant reference) {
        Objects.requireNonNull(reference, "reference");
        if (seconds32 < 0 || seconds32 >= ERA) {
            throw new IllegalArgumentException("an RFC 868 time is from 0 to " + (ERA - 1) + ", not " + seconds32);
        }
        long referenceSince1900 = reference.getEpochSecond() - EPOCH_1900;
        // The era whose copy of seconds32 lies within half an era of the reference: a rounded division.
        long era = Math.floorDiv(referenceSince1900 - seconds32 + ERA / 2, ERA);
        return Instant.ofEpochSecond(EPOCH_1900 + era * ERA + seconds32);
    }

    /** Refuses a server that sends more after the time's 4 bytes: it speaks another protocol. */
    private static void requireNothingMore(ClientConnection conn) throws IOException {
        byte[] more;
        try {
            more = conn.readToEof(MAX_COUNTED, MORE_BYTES_WAIT);
        } catch (SocketTimeoutException e) {
            return; // nothing more, and no close yet: a time server waiting for this client to close
        }
        if (more.length > 0) {
            String sent = more.length == MAX_COUNTED
                    ? "more than " + MAX_COUNTED
                    : String.valueOf(TIME_BYTES + more.length);
            throw new ProtocolException(SocketAddresses.format(conn.peer()) + " sent " + sent + " bytes, " + NOT_A_TIME);
        }
    }

    /** The timeout of a server that sent part of the time and then stalled. */
    private static SocketTimeoutException tooSlow(int received, Duration timeout, SocketTimeoutException cause) {
        SocketTimeoutException e = new SocketTimeoutException("the server sent " + received + " of the time's "
                + TIME_BYTES + " bytes within " + Durations.format(timeout));
        e.initCause(cause);
        return e;
    }
}
