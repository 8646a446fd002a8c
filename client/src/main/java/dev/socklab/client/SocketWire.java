package dev.socklab.client;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;

import dev.socklab.text.Durations;
import dev.socklab.tls.TlsStream;

/**
 * A client's socket as bytes move on it, untraced: reads wait at most until a deadline, writes at
 * most the write timeout for the peer to make room. {@link ClientConnection} reads plaintext
 * through it and traces each call; TLS records travel on it ({@link TlsStream.Wire}), whose reads
 * wait until the deadline of the call under way, set by {@link #readUntil}. It remembers the first
 * byte the server sent since the handshake began, which tells a server that answered it without TLS.
 */
final class SocketWire implements TlsStream.Wire {
    /** TLS record types (RFC 8446 §5.1): change_cipher_spec, alert, handshake, application_data. */
    private static final int FIRST_RECORD_TYPE = 20;
    private static final int LAST_RECORD_TYPE = 23;

    private final SocketChannel channel;
    private final SelectionKey readKey;
    private final SelectionKey writeKey;
    /** How long a write waits for the peer to make room; shortened once the connection is closing. */
    private volatile Duration writeTimeout;
    /** The deadline of the read under way; set before it by the one thread that reads. */
    private Deadline deadline;
    private int firstByte = -1;

    SocketWire(SocketChannel channel, SelectionKey readKey, SelectionKey writeKey, Duration writeTimeout) {
        this.channel = channel;
        this.readKey = readKey;
        this.writeKey = writeKey;
        this.writeTimeout = writeTimeout;
    }

    /** From now on a write waits at most {@code most} for room, if that is shorter than the write timeout: a close's last words. */
    void boundWrites(Duration most) {
        if (most.compareTo(writeTimeout) < 0) {
            writeTimeout = most;
        }
    }

    /**
     * Forgets the bytes read so far, as a TLS handshake begins: after a plaintext stage (FTP's
     * {@code AUTH TLS}), the server's first byte from here on is what tells TLS from plaintext.
     */
    void handshakeStarts() {
        firstByte = -1;
    }

    /** Bounds the TLS reads that follow, until the next call, by {@code until}. */
    void readUntil(Deadline until) {
        deadline = until;
    }

    /** Whether the server's first byte opens no TLS record: it answered in plaintext, or some other protocol. */
    boolean answeredWithoutTls() {
        return firstByte >= 0 && (firstByte < FIRST_RECORD_TYPE || firstByte > LAST_RECORD_TYPE);
    }

    /**
     * Reads what has arrived, waiting for at least one byte until {@code until}.
     *
     * @return the bytes read, 0 if none came in time, or -1 at the end of the stream
     */
    int read(ByteBuffer dst, Deadline until) throws IOException {
        int start = dst.position();
        int n;
        while ((n = channel.read(dst)) == 0) {
            if (!until.await(readKey, SelectionKey.OP_READ)) {
                return 0;
            }
        }
        if (n > 0 && firstByte < 0) {
            firstByte = dst.get(start) & 0xff;
        }
        return n;
    }

    /** Reads as a TLS handshake does, until the deadline set by {@link #readUntil}, past which it fails. */
    @Override
    public int read(ByteBuffer dst) throws IOException {
        int n = read(dst, deadline);
        if (n == 0) {
            throw new SocketTimeoutException("no answer in time");
        }
        return n;
    }

    @Override
    public int read(ByteBuffer dst, long waitNanos) throws IOException {
        return read(dst, deadline.within(waitNanos));
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        Duration bound = writeTimeout;
        Deadline until = Deadline.after(bound);
        while (src.hasRemaining()) {
            if (channel.write(src) > 0) {
                until = Deadline.after(bound);
            } else if (!until.await(writeKey, SelectionKey.OP_WRITE)) {
                throw new SocketTimeoutException(
                        "could not send: the peer read nothing for " + Durations.format(bound));
            }
        }
    }
}
