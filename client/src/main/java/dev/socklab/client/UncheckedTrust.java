package dev.socklab.client;

import java.net.Socket;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts every certificate, for any name: what {@code --insecure} asks for. Being an extended
 * trust manager, the JDK adds no name check of its own around it.
 */
final class UncheckedTrust extends X509ExtendedTrustManager {
    private static final X509Certificate[] NONE = new X509Certificate[0];

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // Not checked: the user asked for it, and was told.
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // Not checked, as above.
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // Not checked, as above.
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // A client is never asked to check a client.
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // As above.
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // As above.
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return NONE;
    }
}
