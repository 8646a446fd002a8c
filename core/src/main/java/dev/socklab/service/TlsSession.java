package dev.socklab.service;

import java.util.Objects;
import java.util.Optional;

/**
 * What a TLS handshake settled for one connection, as a service and the connection's log line
 * see it.
 *
 * @param protocol the version, as the JDK names it: {@code TLSv1.3}, {@code TLSv1.2}
 * @param cipherSuite the IANA name of the cipher suite: {@code TLS_AES_128_GCM_SHA256}
 * @param serverName the host name the client asked for (SNI), if it sent one
 * @param applicationProtocol the protocol settled by ALPN ({@code http/1.1}), if any was
 * @param clientSubject the subject of the client's verified certificate, if it was asked for one
 */
public record TlsSession(String protocol, String cipherSuite, Optional<String> serverName,
                         Optional<String> applicationProtocol, Optional<String> clientSubject) {
    /** Checks that nothing is null. */
    public TlsSession {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(applicationProtocol, "applicationProtocol");
        Objects.requireNonNull(clientSubject, "clientSubject");
    }

    /** {@code TLSv1.3 TLS_AES_128_GCM_SHA256 sni=localhost alpn=http/1.1 client="CN=alice"}, for log and trace lines. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(protocol).append(' ').append(cipherSuite);
        serverName.ifPresent(name -> text.append(" sni=").append(name));
        applicationProtocol.ifPresent(alpn -> text.append(" alpn=").append(alpn));
        clientSubject.ifPresent(subject -> text.append(" client=\"").append(subject).append('"'));
        return text.toString();
    }
}
