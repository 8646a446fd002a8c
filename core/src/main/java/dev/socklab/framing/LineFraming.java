package dev.socklab.framing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import dev.socklab.service.LineTooLongException;

/**
 * Lines and chunks over a {@link ByteSource}: the framing behind a connection's {@code readLine},
 * {@code readUpTo} and {@code read}, apart from the socket. It never touches one, so a protocol's
 * parser reads through it in memory just as it does over the network (as Helidon's
 * {@code DataReader} pulls bytes through a supplier, and as Netty's {@code LineBasedFrameDecoder}
 * is tested without a channel).
 *
 * <p>Bytes that a line read takes past its end wait in a read-ahead buffer for the next read of
 * any kind. The buffer is allocated by the first read that needs it, at 1 KiB, and doubles only
 * while reads fill it, up to the line limit and a CRLF; the scan for LF resumes where the last one
 * stopped. A {@code read} with nothing read ahead goes to the source with the caller's buffer, so
 * bytes that are not framed are never copied.
 *
 * <p>Not for use from more than one thread.
 */
public final class LineFraming {
    private static final int FIRST_AHEAD = 1024;
    /**
     * The most read-ahead room {@code readUpTo} asks for. The buffer still starts at 1 KiB and grows only
     * when a read fills it, which a {@code readUpTo} that empties it never does: a long one reads a KiB a go.
     */
    private static final int MAX_CHUNK = 64 * 1024;

    private final ByteSource source;
    private final int maxLineLength;
    /** Bytes read ahead, in read mode; null until first needed. */
    private ByteBuffer ahead;
    private boolean sawEof;

    /**
     * Framing of what {@code source} gives.
     *
     * @param maxLineLength the longest line any read accepts, not counting its end
     */
    public LineFraming(ByteSource source, int maxLineLength) {
        if (maxLineLength < 1) {
            throw new IllegalArgumentException("a line must be allowed at least 1 byte, not " + maxLineLength);
        }
        this.source = source;
        this.maxLineLength = maxLineLength;
    }

    /**
     * Reads what was read ahead or else what the source has, up to {@code dst.remaining()} bytes,
     * waiting for at least one.
     *
     * @return the number of bytes read, or -1 at the end of the stream
     */
    public int read(ByteBuffer dst) throws IOException {
        if (ahead != null && ahead.hasRemaining()) {
            return drainAhead(dst);
        }
        return received(source.read(dst));
    }

    /**
     * Reads what was read ahead or else what the source gives within {@code wait}, up to
     * {@code dst.remaining()} bytes.
     *
     * @return the number of bytes read, 0 if none came within {@code wait}, or -1 at the end of the stream
     */
    public int read(ByteBuffer dst, Duration wait) throws IOException {
        if (ahead != null && ahead.hasRemaining()) {
            return drainAhead(dst);
        }
        if (sawEof) {
            return -1;
        }
        return received(source.read(dst, wait));
    }

    /**
     * Waits at most {@code wait} for something to read, and takes none of it: whether bytes were
     * read ahead already or came within the wait (kept for the next read), or the stream ended.
     */
    public boolean awaitReadable(Duration wait) throws IOException {
        if (ahead != null && ahead.hasRemaining() || sawEof) {
            return true;
        }
        return fillAhead(maxLineLength + 2, wait) != 0;
    }

    /** Reads one line of at most the framing's line limit; see {@link #readLine(int)}. */
    public Optional<String> readLine() throws IOException {
        return line(maxLineLength, null);
    }

    /**
     * Reads one line ended by LF or CRLF and returns it without its end, decoded as UTF-8
     * (malformed bytes become U+FFFD). At the end of the stream the bytes since the last line end
     * are a last line; after that, empty.
     *
     * @param maxBytes the longest line accepted, not counting its end; the smaller of this and
     *     the framing's line limit applies
     * @throws LineTooLongException when that many bytes arrive with no line end
     */
    public Optional<String> readLine(int maxBytes) throws IOException {
        return line(maxBytes, null);
    }

    /**
     * Reads one request: a line, as {@link #readLine(int)}, or what came before the source paused
     * for {@code pause} in the middle of one. Waiting for the first byte has no such bound.
     */
    public Optional<String> readLine(int maxBytes, Duration pause) throws IOException {
        return line(maxBytes, pause);
    }

    /**
     * Reads until the end of the stream, {@code maxBytes}, or a pause of {@code quiet}, whichever is
     * first, decoded as UTF-8.
     *
     * @return what came, or empty if nothing did
     */
    public Optional<String> readUpTo(int maxBytes, Duration quiet) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        while (got.size() < maxBytes) {
            if (ahead != null && ahead.hasRemaining()) {
                int n = Math.min(ahead.remaining(), maxBytes - got.size());
                got.write(ahead.array(), ahead.arrayOffset() + ahead.position(), n);
                ahead.position(ahead.position() + n);
            } else if (sawEof || fillAhead(Math.clamp(maxBytes, 1, MAX_CHUNK), quiet) <= 0) {
                break;
            }
        }
        return got.size() == 0 ? Optional.empty() : Optional.of(got.toString(StandardCharsets.UTF_8));
    }

    /**
     * A line ended by LF or CRLF or, with a {@code pause}, by the source pausing that long after
     * giving part of one; {@code pause} null for no such end.
     */
    private Optional<String> line(int maxBytes, Duration pause) throws IOException {
        int limit = Math.min(maxBytes, maxLineLength);
        int scanned = 0;
        while (true) {
            if (ahead != null) {
                int lf = indexOfLf(ahead, scanned);
                if (lf >= 0) {
                    return Optional.of(takeLine(lf, lf + 1, limit));
                }
                // limit bytes and a CR may wait for their LF; one byte more cannot be a line.
                if (ahead.remaining() > limit + 1) {
                    throw new LineTooLongException(limit);
                }
            }
            int had = ahead == null ? 0 : ahead.remaining();
            if (sawEof) {
                if (had == 0) {
                    return Optional.empty();
                }
                // No LF can come now, so no CR is waiting for one: the last line gets the bare limit.
                if (had > limit) {
                    throw new LineTooLongException(limit);
                }
                return Optional.of(takeLine(ahead.limit(), ahead.limit(), limit));
            }
            if (fillAhead(limit + 2, had > 0 ? pause : null) == 0) {
                // The source paused mid-line: what it gave is the whole request.
                return Optional.of(takeLine(ahead.limit(), ahead.limit(), limit));
            }
            scanned = had;
        }
    }

    /** Takes the bytes of {@code ahead} up to {@code end} (a CR before it dropped) as a line, and moves past {@code next}. */
    private String takeLine(int end, int next, int limit) throws LineTooLongException {
        int stop = end > ahead.position() && ahead.get(end - 1) == '\r' ? end - 1 : end;
        if (stop - ahead.position() > limit) {
            throw new LineTooLongException(limit);
        }
        String line = new String(ahead.array(), ahead.arrayOffset() + ahead.position(), stop - ahead.position(),
                StandardCharsets.UTF_8);
        ahead.position(next);
        return line;
    }

    /**
     * Drops what was read ahead of the caller and not taken yet, and returns how many bytes that
     * was: before a protocol switches what the bytes mean (STARTTLS), what came before the switch
     * must not be read as if it came after.
     */
    public int discardAhead() {
        if (ahead == null) {
            return 0;
        }
        int n = ahead.remaining();
        ahead.position(ahead.limit());
        return n;
    }

    private int drainAhead(ByteBuffer dst) {
        return ByteSource.transfer(ahead, dst);
    }

    /**
     * Reads more bytes onto the end of {@code ahead}, growing it up to {@code maxCapacity} when it is
     * full, waiting at most {@code wait} for them, or with null as long as the source lets a read wait.
     *
     * @return the bytes added, -1 at the end of the stream, or 0 when the wait passed first
     */
    private int fillAhead(int maxCapacity, Duration wait) throws IOException {
        if (ahead == null) {
            ahead = ByteBuffer.allocate(Math.min(maxCapacity, FIRST_AHEAD)).flip();
        }
        ahead.compact();
        try {
            if (!ahead.hasRemaining() && ahead.capacity() < maxCapacity) {
                ahead = ByteBuffer.allocate(Math.min(ahead.capacity() * 2, maxCapacity)).put(ahead.flip());
            }
            return received(wait == null ? source.read(ahead) : source.read(ahead, wait));
        } finally {
            ahead.flip();
        }
    }

    private int received(int n) {
        if (n < 0) {
            sawEof = true;
        }
        return n;
    }

    private static int indexOfLf(ByteBuffer buffer, int from) {
        for (int i = buffer.position() + from; i < buffer.limit(); i++) {
            if (buffer.get(i) == '\n') {
                return i;
            }
        }
        return -1;
    }
}
