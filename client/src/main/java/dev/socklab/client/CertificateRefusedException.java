package dev.socklab.client;

import javax.net.ssl.SSLHandshakeException;

/**
 * The server's certificate was refused during the TLS handshake: why, as a {@link Reason}, and in
 * a sentence that names what the certificate says (its names, its dates, its issuer), to which a
 * command adds how to get past it.
 */
public final class CertificateRefusedException extends SSLHandshakeException {
    private static final long serialVersionUID = 1L;

    /** Why the certificate was refused. */
    public enum Reason {
        /** No trusted CA signed it: it is self-signed, or its CA is not one this client trusts. */
        UNTRUSTED,
        /** Its validity ended. */
        EXPIRED,
        /** Its validity has not begun. */
        NOT_YET_VALID,
        /** It was made for other names than the host connected to. */
        WRONG_NAME
    }

    private final Reason reason;

    CertificateRefusedException(Reason reason, String message, Throwable cause) {
        super(message);
        this.reason = reason;
        initCause(cause);
    }

    /** Why the certificate was refused. */
    public Reason reason() {
        return reason;
    }
}
