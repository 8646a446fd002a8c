package dev.socklab.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.socklab.runtime.SettingException;

/**
 * The server's TLS: its certificate and key, the client CAs it verifies against if any, and an
 * {@link SSLEngine} for each accepted connection, with the JDK's provider and its defaults
 * narrowed to TLS 1.3 and 1.2.
 *
 * <p>The files are looked at again at most once a second, as connections arrive: when one has
 * changed, the pair is read anew and new connections get it; a new pair that cannot be used (half
 * written, a key that is not the certificate's) is refused with a log line, once, and the old one
 * stays in use. Connections already open keep the pair they began with.
 */
public final class ServerTls {
    private static final Logger LOG = LoggerFactory.getLogger("socklab.tls");
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final long LOOK_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    static {
        // The JDK's own refusal of a client's renegotiation, read when its TLS server first runs; TlsStream refuses it too.
        System.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");
    }

    private final KeyFiles files;
    private volatile Loaded current;
    /** The files' stamp that last failed to load: not tried (or logged) again until they change again. */
    private volatile String failedStamp;
    private volatile long lookedAt;

    /**
     * Where the server's TLS comes from.
     *
     * @param certificate the certificate chain, the server's first ({@code --tls-cert})
     * @param key its private key ({@code --tls-key})
     * @param clientCa the CAs a client's certificate must chain to, if one is required ({@code --tls-client-ca})
     */
    public record KeyFiles(Path certificate, Path key, Optional<Path> clientCa) {
        /** Checks that nothing is null. */
        public KeyFiles {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(clientCa, "clientCa");
        }

        private List<Path> all() {
            List<Path> paths = new ArrayList<>(List.of(certificate, key));
            clientCa.ifPresent(paths::add);
            return paths;
        }
    }

    private record Loaded(SSLContext context, String stamp, X509Certificate certificate, boolean clientAuth) {
    }

    private ServerTls(KeyFiles files, Loaded loaded) {
        this.files = files;
        this.current = loaded;
        this.lookedAt = System.nanoTime();
    }

    /**
     * The server's TLS from {@code files}, read now.
     *
     * @throws SettingException naming the file and the flag, if any cannot be used
     */
    public static ServerTls load(KeyFiles files) {
        String stamp;
        try {
            stamp = stamp(files);
        } catch (SettingException e) {
            // Reading the files says better what is wrong with them.
            stamp = "";
        }
        return new ServerTls(files, read(files, stamp));
    }

    /** Where the pair is read from. */
    public KeyFiles files() {
        return files;
    }

    /** The certificate new connections are given. */
    public X509Certificate certificate() {
        return current.certificate();
    }

    /**
     * A server-mode engine for one accepted connection, after a look at the files if the last was
     * a second ago or more.
     *
     * @param applicationProtocols the ALPN names the service speaks, best first ({@code http/1.1}); none for no ALPN
     */
    public SSLEngine newEngine(List<String> applicationProtocols) {
        long now = System.nanoTime();
        if (now - lookedAt >= LOOK_EVERY_NANOS) {
            lookedAt = now;
            reloadIfChanged();
        }
        Loaded loaded = current;
        SSLEngine engine = loaded.context().createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        parameters.setNeedClientAuth(loaded.clientAuth());
        if (!applicationProtocols.isEmpty()) {
            parameters.setApplicationProtocols(applicationProtocols.toArray(String[]::new));
        }
        engine.setSSLParameters(parameters);
        return engine;
    }

    /** Reads the files again if their sizes or times changed; keeps the pair in use if the new one fails. */
    void reloadIfChanged() {
        String stamp;
        try {
            stamp = stamp(files);
        } catch (SettingException e) {
            stamp = "unreadable: " + e.getMessage();
        }
        if (stamp.equals(current.stamp()) || stamp.equals(failedStamp)) {
            return;
        }
        try {
            current = read(files, stamp);
            failedStamp = null;
            LOG.info("TLS certificate reloaded from {}: {}, valid until {}", files.certificate(),
                    current.certificate().getSubjectX500Principal().getName(), current.certificate().getNotAfter().toInstant());
        } catch (SettingException e) {
            failedStamp = stamp;
            LOG.warn("TLS files changed but cannot be used, so the certificate in use stays: {}", e.getMessage());
        }
    }

    private static Loaded read(KeyFiles files, String stamp) {
        List<X509Certificate> chain = PemFiles.certificates(files.certificate(), "--tls-cert");
        PrivateKey key = PemFiles.privateKey(files.key(), "--tls-key");
        PemFiles.requireMatch(chain.getFirst(), key, files.certificate(), files.key());
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            char[] none = new char[0];
            keys.setKeyEntry("server", key, none, chain.toArray(X509Certificate[]::new));
            // SunX509, not NewSunX509: JDK 25's NewSunX509 finds its key afresh in the key store, which
            // decrypts it (PBKDF2, 10,000 rounds), on every handshake (docs/performance.md, TLS).
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance("SunX509");
            keyManagers.init(keys, none);
            TrustManagerFactory trust = null;
            if (files.clientCa().isPresent()) {
                Path caFile = files.clientCa().get();
                KeyStore cas = KeyStore.getInstance("PKCS12");
                cas.load(null, null);
                int i = 0;
                for (X509Certificate ca : PemFiles.certificates(caFile, "--tls-client-ca")) {
                    cas.setCertificateEntry("ca" + i++, ca);
                }
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(cas);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return new Loaded(context, stamp, chain.getFirst(), trust != null);
        } catch (GeneralSecurityException | IOException e) {
            throw new SettingException("--tls-cert " + files.certificate() + " and --tls-key " + files.key()
                    + " cannot serve TLS: " + e.getMessage(), e);
        }
    }

    /** Each file's size and modification time: a change in any is a change of the pair. */
    private static String stamp(KeyFiles files) {
        StringBuilder stamp = new StringBuilder();
        for (Path path : files.all()) {
            try {
                BasicFileAttributes attributes = java.nio.file.Files.readAttributes(path, BasicFileAttributes.class);
                stamp.append(path).append('=').append(attributes.size()).append('@')
                        .append(attributes.lastModifiedTime().toMillis()).append(';');
            } catch (IOException e) {
                throw new SettingException(path + " cannot be read: " + e.getMessage(), e);
            }
        }
        return stamp.toString();
    }
}
