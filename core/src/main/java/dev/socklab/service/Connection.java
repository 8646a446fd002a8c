package dev.socklab.service;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;

import dev.socklab.framing.ByteSource;
import dev.socklab.net.PortRange;

/**
 * One accepted stream connection, as a service sees it: blocking reads and writes, with the
 * runtime's idle timeout and limits applied to each. Not for use from more than one thread. Its
 * reads make it a {@link ByteSource}, which a parser (HTTP's, WebSocket's) can read from directly.
 *
 * <p>Every read and write is counted, traced under {@code --trace}, and bounded in time: a read
 * or write that makes no progress for the idle timeout fails with an {@link IOException} after
 * the runtime closes the connection.
 */
public interface Connection extends ByteSource {
    /**
     * The client's address: an {@code InetSocketAddress}, or a {@code UnixDomainSocketAddress}
     * (often unnamed). Behind a trusted proxy that sends the PROXY protocol, the client the proxy
     * names, as every limit and log line of the runtime sees it too.
     */
    SocketAddress peer();

    /** The server's own address for this connection, as {@code getsockname()} gives it. */
    SocketAddress local();

    /**
     * The address the connection came from on the wire when a proxy's PROXY protocol header named
     * the real client ({@link #peer()}): the proxy's own address. Empty for a direct connection.
     */
    default Optional<SocketAddress> via() {
        return Optional.empty();
    }

    /** What the TLS handshake settled, on a TLS endpoint; empty on a plain one. Reads and writes carry the plaintext either way. */
    default Optional<TlsSession> tls() {
        return Optional.empty();
    }

    /**
     * Reads what has arrived, up to {@code dst.remaining()} bytes, waiting for at least one.
     *
     * @return the number of bytes read, or -1 once the client has closed its sending side
     */
    @Override
    int read(ByteBuffer dst) throws IOException;

    /**
     * Reads what arrives within {@code wait}, up to {@code dst.remaining()} bytes, without closing
     * the connection when nothing does.
     *
     * @return the number of bytes read, 0 if none came within {@code wait}, or -1 once the client
     *     has closed its sending side
     */
    @Override
    int read(ByteBuffer dst, Duration wait) throws IOException;

    /**
     * Waits at most {@code wait} until there is something to read, as {@code poll(2)} waits for
     * {@code POLLIN}, and reads none of it: for a service busy with something else that must still
     * notice what the client says (FTP's {@code ABOR} during a transfer). Bounded by its wait, not
     * by the idle timeout, and the connection stays open when nothing comes.
     *
     * @return whether bytes are there to read, or the client has closed its sending side; false if
     *     the wait passed first
     */
    boolean awaitReadable(Duration wait) throws IOException;

    /**
     * Reads what the client sends until it closes its side, {@code maxBytes} have come, or it
     * stays quiet for {@code quiet}, whichever is first; decoded as UTF-8. For a reply that has no
     * framing, such as the lab's acknowledgement.
     *
     * @return what came, or empty if nothing did
     */
    Optional<String> readUpTo(int maxBytes, Duration quiet) throws IOException;

    /**
     * Reads one line of at most the server's maximum line length ({@code --max-line-length}).
     *
     * @see #readLine(int)
     */
    Optional<String> readLine() throws IOException;

    /**
     * Reads one line ended by LF or CRLF and returns it without its end, decoded as UTF-8
     * (malformed bytes become U+FFFD). At EOF the bytes received since the last line end are
     * returned as a last line; after that, empty.
     *
     * @param maxBytes the longest line accepted, not counting its end; the smaller of this and
     *     the server's maximum applies
     * @throws LineTooLongException when that many bytes arrive with no line end
     */
    Optional<String> readLine(int maxBytes) throws IOException;

    /**
     * Reads one request: a line ended by LF or CRLF, or what the client sent before pausing for
     * {@code pause} in the middle of one, as the lab's clients send requests with no line end.
     * Waiting for the first byte is bounded by the idle timeout alone.
     *
     * @see #readLine(int)
     */
    Optional<String> readLine(int maxBytes, Duration pause) throws IOException;

    /**
     * Hands this connection's sending over to a writer thread of the runtime's, for a service that
     * sends what other clients say while its own thread reads. Called at most once; afterwards
     * everything sent goes through the outbox, and the write methods throw
     * {@link IllegalStateException}. What is still queued when {@code serve} returns goes out before
     * the connection closes, within the write timeout.
     *
     * @param maxBytes the most bytes that may wait to be sent
     * @param maxLag the longest the oldest of them may wait
     */
    Outbox outbox(int maxBytes, Duration maxLag);

    /** Writes all of {@code src}, blocking while the client's window is full. */
    void write(ByteBuffer src) throws IOException;

    /** Writes all of {@code bytes}. */
    default void write(byte[] bytes) throws IOException {
        write(ByteBuffer.wrap(bytes));
    }

    /** Writes {@code text} encoded as UTF-8, with no line end. */
    default void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes what remains of {@code head} (a response's head, or nothing), then {@code count} bytes
     * of {@code file} from {@code position}, from the file to the socket without copying them
     * through the heap, blocking while the client's window is full. A large file goes with
     * {@code sendfile(2)}; a small one, on the epoll engine, is read into the carrier's native
     * memory behind the head and goes with it in one {@code send}, one TCP segment.
     *
     * @throws java.io.EOFException if the file ends before {@code count} bytes
     */
    void sendFile(ByteBuffer head, FileChannel file, long position, long count) throws IOException;

    /** Writes {@code text} encoded as UTF-8, then CRLF, as the Internet's text protocols end lines. */
    void writeLine(String text) throws IOException;

    /**
     * Closes the sending side ({@code shutdown(SHUT_WR)}): the client reads EOF after what was
     * sent, while this side can still read what the client sends back.
     */
    void shutdownOutput() throws IOException;

    /** A logger for this service; each line it writes is tagged with this connection. */
    Logger log();

    /**
     * Whether {@link #startTls()} can succeed: the service asks for it ({@link StreamService#startsTls()}),
     * the server has a certificate ({@code --tls-cert}), and the connection is not TLS already.
     */
    default boolean tlsAvailable() {
        return false;
    }

    /**
     * Turns this plain connection into a TLS one, the server's end of the handshake, as a protocol's
     * own command asks for it (FTP's {@code AUTH TLS}, RFC 4217; SMTP's {@code STARTTLS}): the
     * service sends its "go ahead" reply first, then calls this. Bytes the client sent before the
     * handshake that the service has not read yet are discarded, never read as if they had come over
     * TLS (the STARTTLS command injection of CVE-2011-0411). Held to the first-request and idle
     * deadlines as a read is.
     *
     * @return what the handshake settled
     * @throws IOException if the handshake failed (the connection is then closed: a failed
     *     handshake leaves no state to go on with)
     * @throws IllegalStateException if {@link #tlsAvailable()} is false
     */
    default TlsSession startTls() throws IOException {
        throw new IllegalStateException("TLS is not available on this connection");
    }

    /**
     * Opens a listening socket for one data connection from this client (FTP's passive mode), on
     * this connection's local address and a free port of {@code ports}. Closed with this connection
     * if the service does not close it first.
     *
     * @throws java.net.BindException if no port of the range is free
     */
    default DataListener listenForData(PortRange ports) throws IOException {
        throw new UnsupportedOperationException("data connections are not available on this connection");
    }

    /**
     * Connects to the client for one data connection (FTP's active mode, {@code PORT}/{@code EPRT}),
     * from this connection's local address. Only to the client's own host: any other address is
     * refused without a packet sent, as an FTP server must to be no bounce for a third party
     * (RFC 2577).
     *
     * @param tls whether the data connection speaks TLS; the server is the TLS server on it either way
     * @param wait the longest the connect may take
     * @throws java.net.ConnectException if the address is not the client's, or the connect failed
     */
    default DataConnection connectForData(InetSocketAddress target, boolean tls, Duration wait) throws IOException {
        throw new UnsupportedOperationException("data connections are not available on this connection");
    }
}
