package dev.socklab.runtime;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;

import javax.net.ssl.SSLEngine;

import dev.socklab.proxy.ProxyHeaderReader;
import dev.socklab.proxy.ProxyPolicy;
import dev.socklab.service.TlsSession;
import dev.socklab.tls.TlsSocket;

/**
 * What a connection does before its service sees a byte, on the connection's own thread: read the
 * PROXY header its proxy sends (which comes first, before a TLS handshake, as HAProxy sends it),
 * then run the TLS handshake. Each sets the layer of the {@link PrologueSocket} the service then
 * talks through. {@link ConnectionTask} holds both to the first request's deadlines.
 */
final class Prologue {
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private final PrologueSocket socket;
    private final Optional<ProxyPolicy> proxy;
    private final Optional<SSLEngine> engine;
    /** What arrived behind the PROXY header, for the layer above it. */
    private ByteBuffer afterHeader = NOTHING;
    private TlsSocket tls;

    Prologue(PrologueSocket socket, Optional<ProxyPolicy> proxy, Optional<SSLEngine> engine) {
        this.socket = socket;
        this.proxy = proxy;
        this.engine = engine;
    }

    /** Whether a PROXY header comes first. */
    boolean proxied() {
        return proxy.isPresent();
    }

    /** Whether the connection speaks TLS. */
    boolean secured() {
        return engine.isPresent();
    }

    /**
     * Reads the PROXY header: the client it names, or empty when it names none (LOCAL, a proxy's
     * health check; UNKNOWN), for which the connection's own address stands.
     *
     * @throws dev.socklab.proxy.ProxyHeaderException if there is no valid header
     */
    Optional<SocketAddress> readProxyHeader() throws IOException {
        ProxyHeaderReader.Read read = ProxyHeaderReader.read(socket.rawSource(), proxy.orElseThrow().versions());
        afterHeader = read.after();
        if (engine.isEmpty()) {
            socket.layer(PrologueSocket.withUnread(socket.raw(), afterHeader));
        }
        return read.header().source();
    }

    /**
     * Runs the TLS handshake; from then on the service's bytes are the plaintext.
     *
     * @throws javax.net.ssl.SSLException if the client was refused or spoke no TLS
     */
    TlsSession handshake() throws IOException {
        tls = new TlsSocket(socket.raw(), engine.orElseThrow(), afterHeader);
        TlsSession session = tls.handshake();
        socket.layer(tls);
        return session;
    }

    /** Sends close_notify on a TLS connection that ends well; nothing on a plain one. */
    void closeOutbound() throws IOException {
        if (tls != null && tls.session() != null) {
            tls.closeOutbound();
        }
    }
}
