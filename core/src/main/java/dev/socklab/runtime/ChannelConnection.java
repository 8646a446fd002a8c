package dev.socklab.runtime;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.slf4j.Logger;

import dev.socklab.service.Connection;
import dev.socklab.service.LineTooLongException;
import dev.socklab.trace.Tracer;

/**
 * A {@link Connection} over a blocking {@link SocketChannel} (TCP or Unix): counts, traces and
 * bounds every call. Reads that {@code readLine} takes ahead are kept in a buffer that is
 * allocated only when a service first reads lines, and never grows past the line limit.
 */
final class ChannelConnection implements Connection {
    /** A blocking write is split into chunks of this size, so that the idle deadline measures progress, not the whole write. */
    private static final int WRITE_CHUNK = 64 * 1024;
    private static final int FIRST_LINE_BUFFER = 1024;
    private static final byte[] CRLF = {'\r', '\n'};

    private final SocketChannel channel;
    private final String tag;
    private final SocketAddress peer;
    private final SocketAddress local;
    private final int maxLineLength;
    private final long idleNanos;
    private final Tracer tracer;
    private final Logger log;

    /** The time by which the call under way must make progress, or 0 when no call is under way. Set by this connection's thread, read by the watchdog. */
    private volatile long deadline;
    private volatile boolean timedOut;
    private long bytesIn;
    private long bytesOut;
    private boolean sawEof;
    private IOException channelFailure;
    /** Bytes read ahead by readLine, in read mode; null until a line is first read. */
    private ByteBuffer ahead;

    ChannelConnection(SocketChannel channel, String tag, SocketAddress peer, SocketAddress local,
                      Limits limits, Tracer tracer, Logger log) {
        this.channel = channel;
        this.tag = tag;
        this.peer = peer;
        this.local = local;
        this.maxLineLength = limits.maxLineLength();
        this.idleNanos = limits.idleTimeout().toNanos();
        this.tracer = tracer;
        this.log = log;
    }

    @Override
    public SocketAddress peer() {
        return peer;
    }

    @Override
    public SocketAddress local() {
        return local;
    }

    @Override
    public Logger log() {
        return log;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (ahead != null && ahead.hasRemaining()) {
            int n = Math.min(ahead.remaining(), dst.remaining());
            dst.put(dst.position(), ahead, ahead.position(), n);
            dst.position(dst.position() + n);
            ahead.position(ahead.position() + n);
            return n;
        }
        return receive(dst);
    }

    @Override
    public Optional<String> readLine() throws IOException {
        return readLine(maxLineLength);
    }

    @Override
    public Optional<String> readLine(int maxBytes) throws IOException {
        int limit = Math.min(maxBytes, maxLineLength);
        if (ahead == null) {
            ahead = ByteBuffer.allocate(Math.min(limit + 2, FIRST_LINE_BUFFER)).flip();
        }
        int scanned = 0;
        while (true) {
            int lf = indexOfLf(ahead, scanned);
            if (lf >= 0) {
                int end = lf > ahead.position() && ahead.get(lf - 1) == '\r' ? lf - 1 : lf;
                if (end - ahead.position() > limit) {
                    throw new LineTooLongException(limit);
                }
                String line = decode(ahead, end);
                ahead.position(lf + 1);
                return Optional.of(line);
            }
            // limit bytes and a CR may wait for their LF; one byte more cannot be a line.
            if (ahead.remaining() > limit + 1) {
                throw new LineTooLongException(limit);
            }
            if (sawEof) {
                if (!ahead.hasRemaining()) {
                    return Optional.empty();
                }
                // No LF can come now, so no CR is waiting for one: the last line gets the bare limit.
                if (ahead.remaining() > limit) {
                    throw new LineTooLongException(limit);
                }
                String last = decode(ahead, ahead.limit());
                ahead.position(ahead.limit());
                return Optional.of(last);
            }
            scanned = ahead.remaining();
            ahead.compact();
            if (!ahead.hasRemaining()) {
                ahead = ByteBuffer.allocate(Math.min(ahead.capacity() * 2, limit + 2)).put(ahead.flip());
            }
            receive(ahead);
            ahead.flip();
        }
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        int end = src.limit();
        try {
            while (src.hasRemaining()) {
                int start = src.position();
                src.limit(Math.min(end, start + WRITE_CHUNK));
                arm();
                try {
                    while (src.hasRemaining()) {
                        channel.write(src);
                    }
                } catch (IOException e) {
                    throw failed(e);
                } finally {
                    disarm();
                }
                bytesOut += src.position() - start;
                if (tracer.enabled()) {
                    int n = src.position() - start;
                    tracer.io(tag, "send", n, n, src.duplicate().position(start));
                }
            }
        } finally {
            src.limit(end);
        }
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        write(ByteBuffer.wrap(bytes));
    }

    @Override
    public void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void writeLine(String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        write(ByteBuffer.allocate(body.length + 2).put(body).put(CRLF).flip());
    }

    @Override
    public void shutdownOutput() throws IOException {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            throw failed(e);
        }
        tracer.call(tag, "shutdown(SHUT_WR)");
    }

    /** Whether the client closed its sending side while the service was reading. */
    boolean sawEof() {
        return sawEof;
    }

    boolean timedOut() {
        return timedOut;
    }

    /** Whether {@code e} is a failure of this connection's socket (a reset, a broken pipe), not of the service. */
    boolean isChannelFailure(Throwable e) {
        return e == channelFailure;
    }

    long bytesIn() {
        return bytesIn;
    }

    long bytesOut() {
        return bytesOut;
    }

    /** Called by the watchdog: closes the channel if the call under way has passed its deadline. */
    void expireIfPast(long now) {
        long d = deadline;
        if (d != 0 && now - d > 0) {
            timedOut = true;
            closeChannel();
        }
    }

    /** Closes the socket, from any thread; a call blocked in it fails at once. */
    void closeChannel() {
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing {} failed: {}", tag, e.toString());
        }
    }

    private int receive(ByteBuffer dst) throws IOException {
        int start = dst.position();
        int n;
        arm();
        try {
            n = channel.read(dst);
        } catch (IOException e) {
            throw failed(e);
        } finally {
            disarm();
        }
        if (n < 0) {
            sawEof = true;
        } else {
            bytesIn += n;
        }
        if (tracer.enabled()) {
            tracer.io(tag, "recv", dst.remaining() + Math.max(n, 0), n, dst.duplicate().flip().position(start));
        }
        return n;
    }

    private void arm() {
        long d = System.nanoTime() + idleNanos;
        deadline = d == 0 ? 1 : d;
    }

    private void disarm() {
        deadline = 0;
    }

    private IOException failed(IOException e) {
        channelFailure = e;
        return e;
    }

    private static int indexOfLf(ByteBuffer buffer, int from) {
        for (int i = buffer.position() + from; i < buffer.limit(); i++) {
            if (buffer.get(i) == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String decode(ByteBuffer buffer, int end) {
        return new String(buffer.array(), buffer.arrayOffset() + buffer.position(), end - buffer.position(),
                StandardCharsets.UTF_8);
    }
}
