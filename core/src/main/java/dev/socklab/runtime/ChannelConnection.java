package dev.socklab.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.slf4j.Logger;

import dev.socklab.service.Connection;
import dev.socklab.service.LineTooLongException;
import dev.socklab.service.Outbox;
import dev.socklab.text.Durations;
import dev.socklab.trace.Tracer;

/**
 * A {@link Connection} over a blocking {@link SocketChannel} (TCP or Unix): counts, traces and
 * bounds every call. Reads that {@code readLine} takes ahead are kept in a buffer that is
 * allocated only when a service first reads lines, and never grows past the line limit.
 */
final class ChannelConnection implements Connection {
    /** A blocking write is split into chunks of this size, so that the idle deadline measures progress, not the whole write. */
    private static final int WRITE_CHUNK = 64 * 1024;
    private static final int FIRST_AHEAD = 1024;
    /** The most a timed read takes in one go. */
    private static final int MAX_TIMED_READ = 64 * 1024;
    private static final long LAST_WORDS_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** As a wait: no deadline but the idle timeout. */
    private static final long NO_WAIT_LIMIT = -1;

    private final SocketChannel channel;
    private final String tag;
    private final SocketAddress peer;
    private final SocketAddress local;
    private final int maxLineLength;
    private final long idleNanos;
    /** The first-request timeout, or 0 for none. */
    private final long firstRequestNanos;
    /** How long a write may make no progress; shortened only for the last words before a refusal. Set from any thread. */
    private volatile long writeNanos;
    private final Tracer tracer;
    private final Logger log;
    /** What the service says to a client that a limit turns away. */
    private final Function<String, Optional<String>> refusalLine;

    /**
     * The times by which the read and the write under way must make progress, or 0 when none is
     * under way: separate, because with an outbox one thread reads while another writes. Read by
     * the watchdog.
     */
    private volatile long readDeadline;
    private volatile long writeDeadline;
    /**
     * By when the service's first read must complete, counted from the accept; 0 once one has, or when
     * there is no such deadline. Read by the watchdog, which holds a connection to it only while
     * {@link #reading}: a service that has not started reading is not waiting on its client.
     */
    private volatile long firstRequestDeadline;
    /** Whether the service is in a read call. */
    private volatile boolean reading;
    /** Which deadline fired, for the closing line: "read", "write" or "first request"; null while none has. */
    private volatile String timedOutOn;
    /** Why the runtime disconnected the client while the service was still serving, or null. */
    private volatile String droppedBecause;
    /** The writer that sends for the service once it asked for an outbox; null until then. */
    private volatile OutboxWriter outbox;
    private long bytesIn;
    private long bytesOut;
    private boolean sawEof;
    private IOException channelFailure;
    /** Bytes read ahead (by readLine and the timed reads), in read mode; null until first needed. Only this connection's thread touches it. */
    private ByteBuffer ahead;
    /** A read that outlived the wait of the call that started it, running on in a virtual thread of its own; null when there is none. */
    private CompletableFuture<Integer> pending;
    /** The buffer the pending read fills. */
    private ByteBuffer inFlight;

    ChannelConnection(SocketChannel channel, String tag, SocketAddress peer, SocketAddress local,
                      Limits limits, Tracer tracer, Logger log, Function<String, Optional<String>> refusalLine) {
        this.channel = channel;
        this.tag = tag;
        this.peer = peer;
        this.local = local;
        this.maxLineLength = limits.maxLineLength();
        this.idleNanos = limits.idleTimeout().toNanos();
        this.writeNanos = limits.writeTimeout().toNanos();
        this.firstRequestNanos = limits.firstRequestTimeout().toNanos();
        this.firstRequestDeadline = firstRequestNanos == 0 ? 0 : deadlineIn(firstRequestNanos);
        this.tracer = tracer;
        this.log = log;
        this.refusalLine = refusalLine;
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
        if (firstRequestDeadline == 0) {
            return readAny(dst);
        }
        reading = true;
        try {
            return completes(readAny(dst));
        } finally {
            reading = false;
        }
    }

    private int readAny(ByteBuffer dst) throws IOException {
        if (ahead != null && ahead.hasRemaining()) {
            return drainAhead(dst);
        }
        if (pending != null) {
            return fillAhead(ahead.capacity(), NO_WAIT_LIMIT) < 0 ? -1 : drainAhead(dst);
        }
        return receive(dst, true);
    }

    @Override
    public int read(ByteBuffer dst, Duration wait) throws IOException {
        if (firstRequestDeadline == 0) {
            return readWithin(dst, wait);
        }
        reading = true;
        try {
            return completes(readWithin(dst, wait));
        } finally {
            reading = false;
        }
    }

    private int readWithin(ByteBuffer dst, Duration wait) throws IOException {
        if (ahead != null && ahead.hasRemaining()) {
            return drainAhead(dst);
        }
        if (sawEof) {
            return -1;
        }
        int n = fillAhead(Math.clamp(dst.remaining(), 1, MAX_TIMED_READ), wait.toNanos());
        return n <= 0 ? n : drainAhead(dst);
    }

    @Override
    public Optional<String> readLine() throws IOException {
        return request(() -> line(maxLineLength, NO_WAIT_LIMIT));
    }

    @Override
    public Optional<String> readLine(int maxBytes) throws IOException {
        return request(() -> line(maxBytes, NO_WAIT_LIMIT));
    }

    @Override
    public Optional<String> readLine(int maxBytes, Duration pause) throws IOException {
        return request(() -> line(maxBytes, pause.toNanos()));
    }

    @Override
    public Optional<String> readUpTo(int maxBytes, Duration quiet) throws IOException {
        return request(() -> upTo(maxBytes, quiet));
    }

    /** A read call that completes a request whenever it returns, its first included. */
    private Optional<String> request(Request call) throws IOException {
        // Past the first request, a read costs no volatile write: echo's reads are its hot path.
        if (firstRequestDeadline == 0) {
            return call.read();
        }
        reading = true;
        try {
            Optional<String> got = call.read();
            firstRequestDeadline = 0;
            return got;
        } finally {
            reading = false;
        }
    }

    /** A raw read completes a request when it returns bytes or the end of the stream, not when its wait ran out. */
    private int completes(int n) {
        if (n != 0) {
            firstRequestDeadline = 0;
        }
        return n;
    }

    private interface Request {
        Optional<String> read() throws IOException;
    }

    private Optional<String> upTo(int maxBytes, Duration quiet) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        while (got.size() < maxBytes) {
            if (ahead != null && ahead.hasRemaining()) {
                int n = Math.min(ahead.remaining(), maxBytes - got.size());
                got.write(ahead.array(), ahead.arrayOffset() + ahead.position(), n);
                ahead.position(ahead.position() + n);
            } else if (sawEof || fillAhead(Math.clamp(maxBytes, 1, MAX_TIMED_READ), quiet.toNanos()) <= 0) {
                break;
            }
        }
        return got.size() == 0 ? Optional.empty() : Optional.of(got.toString(StandardCharsets.UTF_8));
    }

    /**
     * A line ended by LF or CRLF or, with a {@code pauseNanos} other than {@link #NO_WAIT_LIMIT}, by the
     * client pausing that long after sending part of one (as the lab's clients send requests with no line end).
     */
    private Optional<String> line(int maxBytes, long pauseNanos) throws IOException {
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
            if (fillAhead(limit + 2, had > 0 ? pauseNanos : NO_WAIT_LIMIT) == 0) {
                // The client paused mid-line: what it sent is the whole request.
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

    private int drainAhead(ByteBuffer dst) {
        int n = Math.min(ahead.remaining(), dst.remaining());
        dst.put(dst.position(), ahead, ahead.position(), n);
        dst.position(dst.position() + n);
        ahead.position(ahead.position() + n);
        return n;
    }

    /**
     * Reads more bytes onto the end of {@code ahead}, growing it up to {@code maxCapacity}, and waits at most
     * {@code waitNanos} for them, or with {@link #NO_WAIT_LIMIT} as long as the idle timeout allows.
     * A blocking read cannot be abandoned without closing the socket, so a read that must end at a
     * deadline runs in a virtual thread of its own; if the deadline passes first, the read runs on,
     * and the next call takes its bytes.
     *
     * @return the bytes added, -1 at EOF, or 0 when the wait passed first
     */
    private int fillAhead(int maxCapacity, long waitNanos) throws IOException {
        if (ahead == null) {
            ahead = ByteBuffer.allocate(Math.min(maxCapacity, FIRST_AHEAD)).flip();
        }
        ahead.compact();
        try {
            if (!ahead.hasRemaining() && ahead.capacity() < maxCapacity) {
                ahead = ByteBuffer.allocate(Math.min(ahead.capacity() * 2, maxCapacity)).put(ahead.flip());
            }
            if (pending == null && waitNanos == NO_WAIT_LIMIT) {
                return receive(ahead, true);
            }
            if (pending == null) {
                startPendingRead(ahead.remaining());
            }
            return awaitPendingRead(waitNanos);
        } finally {
            ahead.flip();
        }
    }

    private void startPendingRead(int size) {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        CompletableFuture<Integer> result = new CompletableFuture<>();
        Thread.ofVirtual().name(Thread.currentThread().getName() + " read").start(() -> {
            try {
                result.complete(receive(buffer, false));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        inFlight = buffer;
        pending = result;
    }

    /** Waits for the pending read; its bytes go onto {@code ahead}, which is in write mode and has room for them. */
    private int awaitPendingRead(long waitNanos) throws IOException {
        int n;
        boolean untimed = waitNanos == NO_WAIT_LIMIT;
        if (untimed) {
            readDeadline = deadlineIn(idleNanos);
        }
        try {
            n = untimed ? pending.get() : pending.get(waitNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            if (tracer.enabled()) {
                tracer.call(tag, "recv(" + inFlight.capacity() + ") = EAGAIN (nothing for "
                        + Durations.format(Duration.ofNanos(waitNanos)) + ")");
            }
            return 0;
        } catch (ExecutionException e) {
            pending = null;
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading");
        } finally {
            if (untimed) {
                readDeadline = 0;
            }
        }
        pending = null;
        if (n > 0) {
            ahead.put(inFlight.flip());
        }
        return n;
    }

    @Override
    public Outbox outbox(int maxBytes, Duration maxLag) {
        if (outbox != null) {
            throw new IllegalStateException("this connection has an outbox already");
        }
        OutboxWriter writer = new OutboxWriter(this, maxBytes, maxLag, refusalLine);
        outbox = writer;
        writer.start();
        return writer;
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        if (outbox != null) {
            throw new IllegalStateException("this connection sends through its outbox");
        }
        int end = src.limit();
        try {
            while (src.hasRemaining()) {
                int start = src.position();
                src.limit(Math.min(end, start + WRITE_CHUNK));
                writeDeadline = deadlineIn(writeNanos);
                try {
                    while (src.hasRemaining()) {
                        channel.write(src);
                    }
                } catch (IOException e) {
                    throw failed(e);
                } finally {
                    writeDeadline = 0;
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

    /**
     * Sends all of {@code batch} in gathering writes, for the outbox's writer, bounded by the write deadline.
     * A failure here is not recorded as the channel's: the writer keeps it, and the service's own call must
     * still be recognised as the peer's failure when it fails next.
     */
    void sendAll(ByteBuffer[] batch) throws IOException {
        int first = 0;
        while (first < batch.length) {
            ByteBuffer[] before = tracer.enabled() ? duplicates(batch, first) : null;
            writeDeadline = deadlineIn(writeNanos);
            long n;
            try {
                n = channel.write(batch, first, batch.length - first);
            } finally {
                writeDeadline = 0;
            }
            bytesOut += n;
            if (before != null) {
                tracer.io(tag, "writev", (int) n, (int) n, taken(before, n));
            }
            while (first < batch.length && !batch[first].hasRemaining()) {
                first++;
            }
        }
    }

    private static ByteBuffer[] duplicates(ByteBuffer[] batch, int first) {
        ByteBuffer[] copies = new ByteBuffer[batch.length - first];
        for (int i = 0; i < copies.length; i++) {
            copies[i] = batch[first + i].duplicate();
        }
        return copies;
    }

    /** The first {@code n} bytes of {@code buffers}, as one buffer for the trace's preview (which shows the start of it). */
    private static ByteBuffer taken(ByteBuffer[] buffers, long n) {
        ByteBuffer all = ByteBuffer.allocate((int) Math.min(n, MAX_TIMED_READ));
        for (ByteBuffer b : buffers) {
            if (!all.hasRemaining()) {
                break;
            }
            all.put(b.limit(b.position() + Math.min(b.remaining(), all.remaining())));
        }
        return all.flip();
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
        write(TextLine.of(text));
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

    /** Ends the client's input, at shutdown: a read blocked now, or made later, returns end of stream. */
    void shutdownInput() {
        try {
            channel.shutdownInput();
            tracer.call(tag, "shutdown(SHUT_RD)");
        } catch (IOException e) {
            // Closed already: the service's next read fails, which ends it just as well.
        }
    }

    /**
     * Sends a last line before the runtime closes (why a limit turned the client away), with a
     * second at most to go out, so that a client that does not read costs no more than that. A
     * blocking write, because a pending read may hold the channel in blocking mode.
     */
    void sendLastWords(String line) {
        writeNanos = Math.min(writeNanos, LAST_WORDS_NANOS);
        if (outbox != null) {
            outbox.offerLine(line);
            return;
        }
        try {
            writeLine(line);
        } catch (IOException e) {
            // The client is gone or not reading: the line was a courtesy, the close is what counts.
        }
    }

    /** Whether the client closed its sending side while the service was reading. */
    boolean sawEof() {
        return sawEof;
    }

    boolean timedOut() {
        return timedOutOn != null;
    }

    /**
     * Ends the outbox, if the service had one: what it queued goes out (within the write timeout)
     * before the runtime closes the connection.
     */
    void finishOutbox() {
        OutboxWriter writer = outbox;
        if (writer != null) {
            try {
                writer.finish();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closeChannel();
            }
        }
    }

    /**
     * The runtime disconnects the client (its outbox overflowed): the reason is kept for the closing line, and
     * a write under way gets at most {@code lastNanos} more.
     */
    void dropped(String reason, long lastNanos) {
        droppedBecause = reason;
        writeNanos = Math.min(writeNanos, lastNanos);
        long soon = deadlineIn(lastNanos);
        long d = writeDeadline;
        if (d != 0 && d - soon > 0) {
            writeDeadline = soon;
        }
    }

    /** Why the runtime disconnected the client while the service served it, if it did. */
    Optional<String> droppedBecause() {
        return Optional.ofNullable(droppedBecause);
    }

    /** Why a timed-out connection timed out: {@code no progress for 60s} of a read, or of a write, or no first request in time. */
    String timeoutDetail() {
        return switch (timedOutOn) {
            case "write" -> "a write made no progress for " + Durations.format(Duration.ofNanos(writeNanos));
            case "first request" -> "no complete request within " + Durations.format(Duration.ofNanos(firstRequestNanos));
            default -> "no progress for " + Durations.format(Duration.ofNanos(idleNanos));
        };
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
        long r = readDeadline;
        long w = writeDeadline;
        long f = firstRequestDeadline;
        if (w != 0 && now - w > 0) {
            expire("write");
        } else if (f != 0 && reading && now - f > 0) {
            expire("first request");
        } else if (r != 0 && now - r > 0) {
            expire("read");
        }
        OutboxWriter writer = outbox;
        if (writer != null) {
            writer.checkLag(now);
        }
    }

    private void expire(String call) {
        // A client dropped by its outbox did not time out: the deadline of its last line passed, and the closing line says why it was dropped.
        if (droppedBecause == null) {
            timedOutOn = call;
        }
        closeChannel();
    }

    /** Closes the socket, from any thread; a call blocked in it fails at once. */
    void closeChannel() {
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing {} failed: {}", tag, e.toString());
        }
    }

    /**
     * One {@code recv}. {@code armed}: bounded by the idle timeout here; a pending read is not, as the
     * call waiting for it is.
     */
    private int receive(ByteBuffer dst, boolean armed) throws IOException {
        int start = dst.position();
        int n;
        if (armed) {
            readDeadline = deadlineIn(idleNanos);
        }
        try {
            n = channel.read(dst);
        } catch (IOException e) {
            throw failed(e);
        } finally {
            if (armed) {
                readDeadline = 0;
            }
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

    /** A deadline {@code nanos} from now; never 0, which means none. */
    private static long deadlineIn(long nanos) {
        long d = System.nanoTime() + nanos;
        return d == 0 ? 1 : d;
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
}
