package dev.socklab.services.chargen;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.socklab.service.Connection;
import dev.socklab.service.Datagram;
import dev.socklab.service.DatagramService;
import dev.socklab.service.StreamService;
import dev.socklab.services.Reloadable;
import dev.socklab.services.ServiceReload;
import dev.socklab.services.ServiceSettings;

/**
 * Character generator protocol, RFC 864: the rotating pattern of printable ASCII, sent until the
 * client closes. The characters are RFC 864's ring of 95, the codes 32 (space) to 126 ({@code ~});
 * line {@code k} (from 0) holds 72 of them, starting at code {@code 32 + (k + 1) mod 95}, and ends
 * with CRLF; after 95 lines the pattern starts again. So the first line is
 * {@code !"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefgh}, byte for byte
 * the first line of RFC 864's example and of xinetd's chargen, and the second starts with
 * {@code "}.
 *
 * <p>The RFC's text numbers its lines from a line 0 that starts with the space, but its example
 * starts one character on, with {@code !}, and keeps the space (a line ends {@code ~ !"}): this is
 * the example's pattern. xinetd leaves the space out of its ring (and, by an off-by-one, the
 * {@code ~}); its lines are the same as these up to the first {@code ~}, in the 23rd line. BSD inetd
 * starts with the space.
 *
 * <p>Over TCP the service writes until a write fails: the client has closed (ending the
 * connection as closed by client), or has stopped reading for the runtime's write timeout
 * ({@code Limits.writeTimeout}), when the runtime closes it as timed out.
 *
 * <p>Over UDP each datagram is answered with one datagram of the pattern, each starting at the
 * line after the previous one's first line. RFC 864 says the reply's length is random, between 0
 * and 512 characters; socklab instead sends as much as the request allows,
 * {@code min(512, request bytes × amplification)} characters, so that a reply is never larger
 * than the request times the amplification factor. With a factor of 1 an empty datagram gets an
 * empty datagram back.
 */
public final class ChargenService implements StreamService, DatagramService, Reloadable {
    /** The most characters a UDP reply holds (RFC 864). */
    public static final int MAX_DATAGRAM_CHARS = 512;
    /** Characters on a line, not counting its CRLF. */
    static final int LINE_CHARS = 72;
    /** Characters on a line with its CRLF. */
    static final int LINE_BYTES = LINE_CHARS + 2;
    /** The printable ASCII characters, 32 to 126: the pattern repeats after this many lines. */
    static final int LINES = 95;
    private static final int FIRST = ' ';
    /** Where the first line starts in the ring: at {@code !}, one after the space, as RFC 864's example does. */
    private static final int FIRST_LINE_START = 1;

    /**
     * The 95-line cycle (95 × 74 bytes), followed by its first 512 bytes again, so that a datagram
     * starting on any line is one slice even where it runs past the end of the cycle. Read-only and
     * shared: connections and datagrams write views of it and hold no buffer of their own.
     */
    private static final ByteBuffer PATTERN = pattern();
    /** The cycle alone, which a TCP connection writes again and again. */
    private static final ByteBuffer CYCLE = PATTERN.duplicate().limit(LINES * LINE_BYTES).slice();

    /** Changed by a reload: datagrams from then on are held to the new factor. */
    private volatile int amplification;
    /** The line the next datagram starts on, from 0 to 94. */
    private final AtomicInteger nextLine = new AtomicInteger();

    /**
     * A chargen service whose UDP replies are at most {@code amplification} times the request.
     *
     * @throws IllegalArgumentException if {@code amplification} is less than 1
     */
    public ChargenService(int amplification) {
        if (amplification < 1) {
            throw new IllegalArgumentException("the chargen amplification factor must be at least 1, not "
                    + amplification);
        }
        this.amplification = amplification;
    }

    /** Takes the amplification factor anew ({@code --udp-amplification}), for datagrams from then on. */
    @Override
    public ServiceReload reload(ServiceSettings fresh) {
        int before = amplification;
        int after = fresh.udpAmplification();
        return new ServiceReload(before == after ? List.of()
                : List.of("chargen: --udp-amplification: " + before + " -> " + after), () -> amplification = after);
    }

    @Override
    public void serve(Connection conn) throws IOException {
        // Ends only when a write fails: the client closed, or stopped reading past the write timeout.
        while (true) {
            conn.write(CYCLE.duplicate());
        }
    }

    @Override
    public void serve(Datagram datagram) throws IOException {
        int chars = maxReplyBytes(datagram.payload().remaining());
        int start = nextLine.getAndUpdate(line -> (line + 1) % LINES) * LINE_BYTES;
        datagram.reply(PATTERN.duplicate().position(start).limit(start + chars));
    }

    /** {@code min(512, requestBytes × amplification)}: each reply's exact size. */
    @Override
    public int maxReplyBytes(int requestBytes) {
        return (int) Math.min(MAX_DATAGRAM_CHARS, (long) requestBytes * amplification);
    }

    private static ByteBuffer pattern() {
        int cycle = LINES * LINE_BYTES;
        byte[] bytes = new byte[cycle + MAX_DATAGRAM_CHARS];
        for (int line = 0; line < LINES; line++) {
            int at = line * LINE_BYTES;
            for (int i = 0; i < LINE_CHARS; i++) {
                bytes[at + i] = (byte) (FIRST + (FIRST_LINE_START + line + i) % LINES);
            }
            bytes[at + LINE_CHARS] = '\r';
            bytes[at + LINE_CHARS + 1] = '\n';
        }
        System.arraycopy(bytes, 0, bytes, cycle, MAX_DATAGRAM_CHARS);
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }
}
