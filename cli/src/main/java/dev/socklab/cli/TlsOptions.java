package dev.socklab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import javax.net.ssl.SSLHandshakeException;

import picocli.CommandLine.Option;

import dev.socklab.client.CertificateRefusedException;
import dev.socklab.client.ClientTls;
import dev.socklab.tls.PemFiles;

/**
 * {@code --tls}, {@code --ca FILE} and {@code --insecure}: whether a client command speaks TLS,
 * and whom it trusts. TLS runs over TCP or a Unix socket; over UDP it would be DTLS, which socklab
 * does not speak, so {@code --udp} refuses it.
 */
final class TlsOptions {
    /** What {@code --insecure} says on standard error before it connects: one line, loud. */
    static final String INSECURE_WARNING = "socklab: --insecure: the server's certificate and name are NOT checked;"
            + " anyone on the path can read and change this connection";

    @Option(names = "--tls", description = "Speak TLS (1.3 or 1.2) to the server, whose certificate must be for HOST"
            + " and from a CA the JDK trusts (or --ca).")
    boolean tls;

    @Option(names = "--ca", paramLabel = "FILE", description = "With TLS: trust the CAs in this PEM file instead of"
            + " the JDK's (a self-signed certificate is its own CA, as socklab cert dev's cert.pem).")
    Path ca;

    @Option(names = "--insecure", description = "With TLS: check neither the server's certificate nor its name,"
            + " and say so on standard error.")
    boolean insecure;

    /**
     * The TLS to speak, if any.
     *
     * @param implied whether the command's URL asks for TLS ({@code https://}, {@code wss://}, {@code ftps://})
     *     without --tls
     * @param udp whether the command runs over UDP
     * @throws Errors.UsageException for options that do not go together
     */
    Optional<ClientTls> clientTls(boolean implied, boolean udp) {
        boolean on = tls || implied;
        if (on && udp) {
            throw new Errors.UsageException("TLS runs over TCP or a Unix socket; over UDP it would be DTLS, which"
                    + " socklab does not speak: drop --udp or --tls");
        }
        if (!on && (ca != null || insecure)) {
            throw new Errors.UsageException((ca != null ? "--ca" : "--insecure") + " is for TLS: add --tls"
                    + " (or, for http, ws and ftp, write an https://, wss:// or ftps:// URL)");
        }
        if (ca != null && insecure) {
            throw new Errors.UsageException("--insecure checks no certificate, so --ca would go unused: give one of"
                    + " the two");
        }
        if (!on) {
            return Optional.empty();
        }
        if (insecure) {
            return Optional.of(ClientTls.unchecked());
        }
        return Optional.of(ca != null ? ClientTls.trusting(PemFiles.certificates(ca, "--ca"))
                : ClientTls.trustingTheJdksCas());
    }

    /** {@code e}'s sentence with how to get past it, in these options' words. */
    IOException withHint(CertificateRefusedException e) {
        String hint = switch (e.reason()) {
            case UNTRUSTED -> ca != null
                    ? "; give the CA that signed it with --ca FILE, or --insecure to skip the check"
                    : "; give its CA with --ca FILE (a self-signed certificate is its own), or --insecure to skip"
                    + " the check";
            case WRONG_NAME -> "; connect by one of those names, or --insecure to skip the check";
            case EXPIRED, NOT_YET_VALID -> "; the server needs a valid certificate (or this machine's clock is"
                    + " wrong), or --insecure skips the check";
        };
        SSLHandshakeException hinted = new SSLHandshakeException(e.getMessage() + hint);
        hinted.initCause(e);
        return hinted;
    }
}
