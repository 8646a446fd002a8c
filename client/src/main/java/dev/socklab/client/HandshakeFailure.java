package dev.socklab.client;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import dev.socklab.text.Durations;

/**
 * Why a client's TLS handshake failed, in one sentence: a refused certificate says what it holds,
 * a server that answered without TLS or closed says it may not speak TLS there, and the JDK's own
 * words are kept only for what is left (an alert from the server, no common version or cipher).
 */
final class HandshakeFailure {
    private HandshakeFailure() {
    }

    /**
     * The exception to throw for {@code e}, which the handshake threw.
     *
     * @param wire the socket the handshake ran on, which knows what the server answered
     * @param timeout how long the server had for each answer
     * @return a {@link CertificateRefusedException}, a {@link SocketTimeoutException}, or another
     *     {@link IOException}, with {@code e} as its cause
     */
    static IOException explain(IOException e, SocketWire wire, Duration timeout) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CheckedTrust.Refusal refusal) {
                return refusal.exception(e);
            }
        }
        IOException explained;
        if (e instanceof SocketTimeoutException) {
            explained = new SocketTimeoutException("no answer to the TLS handshake within " + Durations.format(timeout)
                    + ": does the server speak TLS on this port?");
        } else if (wire.answeredWithoutTls()) {
            explained = new SSLHandshakeException(
                    "the server answered without TLS: it does not speak TLS on this port");
        } else if (e instanceof EOFException) {
            explained = new SSLHandshakeException("the server closed the connection during the TLS handshake: it may"
                    + " not speak TLS on this port, or it took none of this client's versions (TLS 1.3, 1.2)");
        } else if (e instanceof SSLException) {
            explained = new SSLHandshakeException("the TLS handshake failed: " + e.getMessage());
        } else {
            explained = new IOException("the connection failed during the TLS handshake: " + e.getMessage());
        }
        explained.initCause(e);
        return explained;
    }
}
