package dev.socklab.tls;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import dev.socklab.service.TlsSession;

/**
 * The JDK's {@link SSLEngine} driven over a blocking byte stream, for either end: records read
 * from the {@link Wire} are decrypted into what {@link #read} returns, and what {@link #write}
 * gets is encrypted into records written to it. Blocking and straight-line, as everything on a
 * connection's virtual thread is; the engine and its buffers are the only state.
 *
 * <p>One thread reads while another writes (a service's outbox): each side has its lock, and a
 * read that must send (a TLS 1.3 key update's answer) takes the writing side's, so that records
 * leave in the order the engine made them. After the handshake, a TLS 1.2 peer that starts
 * another one (renegotiation) fails the read: the server refuses what a client starts, and
 * neither end of socklab ever starts one.
 */
public final class TlsStream {
    /** Records wrapped before one write to the wire, and read in one: 64 KiB goes in one system call, not four. */
    private static final int RECORDS_PER_WRITE = 4;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    /** The byte stream the records travel on: a socket, as whichever engine serves it. */
    public interface Wire {
        /** Reads what has arrived into {@code dst}, waiting for at least one byte: the bytes read, or -1 at the end. */
        int read(ByteBuffer dst) throws IOException;

        /** Reads as {@link #read(ByteBuffer)} does but waits at most {@code waitNanos}: 0 if nothing came. */
        int read(ByteBuffer dst, long waitNanos) throws IOException;

        /** Writes all of {@code src}. */
        void write(ByteBuffer src) throws IOException;
    }

    private final SSLEngine engine;
    private final Wire wire;
    private final ReentrantLock reading = new ReentrantLock();
    private final ReentrantLock writing = new ReentrantLock();
    /** Records received and not yet decrypted; kept flipped (ready to be read) between calls. */
    private ByteBuffer netIn;
    /** Plaintext decrypted and not yet returned; kept flipped between calls. */
    private ByteBuffer appIn;
    private ByteBuffer netOut;
    private volatile boolean handshaken;
    /** Whether the peer's close_notify (or the end of its stream) has been read. */
    private boolean inboundDone;
    private volatile boolean outboundDone;
    /** Whether the last unwrap needed more of a record than had arrived. */
    private boolean underflow;

    /**
     * A stream over {@code wire} for {@code engine}, set up for its end (client or server mode, protocols, parameters).
     *
     * @param received bytes already read from the wire that belong to the stream (after a PROXY header), or an empty buffer
     */
    public TlsStream(SSLEngine engine, Wire wire, ByteBuffer received) {
        this.engine = engine;
        this.wire = wire;
        SSLSession session = engine.getSession();
        this.netIn = ByteBuffer.allocate(Math.max(session.getPacketBufferSize() * RECORDS_PER_WRITE, received.remaining()));
        this.netIn.put(received).flip();
        this.appIn = ByteBuffer.allocate(session.getApplicationBufferSize()).flip();
        this.netOut = ByteBuffer.allocate(session.getPacketBufferSize() * RECORDS_PER_WRITE);
    }

    /**
     * Runs the handshake to its end, from the thread that will read. Nothing else may be under way.
     *
     * @throws SSLException when the peer is refused or speaks no TLS: its version, its ciphers, its certificate, its bytes
     * @throws EOFException when the peer closes during it
     */
    public void handshake() throws IOException {
        engine.beginHandshake();
        HandshakeStatus status = engine.getHandshakeStatus();
        try {
            while (status != HandshakeStatus.FINISHED && status != HandshakeStatus.NOT_HANDSHAKING) {
                switch (status) {
                    case NEED_WRAP -> status = wrapFlight();
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> status = unwrapDuringHandshake();
                    case NEED_TASK -> status = runTasks();
                    default -> throw new IllegalStateException("handshake status " + status);
                }
            }
        } catch (SSLException e) {
            sendAlert();
            throw e;
        }
        handshaken = true;
    }

    /**
     * Wraps the handshake messages this end sends in a row (a server's hello, change cipher spec and
     * encrypted flight) and sends them in one write, as one TCP segment where they fit.
     */
    private HandshakeStatus wrapFlight() throws IOException {
        writing.lock();
        try {
            netOut.clear();
            int packet = engine.getSession().getPacketBufferSize();
            HandshakeStatus status;
            SSLEngineResult result;
            do {
                if (netOut.remaining() < packet) {
                    flush();
                }
                result = engine.wrap(EMPTY, netOut);
                status = result.getHandshakeStatus();
                while (status == HandshakeStatus.NEED_TASK) {
                    status = runTasks();
                }
            } while (status == HandshakeStatus.NEED_WRAP && result.getStatus() == SSLEngineResult.Status.OK);
            flush();
            if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                // The engine refused the peer and wrapped the alert that says why: sent above, now the failure.
                throw new SSLException("the TLS handshake failed; the peer was sent an alert");
            }
            return status;
        } finally {
            writing.unlock();
        }
    }

    /** Sends what {@code netOut} holds and clears it for more. */
    private void flush() throws IOException {
        netOut.flip();
        if (netOut.hasRemaining()) {
            wire.write(netOut);
        }
        netOut.clear();
    }

    /** Sends the alert a refused handshake left in the engine, if it left one: the peer learns why. */
    private void sendAlert() {
        try {
            netOut.clear();
            engine.wrap(EMPTY, netOut);
            flush();
        } catch (IOException e) {
            // The peer is gone or speaks no TLS: the failure that brought us here is what counts.
        }
    }

    private HandshakeStatus unwrapDuringHandshake() throws IOException {
        SSLEngineResult result = engine.unwrap(netIn, appIn.compact());
        appIn.flip();
        switch (result.getStatus()) {
            case BUFFER_UNDERFLOW -> {
                if (fill(-1) < 0) {
                    throw new EOFException("the peer closed the connection during the TLS handshake");
                }
            }
            case BUFFER_OVERFLOW -> appIn = larger(appIn, engine.getSession().getApplicationBufferSize());
            case CLOSED -> throw new EOFException("the peer closed the TLS session during its handshake");
            case OK -> {
                // Progress; the status says what comes next.
            }
        }
        return result.getHandshakeStatus();
    }

    /** What the handshake settled. */
    public TlsSession session() {
        SSLSession session = engine.getSession();
        Optional<String> serverName = Optional.empty();
        if (session instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name instanceof SNIHostName host) {
                    serverName = Optional.of(host.getAsciiName());
                }
            }
        }
        String alpn = engine.getApplicationProtocol();
        // A client's peer is the server, whose certificate is no client's subject.
        Optional<String> subject = engine.getUseClientMode() ? Optional.empty() : clientSubject(session);
        return new TlsSession(session.getProtocol(), session.getCipherSuite(), serverName,
                alpn == null || alpn.isEmpty() ? Optional.empty() : Optional.of(alpn), subject);
    }

    /** The subject of the certificate the client presented, if it was asked for one. */
    private static Optional<String> clientSubject(SSLSession session) {
        try {
            return session.getPeerCertificates()[0] instanceof X509Certificate certificate
                    ? Optional.of(certificate.getSubjectX500Principal().getName())
                    : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    /** The engine, for what {@link #session()} does not tell (the server's certificate, to a client). */
    public SSLEngine engine() {
        return engine;
    }

    /**
     * Reads plaintext into {@code dst}, waiting for at least one byte.
     *
     * @return the bytes read, or -1 once the peer closed (with close_notify, or without)
     */
    public int read(ByteBuffer dst) throws IOException {
        return read(dst, -1);
    }

    /**
     * Reads plaintext into {@code dst}, waiting at most {@code waitNanos} (or without bound when negative).
     *
     * @return the bytes read, 0 if none came in time, or -1 once the peer closed
     */
    public int read(ByteBuffer dst, long waitNanos) throws IOException {
        reading.lock();
        try {
            // Every whole record already received is decrypted while dst has room: a 64 KiB read takes four, not one.
            int total = 0;
            while (true) {
                if (appIn.hasRemaining()) {
                    total += copy(appIn, dst);
                    if (!dst.hasRemaining()) {
                        return total;
                    }
                }
                if (inboundDone) {
                    return total > 0 ? total : -1;
                }
                if (netIn.hasRemaining()) {
                    int n = unwrapInto(dst);
                    if (n > 0) {
                        total += n;
                        continue;
                    }
                    if (n < 0) {
                        return total > 0 ? total : -1;
                    }
                    if (appIn.hasRemaining() || inboundDone || netIn.hasRemaining() && !underflow) {
                        continue;
                    }
                }
                if (total > 0) {
                    return total;
                }
                int got = fill(waitNanos);
                if (got < 0) {
                    // The end of the stream without close_notify: a truncation, which the service sees as the end all the same.
                    inboundDone = true;
                    return -1;
                }
                if (got == 0) {
                    return 0;
                }
            }
        } finally {
            reading.unlock();
        }
    }

    /**
     * Decrypts the next record: straight into {@code dst} when it has room for any record, else
     * into {@code appIn}, from which the caller copies.
     *
     * @return bytes put into {@code dst} directly, or -1 at the peer's close_notify, else 0
     */
    private int unwrapInto(ByteBuffer dst) throws IOException {
        boolean direct = dst.remaining() >= engine.getSession().getApplicationBufferSize();
        ByteBuffer target = direct ? dst : appIn.compact();
        SSLEngineResult result;
        try {
            result = engine.unwrap(netIn, target);
        } finally {
            if (!direct) {
                appIn.flip();
            }
        }
        underflow = result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW;
        switch (result.getStatus()) {
            case CLOSED -> {
                inboundDone = true;
                answerPostHandshake(result.getHandshakeStatus());
                return appIn.hasRemaining() ? 0 : -1;
            }
            case BUFFER_OVERFLOW -> {
                appIn = larger(appIn, engine.getSession().getApplicationBufferSize());
                return 0;
            }
            case BUFFER_UNDERFLOW -> {
                return 0;
            }
            case OK -> {
                answerPostHandshake(result.getHandshakeStatus());
                return direct ? result.bytesProduced() : 0;
            }
        }
        return 0;
    }

    /**
     * What a record read after the handshake asks of this end: TLS 1.3's key update and new
     * session tickets are answered; a TLS 1.2 handshake started again is refused.
     */
    private void answerPostHandshake(HandshakeStatus status) throws IOException {
        HandshakeStatus next = status;
        while (next == HandshakeStatus.NEED_TASK || next == HandshakeStatus.NEED_WRAP) {
            if (handshaken && "TLSv1.2".equals(engine.getSession().getProtocol()) && !inboundDone) {
                throw new SSLException("renegotiation refused: the peer started a new TLS 1.2 handshake");
            }
            next = next == HandshakeStatus.NEED_TASK ? runTasks() : wrapAndSend();
        }
    }

    /**
     * Encrypts and sends all of {@code src}, blocking while the peer's window is full.
     *
     * @throws SSLException if this end has closed its sending side
     */
    public void write(ByteBuffer src) throws IOException {
        write(new ByteBuffer[] {src}, 0, 1);
    }

    /**
     * Encrypts and sends all of {@code srcs[offset..offset+length)}, as few records as they fit.
     *
     * @return the plaintext bytes sent
     */
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        writing.lock();
        try {
            long sent = 0;
            while (remaining(srcs, offset, length) > 0) {
                netOut.clear();
                int packet = engine.getSession().getPacketBufferSize();
                while (netOut.remaining() >= packet && remaining(srcs, offset, length) > 0) {
                    SSLEngineResult result = engine.wrap(srcs, offset, length, netOut);
                    if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SSLException("the TLS session is closed for sending");
                    }
                    if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                        break;
                    }
                    sent += result.bytesConsumed();
                }
                netOut.flip();
                wire.write(netOut);
            }
            return sent;
        } finally {
            writing.unlock();
        }
    }

    /**
     * Sends close_notify: the peer reads the end of the stream after what was sent, and this end
     * may still read (TLS 1.3's half-close). Once only; later calls do nothing.
     */
    public void closeOutbound() throws IOException {
        writing.lock();
        try {
            if (outboundDone) {
                return;
            }
            outboundDone = true;
            engine.closeOutbound();
            while (!engine.isOutboundDone()) {
                netOut.clear();
                SSLEngineResult result = engine.wrap(EMPTY, netOut);
                boolean wrote = netOut.position() > 0;
                flush();
                if (result.getStatus() == SSLEngineResult.Status.CLOSED && !wrote) {
                    break;
                }
            }
        } finally {
            writing.unlock();
        }
    }

    /** Wraps what the engine has to say after the handshake (a key update, a close_notify in answer) and sends it. */
    private HandshakeStatus wrapAndSend() throws IOException {
        writing.lock();
        try {
            netOut.clear();
            SSLEngineResult result = engine.wrap(EMPTY, netOut);
            flush();
            return result.getHandshakeStatus();
        } finally {
            writing.unlock();
        }
    }

    private HandshakeStatus runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
        return engine.getHandshakeStatus();
    }

    /** Reads more records from the wire behind what {@code netIn} holds: the bytes read, 0 if none came in time, -1 at the end. */
    private int fill(long waitNanos) throws IOException {
        if (netIn.position() > 0) {
            netIn.compact().flip();
        }
        if (netIn.limit() == netIn.capacity()) {
            // Four packets and not one whole record: the engine refuses an oversized record before this; never grow for a peer.
            throw new SSLException("a TLS record longer than the protocol allows");
        }
        int start = netIn.position();
        netIn.position(netIn.limit()).limit(netIn.capacity());
        int n;
        try {
            n = waitNanos < 0 ? wire.read(netIn) : wire.read(netIn, waitNanos);
        } finally {
            netIn.limit(netIn.position()).position(start);
        }
        return n;
    }

    private static int copy(ByteBuffer from, ByteBuffer to) {
        int n = Math.min(from.remaining(), to.remaining());
        int limit = from.limit();
        from.limit(from.position() + n);
        to.put(from);
        from.limit(limit);
        return n;
    }

    private static long remaining(ByteBuffer[] srcs, int offset, int length) {
        long n = 0;
        for (int i = offset; i < offset + length; i++) {
            n += srcs[i].remaining();
        }
        return n;
    }

    /** {@code buffer}'s unread bytes in a buffer {@code more} bytes larger, flipped as {@code buffer} was. */
    private static ByteBuffer larger(ByteBuffer buffer, int more) {
        ByteBuffer bigger = ByteBuffer.allocate(buffer.capacity() + more);
        bigger.put(buffer).flip();
        return bigger;
    }
}
