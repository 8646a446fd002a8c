package dev.socklab.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import dev.socklab.framing.ByteSource;
import dev.socklab.trace.Preview;

/**
 * The HTTP/1.1 side of a connection's input (RFC 9112): message heads parsed strictly and within
 * {@link HeadLimits}, bodies by their framing, and, being a {@link ByteSource} itself, whatever
 * comes after (a WebSocket's frames after its handshake) with the bytes it read ahead first.
 *
 * <p>Strict, so that socklab and any proxy in front of it cannot read one request two ways: a bare
 * CR, obsolete line folding, whitespace before a field's colon, a bad field name or control
 * characters in a value are refused with 400. A line may end with LF alone as well as CRLF, the
 * same everywhere (request and status lines, fields, chunk sizes, trailers), as RFC 9112 §2.2
 * allows: a person typing a request into {@code nc} sends LF.
 *
 * <p>Memory is bounded: a read-ahead buffer and one line at a time, at most the limits.
 */
public final class HttpInput implements ByteSource {
    private static final int READ_AHEAD = 4096;
    /** The longest chunk-size line, extensions included: they carry nothing socklab uses. */
    private static final int MAX_CHUNK_LINE = 1024;
    /** Empty lines tolerated before a request line (RFC 9112 §2.2: at least one). */
    private static final int MAX_LEADING_EMPTY_LINES = 4;

    private final ByteSource source;
    private final HeadLimits limits;
    private final ByteBuffer ahead = ByteBuffer.allocate(READ_AHEAD).flip();
    /** The current line, without its end: {@link #length} bytes, and {@link #lineEnd} more of CRLF or LF. */
    private byte[] line = new byte[256];
    private int length;
    private int lineEnd;
    /** Whether the last {@link #readLine} ended mid-line, with bytes of a line read. */
    private boolean midLine;
    /** Whether the source has ended. */
    private boolean atEnd;

    public HttpInput(ByteSource source, HeadLimits limits) {
        this.source = source;
        this.limits = limits;
    }

    /** Whether bytes read from the source wait here, unread: a pipelined request, say. */
    public boolean hasBuffered() {
        return ahead.hasRemaining();
    }

    /**
     * Waits up to {@code wait} for the next message's first byte.
     *
     * @return true once a byte is here, false if none came in time
     * @throws EOFException never: the end of the stream is true too, for the next read to find
     */
    public boolean await(Duration wait) throws IOException {
        if (ahead.hasRemaining()) {
            return true;
        }
        ahead.clear();
        int n;
        try {
            n = source.read(ahead, wait);
        } finally {
            ahead.flip();
        }
        if (n < 0) {
            atEnd = true;
        }
        return n != 0;
    }

    /**
     * Reads the next request's head.
     *
     * @return the head, or empty if the stream ended cleanly before its first byte
     * @throws HttpException 400 for a malformed head, 414 for a request line past the limit, 431
     *     for fields past theirs, 505 for a version other than 1.0 and 1.1
     */
    public Optional<RequestHead> readRequestHead() throws IOException, HttpException {
        int empty = 0;
        while (true) {
            if (!readLine(limits.maxStartLine(), 414, "the request line is longer than " + limits.maxStartLine() + " bytes")) {
                if (length == 0 && empty == 0 && !midLine) {
                    return Optional.empty();
                }
                throw new HttpException(400, "the request ended before its head did");
            }
            if (length > 0) {
                break;
            }
            if (++empty > MAX_LEADING_EMPTY_LINES) {
                throw new HttpException(400, "empty lines instead of a request line");
            }
        }
        int sp1 = indexOf(' ', 0);
        int sp2 = sp1 < 0 ? -1 : indexOf(' ', sp1 + 1);
        if (sp1 <= 0 || sp2 < 0 || indexOf(' ', sp2 + 1) >= 0) {
            throw new HttpException(400, "a request line is METHOD TARGET HTTP/1.1, with single spaces: " + shown(0, length));
        }
        String method = token(0, sp1);
        if (method == null) {
            throw new HttpException(400, "not a method: " + shown(0, sp1));
        }
        String target = target(sp1 + 1, sp2);
        HttpVersion version = version(sp2 + 1, length);
        Fields fields = readFields();
        checkHost(version, fields);
        return Optional.of(new RequestHead(method, target, version, fields));
    }

    /**
     * Reads a response's head, skipping interim 1xx responses other than 101 only if
     * {@code skipInterim} (a client that sent {@code Expect: 100-continue} wants to see 100).
     *
     * @throws HttpException 502 for a malformed or oversized head
     * @throws EOFException if the stream ends before the head does
     */
    public ResponseHead readResponseHead() throws IOException, HttpException {
        try {
            if (!readLine(limits.maxStartLine(), 502, "the status line is longer than " + limits.maxStartLine() + " bytes")) {
                throw new EOFException("the server closed the connection before it answered");
            }
            // HTTP-version SP status-code SP [reason-phrase]; some servers leave out the space before an empty reason.
            if (length < 12 || line[8] != ' ' || length > 12 && line[12] != ' ') {
                throw new HttpException(502, "not an HTTP status line: " + shown(0, length));
            }
            HttpVersion version = version(0, 8);
            int status = 0;
            for (int i = 9; i < 12; i++) {
                byte b = line[i];
                if (b < '0' || b > '9') {
                    throw new HttpException(502, "not a status code: " + shown(9, 12));
                }
                status = status * 10 + (b - '0');
            }
            if (status < 100) {
                throw new HttpException(502, "not a status code: " + status);
            }
            String reason = length > 13 ? new String(line, 13, length - 13, StandardCharsets.ISO_8859_1) : "";
            return new ResponseHead(version, status, reason, readFields());
        } catch (HttpException e) {
            throw e.status() == 502 ? e : new HttpException(502, e.getMessage());
        }
    }

    /**
     * The body of a message framed as {@code framing}, as a stream that ends where the body does.
     * A chunked body's trailer fields are read and dropped. Past {@code maxBody} bytes a read
     * throws a {@link BadBodyException} for 413; a malformed chunked body throws one for 400.
     */
    public InputStream body(BodyFraming framing, long maxBody) {
        return switch (framing) {
            case BodyFraming.None none -> InputStream.nullInputStream();
            case BodyFraming.Length fixed -> new LengthBody(fixed.length());
            case BodyFraming.Chunked chunked -> new ChunkedBody(maxBody);
            case BodyFraming.UntilClose untilClose -> new LengthBody(Long.MAX_VALUE);
        };
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (ahead.hasRemaining()) {
            return ByteSource.transfer(ahead, dst);
        }
        return source.read(dst);
    }

    @Override
    public int read(ByteBuffer dst, Duration wait) throws IOException {
        if (ahead.hasRemaining()) {
            return ByteSource.transfer(ahead, dst);
        }
        return source.read(dst, wait);
    }

    // ---- lines

    /**
     * Reads one line into {@link #line} (without its end), at most {@code max} bytes with its end.
     *
     * @return false at the end of the stream before the line's end
     */
    private boolean readLine(int max, int tooLongStatus, String tooLong) throws IOException, HttpException {
        length = 0;
        midLine = false;
        boolean cr = false;
        while (true) {
            if (!ahead.hasRemaining() && !fill()) {
                midLine = length > 0 || cr;
                return false;
            }
            byte b = ahead.get();
            if (b == '\n') {
                lineEnd = cr ? 2 : 1;
                if (length + lineEnd > max) {
                    throw new HttpException(tooLongStatus, tooLong);
                }
                return true;
            }
            if (cr) {
                throw new HttpException(400, "a CR not followed by LF");
            }
            if (b == '\r') {
                cr = true;
                continue;
            }
            if (length + 1 >= max) {
                throw new HttpException(tooLongStatus, tooLong);
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, Math.min(line.length * 2, Math.max(max, 16)));
            }
            line[length++] = b;
        }
    }

    private boolean fill() throws IOException {
        if (atEnd) {
            return false;
        }
        ahead.clear();
        int n;
        try {
            n = source.read(ahead);
        } finally {
            ahead.flip();
        }
        if (n < 0) {
            atEnd = true;
            return false;
        }
        return true;
    }

    // ---- heads

    private Fields readFields() throws IOException, HttpException {
        Fields.Builder fields = Fields.builder();
        int budget = limits.maxFieldBytes();
        int count = 0;
        while (true) {
            String tooLong = "the header fields are longer than " + limits.maxFieldBytes() + " bytes";
            // Room for the empty line that ends the head, which the limit does not count.
            if (!readLine(budget + 2, 431, tooLong)) {
                throw new HttpException(400, "the message ended before its head did");
            }
            if (length == 0) {
                return fields.build();
            }
            budget -= length + lineEnd;
            if (budget < 0) {
                throw new HttpException(431, tooLong);
            }
            if (++count > limits.maxFields()) {
                throw new HttpException(431, "more than " + limits.maxFields() + " header fields");
            }
            if (line[0] == ' ' || line[0] == '\t') {
                throw new HttpException(400, "obsolete line folding (a field line starting with whitespace)");
            }
            int colon = indexOf(':', 0);
            if (colon < 0) {
                throw new HttpException(400, "a field line without a colon: " + shown(0, length));
            }
            String name = token(0, colon);
            if (name == null) {
                throw new HttpException(400, colon > 0 && isWhitespace(line[colon - 1])
                        ? "whitespace before the colon of a field name: " + shown(0, colon + 1)
                        : "not a field name: " + shown(0, colon));
            }
            int start = colon + 1;
            int end = length;
            while (start < end && isWhitespace(line[start])) {
                start++;
            }
            while (end > start && isWhitespace(line[end - 1])) {
                end--;
            }
            for (int i = start; i < end; i++) {
                int b = line[i] & 0xff;
                if (b < 0x20 && b != '\t' || b == 0x7f) {
                    throw new HttpException(400, "a control character in the value of " + name);
                }
            }
            fields.add(name, new String(line, start, end - start, StandardCharsets.ISO_8859_1));
        }
    }

    private static void checkHost(HttpVersion version, Fields fields) throws HttpException {
        int hosts = fields.values("Host").size();
        if (hosts > 1) {
            throw new HttpException(400, "more than one Host field");
        }
        if (hosts == 0 && version == HttpVersion.HTTP_1_1) {
            throw new HttpException(400, "an HTTP/1.1 request without a Host field");
        }
    }

    private String target(int from, int to) throws HttpException {
        for (int i = from; i < to; i++) {
            int b = line[i] & 0xff;
            if (b <= 0x20 || b >= 0x7f) {
                throw new HttpException(400, "a request target may hold visible ASCII only: " + shown(from, to));
            }
        }
        return new String(line, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private HttpVersion version(int from, int to) throws HttpException {
        if (to - from == 8 && line[from] == 'H' && line[from + 1] == 'T' && line[from + 2] == 'T'
                && line[from + 3] == 'P' && line[from + 4] == '/' && line[from + 6] == '.'
                && isDigit(line[from + 5]) && isDigit(line[from + 7])) {
            if (line[from + 5] == '1' && line[from + 7] == '1') {
                return HttpVersion.HTTP_1_1;
            }
            if (line[from + 5] == '1' && line[from + 7] == '0') {
                return HttpVersion.HTTP_1_0;
            }
            throw new HttpException(505, "socklab speaks HTTP/1.1 and HTTP/1.0, not " + shown(from, to));
        }
        throw new HttpException(400, "not an HTTP version: " + shown(from, to));
    }

    /** The bytes as a token (RFC 9110 §5.6.2), or null if they are not one. */
    private String token(int from, int to) {
        if (from == to) {
            return null;
        }
        for (int i = from; i < to; i++) {
            if (!isTokenChar(line[i])) {
                return null;
            }
        }
        return new String(line, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static boolean isTokenChar(byte b) {
        if (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9') {
            return true;
        }
        return switch (b) {
            case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~' -> true;
            default -> false;
        };
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t';
    }

    private int indexOf(char c, int from) {
        for (int i = from; i < length; i++) {
            if (line[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private String shown(int from, int to) {
        return Preview.of(ByteBuffer.wrap(line, from, Math.max(0, to - from)), 60);
    }

    // ---- bodies

    /** Reads body bytes: what was read ahead first, then the source. */
    private int readBody(byte[] b, int off, int len) throws IOException {
        if (!ahead.hasRemaining()) {
            if (atEnd) {
                return -1;
            }
            if (len >= READ_AHEAD) {
                int n = source.read(ByteBuffer.wrap(b, off, len));
                if (n < 0) {
                    atEnd = true;
                }
                return n;
            }
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(len, ahead.remaining());
        ahead.get(b, off, n);
        return n;
    }

    /** A body of a known length, or (at {@code Long.MAX_VALUE}) one that ends with the stream. */
    private final class LengthBody extends InputStream {
        private long left;

        LengthBody(long length) {
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int n = readBody(b, off, (int) Math.min(len, left));
            if (n < 0) {
                if (left == Long.MAX_VALUE) {
                    left = 0;
                    return -1;
                }
                throw new EOFException("the body ended " + left + " bytes short of its Content-Length");
            }
            if (left != Long.MAX_VALUE) {
                left -= n;
            }
            return n;
        }
    }

    /** A chunked body (RFC 9112 §7.1), decoded. */
    private final class ChunkedBody extends InputStream {
        private final long max;
        private long total;
        /** Bytes left in the current chunk; -1 before the first chunk's size line. */
        private long left = -1;
        private boolean done;

        ChunkedBody(long max) {
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            try {
                if (left <= 0) {
                    // The previous chunk's data is all read: its line end comes next.
                    if (left == 0 && (!readLine(2, 400, "a chunk's data not followed by its line end") || length != 0)) {
                        throw new HttpException(400, "a chunk's data not followed by its line end");
                    }
                    left = chunkSize();
                    if (left == 0) {
                        readTrailer();
                        done = true;
                        return -1;
                    }
                    if (left > max - total) {
                        throw new HttpException(413, "the body is more than the " + max + " bytes allowed");
                    }
                }
            } catch (HttpException e) {
                throw new BadBodyException(e);
            }
            int n = readBody(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("the chunked body ended before its last chunk");
            }
            left -= n;
            total += n;
            return n;
        }

        private long chunkSize() throws IOException, HttpException {
            if (!readLine(MAX_CHUNK_LINE, 400, "a chunk-size line longer than " + MAX_CHUNK_LINE + " bytes")) {
                throw new EOFException("the chunked body ended before its last chunk");
            }
            int end = indexOf(';', 0);
            end = end < 0 ? length : end;
            while (end > 0 && isWhitespace(line[end - 1])) {
                end--;
            }
            if (end == 0) {
                throw new HttpException(400, "not a chunk size: " + shown(0, length));
            }
            long size = 0;
            for (int i = 0; i < end; i++) {
                int digit = Character.digit(line[i], 16);
                if (digit < 0) {
                    throw new HttpException(400, "not a chunk size: " + shown(0, length));
                }
                if (size > Long.MAX_VALUE >> 4) {
                    throw new HttpException(400, "a chunk size past 2^63: " + shown(0, length));
                }
                size = size << 4 | digit;
            }
            return size;
        }

        /** Trailer fields carry nothing socklab uses: read within the head's limits and dropped. */
        private void readTrailer() throws IOException, HttpException {
            readFields();
        }
    }
}
