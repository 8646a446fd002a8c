package dev.socklab.services.daytime;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import dev.socklab.net.SocketAddresses;
import dev.socklab.service.Connection;
import dev.socklab.service.Datagram;
import dev.socklab.service.DatagramService;
import dev.socklab.service.StreamService;
import dev.socklab.trace.Preview;

/**
 * Daytime protocol, RFC 867, with the lab's acknowledgement: the date and time as one line, then
 * what the client sends back, logged next to its address.
 *
 * <p>Over TCP the sending side is shut down right after the date, so that clients reading until
 * EOF (RFC 867's own) finish at once, while the lab's clients can still send their
 * acknowledgement: the service reads it until EOF, 1 KiB, or a quiet period. Over UDP each
 * datagram is answered with the date, and a non-empty one is logged as an acknowledgement.
 */
public final class DaytimeService implements StreamService, DatagramService {
    /** The most of an acknowledgement that is read and logged. */
    public static final int MAX_ACK_BYTES = 1024;
    /** How long the client may stay quiet before the acknowledgement is taken to be complete. */
    public static final Duration DEFAULT_ACK_WAIT = Duration.ofSeconds(2);
    /** How much of an acknowledgement a log line shows. */
    private static final int ACK_PREVIEW = 200;
    /** Room for dates that write longer than today's (a longer month or day name), and the CRLF. */
    private static final int LENGTH_MARGIN = 16 + 2;

    private final Clock clock;
    private final DateTimeFormatter format;
    private final Duration ackWait;
    private final int maxReply;

    /** A daytime service telling the time of {@code clock} (whose zone applies) in {@code format}. */
    public DaytimeService(Clock clock, DateTimeFormatter format, Duration ackWait) {
        this.clock = clock;
        this.format = format;
        this.ackWait = ackWait;
        this.maxReply = now().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + LENGTH_MARGIN;
    }

    @Override
    public void serve(Connection conn) throws IOException {
        conn.writeLine(now());
        conn.shutdownOutput();
        conn.readUpTo(MAX_ACK_BYTES, ackWait).ifPresent(ack ->
                conn.log().info("acknowledgement from {}: {}", SocketAddresses.format(conn.peer()),
                        Preview.of(ack, ACK_PREVIEW)));
    }

    @Override
    public void serve(Datagram datagram) throws IOException {
        datagram.reply(now() + "\r\n");
        if (datagram.payload().hasRemaining()) {
            datagram.log().info("acknowledgement from {}: {}", SocketAddresses.format(datagram.sender()),
                    Preview.of(datagram.text(), ACK_PREVIEW));
        }
    }

    /** A date line, whatever the request: a few bytes, which is why daytime may answer empty datagrams. */
    @Override
    public int maxReplyBytes(int requestBytes) {
        return maxReply;
    }

    /** The date line it sends now, without the line end: what the rpc service's {@code daytime} answers too. */
    public String now() {
        return format.format(ZonedDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS));
    }
}
