package dev.socklab.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import dev.socklab.runtime.SettingException;

/**
 * Certificates and private keys read from PEM files, in every form openssl writes them: a chain
 * of certificates (the server's first), a key as PKCS#8 ({@code PRIVATE KEY}), PKCS#1
 * ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}). Bouncy Castle parses them; the keys
 * are the JDK's own, for the JDK's TLS. Every failure is one sentence naming the file.
 */
public final class PemFiles {
    private static final JcaX509CertificateConverter CERTIFICATES = new JcaX509CertificateConverter();
    private static final JcaPEMKeyConverter KEYS = new JcaPEMKeyConverter();

    private PemFiles() {
    }

    /**
     * The certificates of {@code file}, in the order written.
     *
     * @throws SettingException if the file cannot be read or holds no certificate
     */
    public static List<X509Certificate> certificates(Path file, String setting) {
        List<X509Certificate> chain = new ArrayList<>();
        for (Object item : items(file, setting)) {
            if (item instanceof X509CertificateHolder holder) {
                try {
                    chain.add(CERTIFICATES.getCertificate(holder));
                } catch (CertificateException e) {
                    throw new SettingException(setting + " " + file + ": a certificate in it cannot be read: "
                            + e.getMessage(), e);
                }
            }
        }
        if (chain.isEmpty()) {
            throw new SettingException(setting + " " + file + ": no certificate in it (expected a PEM file with"
                    + " -----BEGIN CERTIFICATE-----)");
        }
        return chain;
    }

    /**
     * The private key of {@code file}.
     *
     * @throws SettingException if the file cannot be read, holds no key, or holds an encrypted one
     */
    public static PrivateKey privateKey(Path file, String setting) {
        for (Object item : items(file, setting)) {
            try {
                if (item instanceof PEMKeyPair pair) {
                    return KEYS.getKeyPair(pair).getPrivate();
                }
                if (item instanceof PrivateKeyInfo info) {
                    return KEYS.getPrivateKey(info);
                }
            } catch (IOException e) {
                throw new SettingException(setting + " " + file + ": the key in it cannot be used: " + e.getMessage(), e);
            }
            if (item instanceof PEMEncryptedKeyPair || item instanceof PKCS8EncryptedPrivateKeyInfo) {
                throw new SettingException(setting + " " + file + ": the key is encrypted; write it decrypted"
                        + " (openssl pkey -in " + file + " -out key.pem) and keep that file private");
            }
        }
        throw new SettingException(setting + " " + file + ": no private key in it (expected a PEM file with"
                + " -----BEGIN PRIVATE KEY-----, RSA PRIVATE KEY or EC PRIVATE KEY)");
    }

    /**
     * Checks that {@code key} is the private half of {@code certificate}'s public key, by signing
     * with one and verifying with the other: a mismatched pair would fail every handshake instead.
     *
     * @throws SettingException if it is not
     */
    public static void requireMatch(X509Certificate certificate, PrivateKey key, Path certFile, Path keyFile) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            default -> throw new SettingException("--tls-key " + keyFile + ": a " + key.getAlgorithm()
                    + " key cannot serve TLS here; use an RSA or EC key");
        };
        boolean matches;
        try {
            byte[] probe = "socklab".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new SettingException("--tls-key " + keyFile + " is not the key of the certificate in --tls-cert "
                    + certFile + "; give the pair that belongs together");
        }
    }

    private static List<Object> items(Path file, String setting) {
        List<Object> items = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            Object item;
            while ((item = parser.readObject()) != null) {
                items.add(item);
            }
        } catch (NoSuchFileException e) {
            throw new SettingException(setting + " " + file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new SettingException(setting + " " + file + ": permission denied", e);
        } catch (IOException | RuntimeException e) {
            throw new SettingException(setting + " " + file + ": not a PEM file that can be read ("
                    + e.getMessage() + ")", e);
        }
        return items;
    }
}
