package dev.socklab.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import dev.socklab.tls.DevCertificate;
import dev.socklab.tls.ServerTls;

/**
 * A development certificate written to a test's directory, and what a server and a client need of
 * it: the server's {@link ServerTls}, and a client {@link SSLContext} that trusts it alone.
 *
 * @param dir where {@code cert.pem} and {@code key.pem} were written
 * @param certificate the pair
 */
public record TestCertificates(Path dir, DevCertificate certificate) {
    /** A new pair for {@code localhost}, written to {@code dir}. */
    public static TestCertificates in(Path dir) {
        DevCertificate pair = DevCertificate.generate("localhost");
        try {
            Files.writeString(dir.resolve("cert.pem"), pair.certificatePem());
            Files.writeString(dir.resolve("key.pem"), pair.keyPem());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestCertificates(dir, pair);
    }

    public Path certFile() {
        return dir.resolve("cert.pem");
    }

    public Path keyFile() {
        return dir.resolve("key.pem");
    }

    /** The server's TLS with this pair and no client certificates. */
    public ServerTls serverTls() {
        return ServerTls.load(new ServerTls.KeyFiles(certFile(), keyFile(), Optional.empty()));
    }

    /** A client context that trusts this certificate and nothing else. */
    public SSLContext clientContext() {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("dev", certificate.certificate());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
