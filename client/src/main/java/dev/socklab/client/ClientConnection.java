package dev.socklab.client;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;

import dev.socklab.net.AddressException;
import dev.socklab.net.Family;
import dev.socklab.net.Host;
import dev.socklab.service.TlsSession;
import dev.socklab.text.Durations;
import dev.socklab.text.Visible;
import dev.socklab.tls.TlsStream;
import dev.socklab.trace.Tracer;

/**
 * One stream connection from a client, over TCP or a Unix socket, with every connect, read and
 * write bounded in time and every socket call traced.
 *
 * <p>The channel is non-blocking and waited on with a selector, because a blocking channel's
 * calls cannot time out. Reads wait on one selector and writes on another, so one thread may read
 * while another writes (as a relay does); two threads must not both read, nor both write.
 *
 * <p>After {@link #startTls}, the same calls carry plaintext over TLS: the reads keep their
 * deadlines, and the trace shows the handshake's outcome, then the application's bytes as
 * {@code SSL_read} and {@code SSL_write}, as a C client's calls to OpenSSL would, not the records.
 */
public final class ClientConnection implements Closeable {
    /** How much one {@code recv} asks for in {@link #readToEof}: a few segments' worth. */
    private static final int CHUNK = 4096;
    /** The longest a clean close waits for room to send close_notify: it never waits for the server's. */
    private static final Duration CLOSE_NOTIFY_WAIT = Duration.ofSeconds(1);

    private final SocketChannel channel;
    /** Waited on by reads; its selector also served the connect. */
    private final SelectionKey readKey;
    /** Waited on by writes: a selector of their own, since one selector serves one waiting thread at a time. */
    private final SelectionKey writeKey;
    private final Duration writeTimeout;
    private final Tracer tracer;
    private final String who;
    private final SocketAddress local;
    private final SocketAddress peer;
    /** The channel's bytes, untraced: plaintext to trace, or the TLS records. */
    private final SocketWire wire;
    /** TLS over the wire once {@link #startTls} has run; null while the connection is plaintext. */
    private volatile TlsStream tls;
    private boolean closed;
    /** A call failed, or a write timed out: the close is abrupt, with no close_notify to a peer that cannot take it. */
    private volatile boolean failed;

    ClientConnection(SocketChannel channel, SelectionKey key, Duration writeTimeout, Tracer tracer, String who)
            throws IOException {
        this.channel = channel;
        this.readKey = key;
        this.writeTimeout = writeTimeout;
        this.tracer = tracer;
        this.who = who;
        this.local = channel.getLocalAddress();
        this.peer = channel.getRemoteAddress();
        // Last: nothing after it can fail and leave its selector open.
        this.writeKey = registerForWrites(channel);
        this.wire = new SocketWire(channel, readKey, writeKey, writeTimeout);
    }

    /**
     * Connects to {@code port} on {@code host}, trying each of its addresses in the order the
     * resolver gives them until one accepts: {@code localhost} may give {@code ::1} first while a
     * lab server listens on {@code 127.0.0.1} only.
     *
     * @param host the server's host
     * @param port the server's port
     * @param family which IP versions to try
     * @param timeout how long each connect may take, and how long a write may wait for the peer
     *     to make room
     * @param tracer where the socket calls are traced
     * @param who the tag of this client's trace lines, such as {@code hello}
     * @return the open connection
     * @throws AddressException if the host does not resolve
     * @throws ConnectException if no address accepts; its message names each attempt, as in
     *     {@code cannot connect to localhost port 10000: [::1]:10000 refused, 127.0.0.1:10000 refused}
     * @throws IOException if a socket cannot be opened at all
     */
    public static ClientConnection connect(Host host, int port, Family family, Duration timeout, Tracer tracer,
            String who) throws IOException {
        List<InetSocketAddress> addresses = host.resolve(family).stream()
                .map(address -> new InetSocketAddress(address, port))
                .toList();
        return connect(host.toString(), port, addresses, timeout, tracer, who);
    }

    /**
     * Connects to the first of {@code addresses} that accepts, as {@link #connect(Host, int, Family,
     * Duration, Tracer, String)} does once the host is resolved.
     *
     * @param host the host as the user wrote it, for the error message
     * @param addresses resolved addresses, in the order to try them
     */
    static ClientConnection connect(String host, int port, List<InetSocketAddress> addresses, Duration timeout,
            Tracer tracer, String who) throws IOException {
        return new Connector(timeout, tracer, who).toFirst(host, port, addresses);
    }

    /**
     * Connects to the Unix socket at {@code path}.
     *
     * @param path the socket file
     * @param timeout how long the connect may take, and how long a write may wait for the peer
     *     to make room
     * @param tracer where the socket calls are traced
     * @param who the tag of this client's trace lines, such as {@code hello}
     * @return the open connection
     * @throws ConnectException if the connect fails, such as
     *     {@code cannot connect to unix:/x.sock: no such socket file}
     * @throws IOException if a socket cannot be opened at all
     */
    public static ClientConnection connect(UnixDomainSocketAddress path, Duration timeout, Tracer tracer, String who)
            throws IOException {
        return new Connector(timeout, tracer, who).toUnix(path);
    }

    /**
     * Runs a TLS handshake as the client, with the server at {@code host}: from then on this
     * connection's reads and writes carry plaintext over TLS. Call it once, right after connecting,
     * before the connection is shared with another thread.
     *
     * @param settings what to trust and what to offer
     * @param host the server as the user wrote it, whose name its certificate must hold and which
     *     SNI sends; for a Unix socket, the name the server is known by
     * @param timeout how long the server may take to answer each step of the handshake
     * @return what the handshake settled
     * @throws CertificateRefusedException if the server's certificate is refused, saying why
     * @throws SocketTimeoutException if the server does not answer in time
     * @throws IOException if the handshake fails otherwise, in one sentence
     */
    public TlsSession startTls(ClientTls settings, Host host, Duration timeout) throws IOException {
        return startTls(settings, host, peer instanceof InetSocketAddress inet ? inet.getPort() : 0, timeout);
    }

    /**
     * Runs a TLS handshake as {@link #startTls(ClientTls, Host, Duration)} does, offering to resume
     * the session made with {@code host}'s port {@code sessionPort} rather than this connection's
     * own: the JDK keeps a client's sessions by host and port, and an FTP data connection, on a port
     * of its own, must resume its control connection's session (vsftpd's {@code require_ssl_reuse},
     * which proves that both connections are the same client's). The session must come from the
     * same {@code settings}, which hold the JDK's session cache.
     */
    TlsSession startTls(ClientTls settings, Host host, int sessionPort, Duration timeout) throws IOException {
        TlsStream stream = new TlsStream(settings.newEngine(host, sessionPort), wire, ByteBuffer.allocate(0));
        wire.handshakeStarts();
        wire.readUntil(Deadline.after(timeout));
        try {
            stream.handshake();
        } catch (IOException e) {
            IOException failure = HandshakeFailure.explain(e, wire, timeout);
            if (tracer.enabled()) {
                tracer.call(who, "SSL_connect() = failed: " + Visible.of(failure.getMessage()));
            }
            throw failure;
        }
        tls = stream;
        TlsSession session = stream.session();
        if (tracer.enabled()) {
            tracer.call(who, "SSL_connect() = " + Visible.of(session + " server=\"" + serverSubject(stream.engine())
                    + "\"" + (settings.checksTheServer() ? "" : " (not checked)")));
        }
        return session;
    }

    /**
     * This side's address, as {@code getsockname()} gave it right after connecting.
     *
     * @return an {@code InetSocketAddress}, or for a Unix socket an unnamed {@code UnixDomainSocketAddress}
     */
    public SocketAddress local() {
        return local;
    }

    /**
     * The server's address.
     *
     * @return the address connected to
     */
    public SocketAddress peer() {
        return peer;
    }

    /**
     * Reads what has arrived, up to {@code dst.remaining()} bytes, waiting up to {@code timeout}
     * for at least one.
     *
     * @param dst where the bytes go, from its position on
     * @param timeout how long to wait for the first byte
     * @return the number of bytes read, -1 once the server has closed its sending side, or 0 if
     *     {@code dst} has no room
     * @throws SocketTimeoutException if nothing arrives in time, with a message such as
     *     {@code no answer within 2s}
     * @throws IOException if the connection fails, such as when it is reset
     */
    public int read(ByteBuffer dst, Duration timeout) throws IOException {
        return read(dst, Deadline.after(timeout), timeout);
    }

    /**
     * Reads until the server closes its sending side or {@code maxBytes} have arrived, whichever
     * comes first, all within one {@code timeout}. A server that sends a little and then neither
     * sends more nor closes costs the whole timeout, and what it sent is returned.
     *
     * @param maxBytes the most to read; past it, nothing more is read
     * @param timeout how long the whole read may take
     * @return the bytes received, at least one
     * @throws SocketTimeoutException if nothing at all arrives in time
     * @throws IllegalArgumentException if {@code maxBytes} is not positive
     * @throws IOException if the connection fails, such as when it is reset
     */
    public byte[] readToEof(int maxBytes, Duration timeout) throws IOException {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, not " + maxBytes);
        }
        Deadline deadline = Deadline.after(timeout);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        ByteBuffer chunk = ByteBuffer.allocate(Math.min(maxBytes, CHUNK));
        while (received.size() < maxBytes) {
            chunk.clear().limit(Math.min(chunk.capacity(), maxBytes - received.size()));
            int n;
            try {
                n = read(chunk, deadline, timeout);
            } catch (SocketTimeoutException e) {
                if (received.size() > 0) {
                    break;
                }
                throw e;
            }
            if (n < 0) {
                break;
            }
            received.write(chunk.array(), 0, n);
        }
        return received.toByteArray();
    }

    /**
     * Writes all of {@code src}, waiting while the socket's send buffer is full. The write timeout
     * given at connect bounds each such wait: the write fails only when the peer reads nothing for
     * that long, however long the whole write takes.
     *
     * @param src the bytes to send, from its position to its limit; its position ends at its limit
     * @throws SocketTimeoutException if the peer reads nothing for the write timeout
     * @throws IOException if the connection fails, such as when the peer has reset it
     */
    public void write(ByteBuffer src) throws IOException {
        TlsStream secure = tls;
        if (secure != null) {
            writeTls(secure, src);
            return;
        }
        Deadline deadline = Deadline.after(writeTimeout);
        while (src.hasRemaining()) {
            int asked = src.remaining();
            int start = src.position();
            int n;
            try {
                n = channel.write(src);
            } catch (IOException e) {
                traceFailure("send(" + asked + ")", e);
                throw e;
            }
            if (n > 0) {
                if (tracer.enabled()) {
                    tracer.io(who, "send", asked, n, TraceText.moved(src, start));
                }
                deadline = Deadline.after(writeTimeout);
            } else if (!deadline.await(writeKey, SelectionKey.OP_WRITE)) {
                if (tracer.enabled()) {
                    tracer.call(who, TraceText.timedOut("send(" + asked + ")", writeTimeout));
                }
                throw new SocketTimeoutException(
                        "could not send: the peer read nothing for " + Durations.format(writeTimeout));
            }
        }
    }

    /**
     * Writes all of {@code bytes}, as {@link #write(ByteBuffer)} does.
     *
     * @param bytes the bytes to send
     * @throws IOException as {@link #write(ByteBuffer)} does
     */
    public void write(byte[] bytes) throws IOException {
        write(ByteBuffer.wrap(bytes));
    }

    /**
     * Closes the sending side ({@code shutdown(SHUT_WR)}): the server reads EOF after what was
     * sent, while this side can still read its answer. Over TLS, close_notify goes first; a TLS
     * 1.2 server answers it with its own and sends nothing more, as TLS 1.2 has no half-close.
     *
     * @throws IOException if the connection is no longer there to shut down
     */
    public void shutdownOutput() throws IOException {
        TlsStream secure = tls;
        if (secure != null) {
            // close_notify first: the server reads the end of the stream from TLS, which a bare FIN would truncate.
            try {
                secure.closeOutbound();
            } catch (IOException e) {
                traceFailure("SSL_shutdown()", e);
                throw e;
            }
            tracer.call(who, "SSL_shutdown()");
        }
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            traceFailure("shutdown(SHUT_WR)", e);
            throw e;
        }
        tracer.call(who, "shutdown(SHUT_WR)");
    }

    /**
     * Adds a line of the protocol's own to the trace, beside the socket calls: what the client made
     * of the bytes, such as one line of an HTTP head, which a {@code send} or {@code recv} line
     * shows only the start of. Nothing when tracing is off.
     *
     * @param text the line, already made safe to show
     */
    public void note(String text) {
        if (tracer.enabled()) {
            tracer.call(who, text);
        }
    }

    /**
     * Closes the connection; closing it again does nothing. Over TLS, a connection whose calls all
     * went well sends close_notify first (waiting at most a second for room, and not for the
     * server's own), so the server reads a clean end of TLS, not a truncation; after a failed call or a
     * write that timed out, the close is abrupt.
     *
     * @throws IOException if closing the socket fails
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        TlsStream secure = tls;
        if (secure != null && !failed) {
            wire.boundWrites(CLOSE_NOTIFY_WAIT);
            try {
                secure.closeOutbound();
                tracer.call(who, "SSL_shutdown()");
            } catch (IOException e) {
                // The server is gone or not reading: the close goes on, abrupt after all.
                traceFailure("SSL_shutdown()", e);
            }
        }
        try {
            // The selectors first: a channel still registered with one is only closed at deregistration.
            writeKey.selector().close();
            readKey.selector().close();
        } finally {
            channel.close();
            tracer.call(who, "close()");
        }
    }

    /** A second registration of {@code channel}, with a selector of its own; the selector is closed again on failure. */
    private static SelectionKey registerForWrites(SocketChannel channel) throws IOException {
        Selector selector = Selector.open();
        try {
            return channel.register(selector, 0);
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
    }

    /** Traces a call that failed, such as {@code send(28) = EPIPE (Broken pipe)}: the line a C trace would show. */
    private void traceFailure(String call, IOException e) {
        failed = true;
        if (tracer.enabled()) {
            tracer.call(who, call + " = " + IoFailure.errno(e));
        }
    }

    private int read(ByteBuffer dst, Deadline deadline, Duration timeout) throws IOException {
        int asked = dst.remaining();
        int start = dst.position();
        TlsStream secure = tls;
        String call = secure == null ? "recv" : "SSL_read";
        int n = 0;
        if (asked > 0) {
            try {
                if (secure == null) {
                    n = wire.read(dst, deadline);
                } else {
                    wire.readUntil(deadline);
                    n = secure.read(dst, deadline.remainingNanos());
                }
            } catch (IOException e) {
                traceFailure(call + "(" + asked + ")", e);
                throw e;
            }
            if (n == 0) {
                if (tracer.enabled()) {
                    tracer.call(who, TraceText.timedOut(call + "(" + asked + ")", timeout));
                }
                throw new SocketTimeoutException("no answer within " + Durations.format(timeout));
            }
        }
        if (tracer.enabled()) {
            tracer.io(who, call, asked, n, TraceText.moved(dst, start));
        }
        return n;
    }

    /** Writes all of {@code src} over TLS, as {@link #write(ByteBuffer)} does, traced as one call. */
    private void writeTls(TlsStream secure, ByteBuffer src) throws IOException {
        int asked = src.remaining();
        int start = src.position();
        try {
            secure.write(src);
        } catch (IOException e) {
            traceFailure("SSL_write(" + asked + ")", e);
            throw e;
        }
        if (tracer.enabled()) {
            tracer.io(who, "SSL_write", asked, asked, TraceText.moved(src, start));
        }
    }

    /** The subject of the server's certificate, as the handshake gave it. */
    private static String serverSubject(SSLEngine engine) {
        try {
            return ((X509Certificate) engine.getSession().getPeerCertificates()[0])
                    .getSubjectX500Principal().getName();
        } catch (SSLPeerUnverifiedException e) {
            return "";
        }
    }
}
