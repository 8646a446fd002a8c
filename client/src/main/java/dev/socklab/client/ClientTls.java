package dev.socklab.client;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import dev.socklab.net.Host;

/**
 * How a client speaks TLS: the servers it trusts (those with a certificate from one of the JDK's
 * trusted CAs, or from CAs of its own, or, unchecked, any) and the application protocols it
 * offers (ALPN). TLS 1.3 and 1.2 only, with the JDK's provider and its defaults. A checked
 * server's certificate must name the host as the user wrote it, as HTTPS requires (RFC 9110
 * §4.3.4); that host name also goes in the ClientHello (SNI), an address literal does not.
 */
public final class ClientTls {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SSLContext context;
    private final boolean checked;
    private final List<String> applicationProtocols;

    private ClientTls(SSLContext context, boolean checked, List<String> applicationProtocols) {
        this.context = context;
        this.checked = checked;
        this.applicationProtocols = List.copyOf(applicationProtocols);
    }

    /** Trusts the CAs the JDK trusts (its {@code cacerts}), as a browser trusts its own list. */
    public static ClientTls trustingTheJdksCas() {
        return checking(null, "any of the JDK's trusted CAs");
    }

    /**
     * Trusts the CAs in {@code authorities} and no other: a lab's own CA, or a self-signed
     * certificate, which is its own CA.
     *
     * @param authorities the certificates of the CAs; at least one
     */
    public static ClientTls trusting(List<X509Certificate> authorities) {
        if (authorities.isEmpty()) {
            throw new IllegalArgumentException("no CA to trust");
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < authorities.size(); i++) {
                store.setCertificateEntry("ca" + i, authorities.get(i));
            }
            return checking(store, "any of the CAs given");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JDK cannot hold the CAs in a key store: " + e.getMessage(), e);
        }
    }

    /** Trusts any certificate for any name: anyone on the path may read and change the connection. */
    public static ClientTls unchecked() {
        return new ClientTls(context(new UncheckedTrust()), false, List.of());
    }

    /** The same TLS, offering {@code protocols} by ALPN, best first, such as {@code http/1.1}. */
    public ClientTls offering(String... protocols) {
        return new ClientTls(context, checked, List.of(protocols));
    }

    /** Whether the server's certificate and name are checked. */
    public boolean checksTheServer() {
        return checked;
    }

    /**
     * A client-mode engine for a connection to {@code host}, which its certificate must name.
     *
     * @param port the server's port, or 0 for a Unix socket; it keys the JDK's session cache
     */
    SSLEngine newEngine(Host host, int port) {
        // The host as the lab writes it: a name, or an address in its short form, which the JDK's check reads as one.
        String name = host.toString();
        SSLEngine engine = context.createSSLEngine(name, port);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        if (checked) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        parameters.setServerNames(serverNames(host, name));
        if (!applicationProtocols.isEmpty()) {
            parameters.setApplicationProtocols(applicationProtocols.toArray(String[]::new));
        }
        engine.setSSLParameters(parameters);
        return engine;
    }

    /** The SNI names for {@code host}: its name, none for an address literal. */
    private static List<SNIServerName> serverNames(Host host, String name) {
        if (!(host instanceof Host.Name)) {
            return List.of();
        }
        try {
            return List.of(new SNIHostName(name));
        } catch (IllegalArgumentException e) {
            // A name SNI cannot carry (an underscore, a trailing dot): sent without; the name is still checked.
            return List.of();
        }
    }

    /** Checks against {@code store}'s CAs, or the JDK's when it is null. */
    private static ClientTls checking(KeyStore store, String trusted) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager jdk) {
                    return new ClientTls(context(new CheckedTrust(jdk, trusted)), true, List.of());
                }
            }
            throw new IllegalStateException("the JDK has no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot check certificates: " + e.getMessage(), e);
        }
    }

    private static SSLContext context(TrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {Objects.requireNonNull(trust)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's TLS cannot be set up: " + e.getMessage(), e);
        }
    }
}
