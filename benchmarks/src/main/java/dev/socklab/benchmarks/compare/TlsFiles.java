package dev.socklab.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.socklab.tls.DevCertificate;

/**
 * The one certificate and key every server of the TLS comparison serves: socklab's development
 * pair (EC P-256, for localhost and 127.0.0.1), written as PEM.
 *
 * @param certificate {@code cert.pem}
 * @param key         {@code key.pem}, PKCS#8
 */
record TlsFiles(Path certificate, Path key) {
    /** A fresh pair in {@code dir}. */
    static TlsFiles create(Path dir) throws IOException {
        DevCertificate pair = DevCertificate.generate("localhost");
        Files.createDirectories(dir);
        Path cert = Files.writeString(dir.resolve("cert.pem"), pair.certificatePem());
        Path key = Files.writeString(dir.resolve("key.pem"), pair.keyPem());
        return new TlsFiles(cert, key);
    }
}
