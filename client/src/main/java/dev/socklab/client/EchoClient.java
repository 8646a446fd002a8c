package dev.socklab.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import dev.socklab.text.Durations;

/**
 * Echo protocol, RFC 862: the client, used as {@code nc} is. Over a stream the input goes to the
 * server while what comes back goes to the output, both at once; over UDP each line goes as one
 * datagram and waits for its echo.
 */
public final class EchoClient {
    private static final int CHUNK = 8192;

    /**
     * What a UDP relay did.
     *
     * @param sent datagrams sent, one per line
     * @param received lines whose echo came in time
     * @param lost lines whose echo did not come in time
     */
    public record EchoStats(int sent, int received, int lost) {
    }

    private EchoClient() {
    }

    /**
     * Copies {@code in} to the server and what the server sends back to {@code out}, at the same
     * time, until the server closes. The input is copied in a virtual thread, which shuts down the
     * sending side at the input's EOF, so that an echo server sends the rest and closes.
     *
     * <p>While the input is open each read waits as long as it takes, since a person may be typing;
     * once the input has ended, a read that waits {@code timeout} with nothing coming ends the
     * relay. If the server closes first, the relay returns at once, and the copying thread ends
     * at its next read of {@code in}. The caller still closes the connection.
     *
     * @param conn a connection to an echo server, used by two threads here: one reads, one writes
     * @param in what to send; not closed
     * @param out where what comes back is written, and flushed after each read; not closed
     * @param timeout how long the server may stay silent, without closing, once the input has ended
     * @return the number of bytes received
     * @throws SocketTimeoutException if the server neither sends nor closes for {@code timeout}
     *     after the input has ended
     * @throws IOException if the input cannot be read, the connection fails, or sending stops
     *     (such as when the server reads nothing for the write timeout)
     */
    public static long relay(ClientConnection conn, InputStream in, OutputStream out, Duration timeout)
            throws IOException {
        Deadline.requirePositive(timeout);
        Objects.requireNonNull(out, "out");
        // Checked here: in the sending thread a null would end the copy with no one to tell.
        InputSender sender = new InputSender(Objects.requireNonNull(conn, "conn"), Objects.requireNonNull(in, "in"));
        Thread.ofVirtual().name("echo-input").start(sender);
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        long received = 0;
        while (true) {
            // Taken before the read: only a read that began after the input ended may end the relay.
            boolean inputEnded = sender.finished();
            int n;
            try {
                n = conn.read(buffer.clear(), timeout);
            } catch (SocketTimeoutException e) {
                if (sender.failure() != null) {
                    throw sender.failure(); // nothing will end this wait now that sending has stopped
                }
                if (inputEnded) {
                    SocketTimeoutException ended = new SocketTimeoutException("the server neither sent nor closed for "
                            + Durations.format(timeout) + " after the end of the input");
                    ended.initCause(e);
                    throw ended;
                }
                continue;
            }
            if (n < 0) {
                // A failure to send after the server closed is the close itself; one to read the input is not.
                if (sender.inputFailure() != null) {
                    throw sender.inputFailure();
                }
                return received;
            }
            out.write(buffer.array(), 0, n);
            out.flush();
            received += n;
        }
    }

    /**
     * Sends each line of {@code in}, without its line end, as one datagram, and waits up to
     * {@code timeout} for its echo, which is printed as a line on {@code out}. A reply that is not
     * the line just sent (a late echo of an earlier line) is dropped, and the wait goes on: each
     * line counts as received or lost once.
     *
     * @param client a socket for talking to an echo server
     * @param in the lines to send; not closed
     * @param out where each echo is printed; not closed
     * @param timeout how long to wait for each echo
     * @return how many lines were sent, echoed, and lost
     * @throws IOException if the input cannot be read, or sending or receiving fails
     */
    public static EchoStats relayLines(DatagramClient client, BufferedReader in, PrintStream out, Duration timeout)
            throws IOException {
        Deadline.requirePositive(timeout);
        int sent = 0;
        int received = 0;
        String line;
        while ((line = in.readLine()) != null) {
            client.send(line.getBytes(StandardCharsets.UTF_8));
            sent++;
            Optional<String> echo = awaitEcho(client, line, timeout);
            if (echo.isPresent()) {
                out.println(echo.get());
                received++;
            }
        }
        return new EchoStats(sent, received, sent - received);
    }

    private static Optional<String> awaitEcho(DatagramClient client, String line, Duration timeout)
            throws IOException {
        long end = System.nanoTime() + timeout.toNanos();
        long left = timeout.toNanos();
        while (left > 0) {
            Optional<DatagramClient.Reply> reply = client.receive(DatagramExchange.MAX_DATAGRAM, Duration.ofNanos(left));
            if (reply.isEmpty()) {
                return Optional.empty();
            }
            String text = LineEnds.strip(StandardCharsets.UTF_8.decode(reply.get().data()).toString());
            if (text.equals(line)) {
                return Optional.of(text);
            }
            left = end - System.nanoTime();
        }
        return Optional.empty();
    }
}
