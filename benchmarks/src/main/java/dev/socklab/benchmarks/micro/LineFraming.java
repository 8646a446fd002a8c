package dev.socklab.benchmarks.micro;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.socklab.service.LineTooLongException;

/**
 * A copy of the line framing of {@code dev.socklab.runtime.ChannelConnection} ({@code line},
 * {@code takeLine}, {@code fillAhead}, {@code indexOfLf}), reading from bytes in memory instead of
 * a socket. A copy, because the original is package-private and bound to a live channel, and
 * through a real connection the socket's cost would drown the framing's.
 *
 * <p>Kept line for line the same: the read-ahead buffer that starts at 1 KiB and doubles up to
 * the limit plus CRLF, compacted before each read; the scan for LF that resumes where the last
 * one stopped; a CR before the LF dropped; the UTF-8 decode. Left out, because they are the
 * socket's part: the read deadlines and the pending read of a timed wait (so a line never ends by
 * the client pausing), and the trace guard. Each read fills all the room the buffer has, as a
 * socket does when the client has sent plenty.
 */
final class LineFraming {
    private static final int FIRST_AHEAD = 1024;

    private final ByteBuffer source;
    private final int maxLineLength;
    private ByteBuffer ahead;
    private boolean sawEof;
    private long bytesIn;

    /** Framing over {@code source}, from its position to its limit, with the runtime's line limit. */
    LineFraming(ByteBuffer source, int maxLineLength) {
        this.source = source;
        this.maxLineLength = maxLineLength;
    }

    /** As {@code Connection.readLine()}: the next line without its end, or empty at EOF. */
    Optional<String> readLine() throws LineTooLongException {
        return line(maxLineLength);
    }

    long bytesIn() {
        return bytesIn;
    }

    private Optional<String> line(int maxBytes) throws LineTooLongException {
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
                if (had > limit) {
                    throw new LineTooLongException(limit);
                }
                return Optional.of(takeLine(ahead.limit(), ahead.limit(), limit));
            }
            if (fillAhead(limit + 2) == 0) {
                // In the runtime, the client paused mid-line; in memory, only a full buffer reads 0.
                return Optional.of(takeLine(ahead.limit(), ahead.limit(), limit));
            }
            scanned = had;
        }
    }

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

    private int fillAhead(int maxCapacity) {
        if (ahead == null) {
            ahead = ByteBuffer.allocate(Math.min(maxCapacity, FIRST_AHEAD)).flip();
        }
        ahead.compact();
        try {
            if (!ahead.hasRemaining() && ahead.capacity() < maxCapacity) {
                ahead = ByteBuffer.allocate(Math.min(ahead.capacity() * 2, maxCapacity)).put(ahead.flip());
            }
            return receive(ahead);
        } finally {
            ahead.flip();
        }
    }

    /** Stands for {@code channel.read(dst)}: as many bytes as there is room for, or -1 at the end. */
    private int receive(ByteBuffer dst) {
        if (!source.hasRemaining()) {
            sawEof = true;
            return -1;
        }
        int n = Math.min(dst.remaining(), source.remaining());
        dst.put(dst.position(), source, source.position(), n);
        dst.position(dst.position() + n);
        source.position(source.position() + n);
        bytesIn += n;
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
