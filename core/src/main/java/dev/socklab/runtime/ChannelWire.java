package dev.socklab.runtime;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;

import org.slf4j.Logger;

import dev.socklab.engine.StreamSocket;
import dev.socklab.trace.Tracer;

/**
 * The socket calls of one accepted stream connection, and what is counted of them: bytes each
 * way, whether the client closed its sending side, and which failure was the socket's. The only
 * code that touches the connection's socket once it is served, through the {@link StreamSocket}
 * of the I/O engine that serves it; under {@code --trace} a
 * {@link TracedWire} prints each call, so tracing is one decision at the accept, not a check at
 * every call.
 *
 * <p>Reads come from the connection's thread or its timed read's, writes from the connection's
 * thread or its outbox writer's, one at a time each; {@link #close()} comes from any thread.
 */
class ChannelWire {
    /**
     * The counts each way are written by the connection's threads and read by {@link Server#connections()}'s:
     * opaque access, a plain store on common hardware, keeps the reader from seeing half a long.
     */
    private static final VarHandle BYTES_IN;
    private static final VarHandle BYTES_OUT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            BYTES_IN = lookup.findVarHandle(ChannelWire.class, "bytesIn", long.class);
            BYTES_OUT = lookup.findVarHandle(ChannelWire.class, "bytesOut", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final StreamSocket socket;
    final String tag;
    private final Logger log;
    /** The listener's counts, added to as this connection's are. */
    private final ListenerCounts counts;
    private long bytesIn;
    private long bytesOut;
    private boolean sawEof;
    /** Whether {@link #abort()} reset the connection, discarding what the kernel still held for the client. */
    private volatile boolean aborted;
    /**
     * The last failure of a read, and of a write or shutdown, that the service made (not its
     * outbox writer's), to tell the peer's failures from the service's. Apart, and volatile,
     * because on the JDK's engine a timed read fails in a thread of its own, and must not
     * overwrite the failure of a write the service is about to be told of.
     */
    private volatile IOException readFailure;
    private volatile IOException writeFailure;

    ChannelWire(StreamSocket socket, String tag, Logger log, ListenerCounts counts) {
        this.socket = socket;
        this.tag = tag;
        this.log = log;
        this.counts = counts;
    }

    /** A wire over {@code socket} that traces its calls to {@code tracer} when it is enabled. */
    static ChannelWire of(StreamSocket socket, String tag, Logger log, Tracer tracer, ListenerCounts counts) {
        return tracer.enabled() ? new TracedWire(socket, tag, log, tracer, counts) : new ChannelWire(socket, tag, log, counts);
    }

    /** One {@code recv} into {@code dst}: the bytes read, or -1 at the client's end of stream. */
    int recv(ByteBuffer dst) throws IOException {
        int n;
        try {
            n = socket.read(dst);
        } catch (IOException e) {
            throw readFailed(e);
        }
        return counted(n);
    }

    /** Whether {@link #recv(ByteBuffer, Duration)} works: the engine's read can give up after a wait. */
    boolean recvsWithWait() {
        return socket.readsWithWait();
    }

    /** One {@code recv} that waits at most {@code wait}: the bytes read, 0 if none came in time, or -1 at the end of stream. */
    int recv(ByteBuffer dst, Duration wait) throws IOException {
        int n;
        try {
            n = socket.read(dst, wait.toNanos());
        } catch (IOException e) {
            throw readFailed(e);
        }
        if (n == 0 && dst.hasRemaining()) {
            nothingCame(dst.remaining(), wait);
        }
        return counted(n);
    }

    private int counted(int n) {
        if (n < 0) {
            sawEof = true;
        } else if (n > 0) {
            BYTES_IN.setOpaque(this, bytesIn + n);
            counts.bytesIn.add(n);
        }
        return n;
    }

    /** Sends all of {@code src}, blocking while the client's window is full. */
    void send(ByteBuffer src) throws IOException {
        int start = src.position();
        try {
            socket.write(src);
        } catch (IOException e) {
            throw writeFailed(e);
        }
        sent(src.position() - start);
    }

    private void sent(long n) {
        BYTES_OUT.setOpaque(this, bytesOut + n);
        counts.bytesOut.add(n);
    }

    /** What remains of {@code head}, then up to {@code count} bytes of {@code file} from {@code position}: the file's bytes sent. */
    long sendFile(ByteBuffer head, FileChannel file, long position, long count) throws IOException {
        int before = head.remaining();
        long n;
        try {
            n = socket.sendFile(head, file, position, count);
        } catch (IOException e) {
            throw writeFailed(e);
        }
        sent(before - head.remaining() + n);
        return n;
    }

    /**
     * One gathering write of {@code batch} from {@code first}, for the outbox's writer. Its failure is
     * not recorded as the socket's: the writer keeps it, and the service's own call must still be
     * recognised as the peer's failure when it fails next.
     *
     * @return the bytes written
     */
    long sendGathering(ByteBuffer[] batch, int first) throws IOException {
        long n = socket.write(batch, first, batch.length - first);
        sent(n);
        return n;
    }

    /** {@code shutdown(SHUT_WR)}: the client reads the end of the stream after what was sent. */
    void shutdownOutput() throws IOException {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            throw writeFailed(e);
        }
    }

    /** {@code shutdown(SHUT_RD)}: a read blocked now, or made later, returns the end of the stream. */
    void shutdownInput() throws IOException {
        socket.shutdownInput();
    }

    /** A timed read of up to {@code asked} bytes got nothing within {@code wait}: nothing to count, only to trace. */
    void nothingCame(int asked, Duration wait) {
    }

    /**
     * Closes the socket for a connection the runtime gives up on (a timeout, a client too far
     * behind, the end of the shutdown grace), from any thread: {@code SO_LINGER} 0, then close.
     * The kernel drops what it still holds for the client and resets the connection, where a
     * normal close would keep those bytes queued in an orphaned connection (FIN-WAIT-1), counted
     * by no limit of socklab's, for as long as the client does not read. A Unix socket has no such
     * queue (what was written is in the client's own receive queue), so it is simply closed.
     */
    void abort() {
        // TCP_NODELAY tells TCP from a Unix socket, whose channel takes SO_LINGER but ignores it.
        if (socket.channel().supportedOptions().contains(StandardSocketOptions.TCP_NODELAY)) {
            try {
                lingerZero();
                aborted = true;
            } catch (IOException e) {
                // Closed already: the connection ended before it was given up on.
            }
        }
        close();
    }

    /** {@code setsockopt(SO_LINGER, 0)}: the close that follows resets the connection. */
    void lingerZero() throws IOException {
        socket.channel().setOption(StandardSocketOptions.SO_LINGER, 0);
    }

    /** Closes the socket, from any thread; a call blocked in it fails at once. */
    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("closing {} failed: {}", tag, e.toString());
        }
    }

    long bytesIn() {
        return (long) BYTES_IN.getOpaque(this);
    }

    long bytesOut() {
        return (long) BYTES_OUT.getOpaque(this);
    }

    /** Whether {@link #abort()} reset the connection: what the kernel had not yet delivered of {@link #bytesOut()} was discarded. */
    boolean aborted() {
        return aborted;
    }

    /** Whether a read saw the client close its sending side. */
    boolean sawEof() {
        return sawEof;
    }

    /** Whether {@code e} is a failure of this socket (a reset, a broken pipe), not of the service. */
    boolean isFailure(Throwable e) {
        return e == readFailure || e == writeFailure;
    }

    private IOException readFailed(IOException e) {
        readFailure = e;
        return e;
    }

    private IOException writeFailed(IOException e) {
        writeFailure = e;
        return e;
    }
}
