package dev.socklab.client;

import java.net.InetAddress;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import dev.socklab.net.SocketAddresses;

/**
 * The JDK's check of a server's certificate (its chain to a trusted CA, its dates, and its name
 * against the host, as HTTPS checks it), which, when it refuses one, says why in a sentence: the
 * JDK's own words ({@code PKIX path building failed: ...}) tell a person little. The sentence
 * travels in a {@link Refusal}, which the handshake's failure carries as its cause.
 */
final class CheckedTrust extends X509ExtendedTrustManager {
    /** SAN types (RFC 5280 §4.2.1.6) that name a server. */
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private final X509ExtendedTrustManager jdk;
    /** Who is trusted, as the sentence for an untrusted certificate says it: {@code the JDK's trusted CAs}. */
    private final String trusted;

    CheckedTrust(X509ExtendedTrustManager jdk, String trusted) {
        this.jdk = jdk;
        this.trusted = trusted;
    }

    /** A refused certificate, in the form a trust manager may throw. */
    static final class Refusal extends CertificateException {
        private static final long serialVersionUID = 1L;
        private final CertificateRefusedException.Reason reason;

        Refusal(CertificateRefusedException.Reason reason, String message, CertificateException cause) {
            super(message, cause);
            this.reason = reason;
        }

        /** The exception a client's caller gets, with {@code failure}, the handshake's, as its cause. */
        CertificateRefusedException exception(Throwable failure) {
            return new CertificateRefusedException(reason, getMessage(), failure);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        try {
            jdk.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw refusal(chain, authType, engine.getPeerHost(), e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        jdk.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        jdk.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        jdk.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        jdk.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        jdk.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return jdk.getAcceptedIssuers();
    }

    /**
     * Why the JDK refused {@code chain}: its dates, then its chain checked without the name (the
     * JDK's two-argument check), and if that passes, the name.
     */
    private Refusal refusal(X509Certificate[] chain, String authType, String host, CertificateException e) {
        X509Certificate server = chain[0];
        try {
            server.checkValidity();
        } catch (CertificateExpiredException expired) {
            return new Refusal(CertificateRefusedException.Reason.EXPIRED, "the server's certificate expired at "
                    + server.getNotAfter().toInstant(), e);
        } catch (CertificateNotYetValidException early) {
            return new Refusal(CertificateRefusedException.Reason.NOT_YET_VALID,
                    "the server's certificate is valid only from " + server.getNotBefore().toInstant(), e);
        }
        try {
            jdk.checkServerTrusted(chain, authType);
        } catch (CertificateException untrusted) {
            return new Refusal(CertificateRefusedException.Reason.UNTRUSTED, "the server's certificate (issued by \""
                    + server.getIssuerX500Principal().getName() + "\") is not signed by " + trusted, e);
        }
        return new Refusal(CertificateRefusedException.Reason.WRONG_NAME, "the server's certificate is for "
                + String.join(", ", names(server)) + ", not " + host, e);
    }

    /** The names a certificate is for: its DNS and IP subject alternative names, or else its subject. */
    private static List<String> names(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> name : alternatives) {
                    int type = (Integer) name.get(0);
                    if (type == DNS_NAME) {
                        names.add(String.valueOf(name.get(1)));
                    } else if (type == IP_ADDRESS) {
                        // The JDK writes an IPv6 address long (0:0:0:0:0:0:0:1): shown as the lab writes it (::1).
                        names.add(SocketAddresses.format(InetAddress.ofLiteral(String.valueOf(name.get(1)))));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // Unreadable names are no names: the subject below says what the certificate is.
        }
        if (names.isEmpty()) {
            names.add("\"" + certificate.getSubjectX500Principal().getName() + "\"");
        }
        return names;
    }
}
