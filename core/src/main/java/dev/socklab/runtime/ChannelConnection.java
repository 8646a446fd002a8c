package dev.socklab.runtime;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

import org.slf4j.Logger;

import dev.socklab.engine.StreamSocket;
import dev.socklab.framing.LineFraming;
import dev.socklab.net.PortRange;
import dev.socklab.service.Connection;
import dev.socklab.service.DataConnection;
import dev.socklab.service.DataListener;
import dev.socklab.service.Outbox;
import dev.socklab.service.TlsSession;
import dev.socklab.tls.TlsSocket;
import dev.socklab.trace.Tracer;

/**
 * A {@link Connection} over a stream socket (TCP or Unix) of the server's I/O engine, put together
 * from the parts that each do one job: the {@link ChannelWire} makes, counts and traces the socket
 * calls; the {@link Deadlines} bound each of them in time; the {@link WaitingReader} (or, on the
 * JDK's engine, the {@link TimedReader}) ends a read at a wait without closing; the
 * {@link LineFraming} frames lines and chunks; an {@link OutboxWriter}, if
 * the service asks for one, sends for it. What is left here is the service's view: which call
 * completes the first request, and which way a write goes.
 */
final class ChannelConnection implements Connection {
    /** A blocking write is split into chunks of this size, so that the write deadline measures progress, not the whole write. */
    private static final int WRITE_CHUNK = 64 * 1024;

    private final ChannelWire wire;
    /** The client: the socket's peer, or the one a trusted proxy's header named, set before the service runs. */
    private volatile SocketAddress peer;
    /** The proxy's address, when a PROXY header named the client; null for a direct connection. */
    private volatile SocketAddress via;
    /** What the TLS handshake settled; null on a plain connection. */
    private volatile TlsSession tls;
    private final SocketAddress local;
    private final Logger log;
    private final Deadlines deadlines;
    private final LineFraming framing;
    private final Watchdog watchdog;
    /** What the service says to a client that a limit turns away. */
    private final Function<String, Optional<String>> refusalLine;
    /** The writer that sends for the service once it asked for an outbox; null until then. */
    private volatile OutboxWriter outbox;
    /** The socket whose layer {@link #startTls()} changes, and where its engines come from; null where it cannot. */
    private PrologueSocket upgradable;
    private Supplier<SSLEngine> tlsEngines;
    /** Where data connections come from: the server, and the limits they are held to; null for none. */
    private ServerContext context;
    private Limits limits;
    private final String tag;
    /** Its listener's counts, which its data connections add to as well. */
    private final ListenerCounts counts;
    /** The data connections, made on the first; null until then. */
    private DataPorts dataPorts;

    ChannelConnection(StreamSocket socket, String tag, SocketAddress peer, SocketAddress local, Limits limits,
                      Tracer tracer, Logger log, Watchdog watchdog, Function<String, Optional<String>> refusalLine,
                      ListenerCounts counts) {
        this.wire = ChannelWire.of(socket, tag, log, tracer, counts);
        this.counts = counts;
        this.tag = tag;
        this.peer = peer;
        this.local = local;
        this.log = log;
        this.deadlines = new Deadlines(limits, wire::abort);
        this.framing = new LineFraming(WaitingReader.of(wire, deadlines), limits.maxLineLength());
        this.watchdog = watchdog;
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
    public Optional<SocketAddress> via() {
        return Optional.ofNullable(via);
    }

    @Override
    public Optional<TlsSession> tls() {
        return Optional.ofNullable(tls);
    }

    /** The service may turn this connection into TLS ({@link #startTls()}): {@code socket} is its layered socket. */
    void upgradable(PrologueSocket socket, Supplier<SSLEngine> engines) {
        this.upgradable = socket;
        this.tlsEngines = engines;
    }

    /** Under {@code --trace}, the rest of each received line that begins with one of {@code prefixes} shows as {@code *}. */
    void redactInTrace(List<String> prefixes) {
        if (wire instanceof TracedWire traced && !prefixes.isEmpty()) {
            traced.redact(prefixes);
        }
    }

    /** The service may open data connections beside this one, from {@code server}, held to {@code timeouts}. */
    void dataPortsFrom(ServerContext server, Limits timeouts) {
        this.context = server;
        this.limits = timeouts;
    }

    @Override
    public boolean tlsAvailable() {
        return upgradable != null && tls == null;
    }

    @Override
    public TlsSession startTls() throws IOException {
        if (!tlsAvailable()) {
            throw new IllegalStateException(tls != null ? "this connection speaks TLS already"
                    : "TLS is not available: the service does not start it, or the server has no certificate");
        }
        int dropped = framing.discardAhead();
        if (dropped > 0) {
            // Sent before the handshake, so not covered by it: never read as if it were (CVE-2011-0411).
            log.warn("discarded {} B the client sent before the TLS handshake", dropped);
        }
        TlsSocket secured = new TlsSocket(upgradable.layer(), tlsEngines.get(), ByteBuffer.allocate(0));
        deadlines.readStarted();
        TlsSession session;
        try {
            session = secured.handshake();
        } catch (IOException e) {
            // A half-done handshake leaves nothing to go on with: the connection ends here.
            wire.abort();
            throw e instanceof SSLException ? e : new SSLException("TLS handshake failed: " + e.getMessage(), e);
        } finally {
            deadlines.readEnded();
        }
        upgradable.layer(secured);
        tls = session;
        return session;
    }

    @Override
    public DataListener listenForData(PortRange ports) throws IOException {
        return dataPorts().listen(ports);
    }

    @Override
    public DataConnection connectForData(InetSocketAddress target, boolean tls, Duration wait) throws IOException {
        return dataPorts().connect(target, tls, wait);
    }

    private DataPorts dataPorts() {
        if (dataPorts == null) {
            if (context == null || !(peer instanceof InetSocketAddress client) || !(local instanceof InetSocketAddress own)) {
                throw new UnsupportedOperationException("data connections go with a TCP connection, not this one");
            }
            dataPorts = new DataPorts(context, tag, limits, log, client, own, counts);
        }
        return dataPorts;
    }

    /** Closes the data connections the service left open: they end with this one. */
    void closeData() {
        if (dataPorts != null) {
            dataPorts.closeAll();
        }
    }

    /** Whether the service turned this connection into TLS ({@link #startTls()}). */
    boolean upgradedToTls() {
        return upgradable != null && tls != null;
    }

    /** Sends close_notify if the service turned this connection into TLS; the runtime's prologue does it otherwise. */
    void closeUpgradedTls() throws IOException {
        if (upgradedToTls() && upgradable.layer() instanceof TlsSocket secured) {
            secured.closeOutbound();
        }
    }

    /** A trusted proxy's header named {@code client}: from now on it is the peer, and the socket's peer the proxy. */
    void proxiedFor(SocketAddress client) {
        via = peer;
        peer = client;
    }

    /** The TLS handshake settled {@code session}. */
    void secured(TlsSession session) {
        tls = session;
    }

    @Override
    public Logger log() {
        return log;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        // Past the first request, a read pays nothing for the first-request flag: echo's reads are its hot path.
        if (!deadlines.awaitingFirstRequest()) {
            return framing.read(dst);
        }
        deadlines.reading(true);
        try {
            return completes(framing.read(dst));
        } finally {
            deadlines.reading(false);
        }
    }

    @Override
    public int read(ByteBuffer dst, Duration wait) throws IOException {
        if (!deadlines.awaitingFirstRequest()) {
            return framing.read(dst, wait);
        }
        deadlines.reading(true);
        try {
            return completes(framing.read(dst, wait));
        } finally {
            deadlines.reading(false);
        }
    }

    /** Waiting for bytes completes no request: the read that takes them does. */
    @Override
    public boolean awaitReadable(Duration wait) throws IOException {
        if (!deadlines.awaitingFirstRequest()) {
            return framing.awaitReadable(wait);
        }
        deadlines.reading(true);
        try {
            return framing.awaitReadable(wait);
        } finally {
            deadlines.reading(false);
        }
    }

    @Override
    public Optional<String> readLine() throws IOException {
        return request(framing::readLine);
    }

    @Override
    public Optional<String> readLine(int maxBytes) throws IOException {
        return request(() -> framing.readLine(maxBytes));
    }

    @Override
    public Optional<String> readLine(int maxBytes, Duration pause) throws IOException {
        return request(() -> framing.readLine(maxBytes, pause));
    }

    @Override
    public Optional<String> readUpTo(int maxBytes, Duration quiet) throws IOException {
        return request(() -> framing.readUpTo(maxBytes, quiet));
    }

    /** A read call that completes a request whenever it returns, its first included. */
    private Optional<String> request(Request call) throws IOException {
        if (!deadlines.awaitingFirstRequest()) {
            return call.read();
        }
        deadlines.reading(true);
        try {
            Optional<String> got = call.read();
            deadlines.requestCompleted();
            return got;
        } finally {
            deadlines.reading(false);
        }
    }

    /** A raw read completes a request when it returns bytes or the end of the stream, not when its wait ran out. */
    private int completes(int n) {
        if (n != 0) {
            deadlines.requestCompleted();
        }
        return n;
    }

    private interface Request {
        Optional<String> read() throws IOException;
    }

    @Override
    public Outbox outbox(int maxBytes, Duration maxLag) {
        if (outbox != null) {
            throw new IllegalStateException("this connection has an outbox already");
        }
        OutboxWriter writer = new OutboxWriter(wire, deadlines, watchdog, maxBytes, maxLag, refusalLine);
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
            // Up to the real end: each chunk's limit leaves hasRemaining() false after it.
            while (src.position() < end) {
                src.limit(Math.min(end, src.position() + WRITE_CHUNK));
                deadlines.writeStarted();
                try {
                    wire.send(src);
                } finally {
                    deadlines.writeEnded();
                }
            }
        } finally {
            src.limit(end);
        }
    }

    @Override
    public void sendFile(ByteBuffer head, FileChannel file, long position, long count) throws IOException {
        if (outbox != null) {
            throw new IllegalStateException("this connection sends through its outbox");
        }
        long at = position;
        long end = position + count;
        while (at < end || head.hasRemaining()) {
            int headBefore = head.remaining();
            deadlines.writeStarted();
            long n;
            try {
                n = wire.sendFile(head, file, at, end - at);
            } finally {
                deadlines.writeEnded();
            }
            if (n == 0 && head.remaining() == headBefore) {
                throw new EOFException("the file ended at byte " + at + ", before the " + count + " bytes to send");
            }
            at += n;
        }
    }

    @Override
    public void writeLine(String text) throws IOException {
        write(TextLine.of(text));
    }

    @Override
    public void shutdownOutput() throws IOException {
        wire.shutdownOutput();
    }

    /** Ends the client's input, at shutdown: a read blocked now, or made later, returns end of stream. */
    void shutdownInput() {
        try {
            wire.shutdownInput();
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
        deadlines.lastWordsOnly();
        OutboxWriter writer = outbox;
        if (writer != null) {
            writer.offerLine(line);
            return;
        }
        try {
            writeLine(line);
        } catch (IOException e) {
            // The client is gone or not reading: the line was a courtesy, the close is what counts.
        }
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

    /** Why the runtime disconnected the client while the service served it, if it did. */
    Optional<String> droppedBecause() {
        OutboxWriter writer = outbox;
        return writer == null ? Optional.empty() : writer.droppedBecause();
    }

    /** The time bounds the watchdog holds this connection to. */
    Deadlines deadlines() {
        return deadlines;
    }

    /** Whether the client closed its sending side while the service was reading. */
    boolean sawEof() {
        return wire.sawEof();
    }

    /** Whether {@code e} is a failure of this connection's socket (a reset, a broken pipe), not of the service. */
    boolean isChannelFailure(Throwable e) {
        return wire.isFailure(e);
    }

    long bytesIn() {
        return wire.bytesIn();
    }

    long bytesOut() {
        return wire.bytesOut();
    }

    /** Closes the socket, from any thread; a call blocked in it fails at once. */
    void closeChannel() {
        wire.close();
    }

    /** Resets the connection, from any thread, discarding what the kernel still holds for the client ({@link ChannelWire#abort()}). */
    void abortChannel() {
        wire.abort();
    }

    /** Whether the connection was reset: of {@link #bytesOut()}, what the client had not received was discarded. */
    boolean aborted() {
        return wire.aborted();
    }
}
