package dev.socklab.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.socklab.framing.ByteSource;
import dev.socklab.framing.LineFraming;
import dev.socklab.runtime.Limits;
import dev.socklab.service.Connection;
import dev.socklab.service.Outbox;
import dev.socklab.text.Durations;

/**
 * socklab's {@code EmbeddedChannel}: a {@link Connection} in memory, so that a service's protocol
 * is tested without a socket. What the client sends is given with {@link #send}, each call
 * arriving as one read's worth (as one segment does), and {@link #closeInput()} ends it; what the
 * service writes collects in {@link #written()}. Lines and chunks are framed by the runtime's own
 * {@link LineFraming}, with the limits' line length, so a service reads here as it does over a
 * socket.
 *
 * <pre>{@code
 * EmbeddedConnection conn = new EmbeddedConnection().send("ping\r\n").closeInput();
 * new EchoService().serve(conn);
 * assertThat(conn.writtenText()).isEqualTo("ping\r\n");
 * }</pre>
 *
 * <p>A read that finds nothing sent waits for more: a timed read at most its wait, any other at
 * most the idle timeout, after which it fails as the runtime's would. A conversation (send, read
 * the answer, send again) runs the service in a thread of its own. An {@link Outbox} here sends at
 * once, as to a client that reads everything.
 */
public final class EmbeddedConnection implements Connection {
    private static final Logger LOG = LoggerFactory.getLogger("socklab.service.embedded");
    /** Stands in the queue for the client's end of stream; never given to a reader. */
    private static final ByteBuffer END = ByteBuffer.allocate(0);

    private final SocketAddress peer;
    private final SocketAddress local;
    private final Duration idleTimeout;
    private final BlockingQueue<ByteBuffer> sent = new LinkedBlockingQueue<>();
    private final LineFraming framing;
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private volatile boolean outputShut;
    private volatile boolean hasOutbox;

    /** A connection from 127.0.0.1:40000 to 127.0.0.1:10000, held to the default limits. */
    public EmbeddedConnection() {
        this(new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 10000), Limits.DEFAULTS);
    }

    /** A connection from {@code peer} to {@code local}, held to the idle timeout and line length of {@code limits}. */
    public EmbeddedConnection(SocketAddress peer, SocketAddress local, Limits limits) {
        this.peer = peer;
        this.local = local;
        this.idleTimeout = limits.idleTimeout();
        this.framing = new LineFraming(new Sent(), limits.maxLineLength());
    }

    /** The client sends {@code bytes}; they arrive as one read's worth. */
    public EmbeddedConnection send(byte[] bytes) {
        if (bytes.length > 0) {
            sent.add(ByteBuffer.wrap(bytes.clone()));
        }
        return this;
    }

    /** The client sends {@code text}, encoded as UTF-8. */
    public EmbeddedConnection send(String text) {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The client closes its sending side: once what it sent is read, reads see the end of the stream. */
    public EmbeddedConnection closeInput() {
        sent.add(END);
        return this;
    }

    /** What the service has written so far. */
    public byte[] written() {
        synchronized (written) {
            return written.toByteArray();
        }
    }

    /** What the service has written so far, decoded as UTF-8. */
    public String writtenText() {
        return new String(written(), StandardCharsets.UTF_8);
    }

    /** Whether the service has shut its sending side down. */
    public boolean outputShut() {
        return outputShut;
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
        return LOG;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return framing.read(dst);
    }

    @Override
    public int read(ByteBuffer dst, Duration wait) throws IOException {
        return framing.read(dst, wait);
    }

    @Override
    public boolean awaitReadable(Duration wait) throws IOException {
        return framing.awaitReadable(wait);
    }

    @Override
    public Optional<String> readUpTo(int maxBytes, Duration quiet) throws IOException {
        return framing.readUpTo(maxBytes, quiet);
    }

    @Override
    public Optional<String> readLine() throws IOException {
        return framing.readLine();
    }

    @Override
    public Optional<String> readLine(int maxBytes) throws IOException {
        return framing.readLine(maxBytes);
    }

    @Override
    public Optional<String> readLine(int maxBytes, Duration pause) throws IOException {
        return framing.readLine(maxBytes, pause);
    }

    @Override
    public Outbox outbox(int maxBytes, Duration maxLag) {
        if (maxBytes < 1 || maxLag.isNegative() || maxLag.isZero()) {
            throw new IllegalArgumentException("an outbox holds at least 1 byte for a positive lag, not "
                    + maxBytes + " bytes for " + maxLag);
        }
        if (hasOutbox) {
            throw new IllegalStateException("this connection has an outbox already");
        }
        hasOutbox = true;
        return new Outbox() {
            @Override
            public boolean offer(ByteBuffer bytes) {
                return append(bytes.duplicate());
            }

            @Override
            public boolean offer(byte[] bytes) {
                return append(ByteBuffer.wrap(bytes));
            }

            @Override
            public boolean offerLine(String text) {
                return append(ByteBuffer.wrap((text + "\r\n").getBytes(StandardCharsets.UTF_8)));
            }

            /** Checked as the first bounds are, and, as they are, not held to: nothing here falls behind. */
            @Override
            public void bounds(int maxBytes, Duration maxLag) {
                if (maxBytes < 1 || maxLag.isNegative() || maxLag.isZero()) {
                    throw new IllegalArgumentException("an outbox holds at least 1 byte for a positive lag, not "
                            + maxBytes + " bytes for " + maxLag);
                }
            }
        };
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        if (hasOutbox) {
            throw new IllegalStateException("this connection sends through its outbox");
        }
        if (!append(src)) {
            throw new ClosedChannelException();
        }
    }

    /** The file's bytes, read into memory: an embedded connection has no socket to send them to. */
    @Override
    public void sendFile(ByteBuffer head, FileChannel file, long position, long count) throws IOException {
        write(head);
        ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(count));
        while (bytes.hasRemaining()) {
            if (file.read(bytes, position + bytes.position()) < 0) {
                throw new java.io.EOFException("the file ended before " + count + " bytes");
            }
        }
        write(bytes.flip());
    }

    @Override
    public void writeLine(String text) throws IOException {
        write(text + "\r\n");
    }

    @Override
    public void shutdownOutput() {
        outputShut = true;
    }

    /** Takes all of {@code src} into what was written, unless the output is shut. */
    private boolean append(ByteBuffer src) {
        if (outputShut) {
            return false;
        }
        byte[] bytes = new byte[src.remaining()];
        src.get(bytes);
        synchronized (written) {
            written.writeBytes(bytes);
        }
        return true;
    }

    /** What the client sent, as the framing pulls it: one chunk a read, the rest of it kept for the next. */
    private final class Sent implements ByteSource {
        /** What is left of the chunk being read, or null. */
        private ByteBuffer current;

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (!hasCurrent(idleTimeout)) {
                throw new SocketTimeoutException("no progress for " + Durations.format(idleTimeout));
            }
            return take(dst);
        }

        @Override
        public int read(ByteBuffer dst, Duration wait) throws IOException {
            return hasCurrent(wait) ? take(dst) : 0;
        }

        /** Whether a chunk, or the end, is there within {@code wait}. */
        private boolean hasCurrent(Duration wait) throws IOException {
            if (current == null) {
                try {
                    current = sent.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading");
                }
            }
            return current != null;
        }

        private int take(ByteBuffer dst) {
            if (current == END) {
                return -1;
            }
            int n = ByteSource.transfer(current, dst);
            if (!current.hasRemaining()) {
                current = null;
            }
            return n;
        }
    }
}
