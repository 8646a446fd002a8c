package dev.socklab.services.daytime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import dev.socklab.net.SocketAddresses;
import dev.socklab.service.Connection;
import dev.socklab.service.Datagram;
import dev.socklab.service.DatagramService;
import dev.socklab.service.StreamService;
import dev.socklab.services.Reloadable;
import dev.socklab.services.ServiceReload;
import dev.socklab.services.ServiceSettings;
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
public final class DaytimeService implements StreamService, DatagramService, Reloadable {
    /** The most of an acknowledgement that is read and logged. */
    public static final int MAX_ACK_BYTES = 1024;
    /** How long the client may stay quiet before the acknowledgement is taken to be complete. */
    public static final Duration DEFAULT_ACK_WAIT = Duration.ofSeconds(2);
    /** How much of an acknowledgement a log line shows. */
    private static final int ACK_PREVIEW = 200;
    /** Room for dates that write longer than today's (a longer month or day name), and the CRLF. */
    private static final int LENGTH_MARGIN = 16 + 2;

    /** The instant a reload writes in the old and the new format: each field differs from the others. */
    private static final Instant SAMPLE = Instant.parse("2001-02-03T04:05:06Z");

    private final Clock clock;
    /** How it writes the date and waits for the acknowledgement, swapped whole by a reload; each request reads it once. */
    private volatile Telling telling;

    /** A daytime service telling the time of {@code clock} (whose zone applies) in {@code format}. */
    public DaytimeService(Clock clock, DateTimeFormatter format, Duration ackWait) {
        this.clock = clock;
        this.telling = new Telling(clock, format, ackWait);
    }

    /**
     * The format and the wait of one request.
     *
     * @param maxReply the longest date line, with room to spare: longer days than today's, and the CRLF
     */
    private record Telling(DateTimeFormatter format, Duration ackWait, int maxReply) {
        Telling(Clock clock, DateTimeFormatter format, Duration ackWait) {
            this(format, ackWait, line(clock, format).getBytes(StandardCharsets.UTF_8).length + LENGTH_MARGIN);
        }
    }

    /**
     * Takes the format and the acknowledgement's wait anew, for requests from then on (a connection
     * waiting for its acknowledgement keeps its wait). The zone is the clock's: {@code socklab serve}'s
     * is a {@link dev.socklab.services.ZoneClock}, which a reload changes for every service at once.
     */
    @Override
    public ServiceReload reload(ServiceSettings fresh) {
        Telling before = telling;
        DateTimeFormatter format = fresh.daytimeFormat();
        // Sized in the zone the reload may bring too (a format may write the zone's name).
        Telling next = new Telling(fresh.clock(), format, fresh.ackWait());
        List<String> changes = new ArrayList<>(ServiceReload.changes("daytime", before, next,
                new ServiceReload.Setting<>("--ack-wait", Telling::ackWait)));
        // A formatter cannot be compared: one instant written both ways can, and shows the change.
        Clock instant = Clock.fixed(SAMPLE, clock.getZone());
        String was = line(instant, before.format());
        String is = line(instant, format);
        if (!was.equals(is)) {
            changes.add("daytime: --format: " + was + " -> " + is);
        }
        return new ServiceReload(changes, () -> telling = next);
    }

    @Override
    public void serve(Connection conn) throws IOException {
        Telling now = telling;
        conn.writeLine(line(clock, now.format()));
        conn.shutdownOutput();
        conn.readUpTo(MAX_ACK_BYTES, now.ackWait()).ifPresent(ack ->
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
        return telling.maxReply();
    }

    /** The date line it sends now, without the line end: what the rpc service's {@code daytime} answers too. */
    public String now() {
        return line(clock, telling.format());
    }

    private static String line(Clock clock, DateTimeFormatter format) {
        return format.format(ZonedDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS));
    }
}
