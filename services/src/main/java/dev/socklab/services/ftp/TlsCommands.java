package dev.socklab.services.ftp;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * Explicit TLS, RFC 4217: AUTH TLS turns the control connection into TLS (234, then the handshake),
 * PBSZ 0 is the one buffer size TLS has, and PROT P makes every later data connection TLS too, PROT C
 * plain again. Without a certificate AUTH is refused with 534, and clients that only try TLS (lftp
 * by default) go on in plain.
 */
final class TlsCommands {
    private TlsCommands() {
    }

    static Map<String, Verb> verbs() {
        return Map.of("AUTH", Verb.anyone(TlsCommands::auth),
                "PBSZ", Verb.anyone(TlsCommands::pbsz),
                "PROT", Verb.anyone(TlsCommands::prot));
    }

    private static void auth(Session session, String mechanism) throws IOException {
        String asked = mechanism.strip().toUpperCase(Locale.ROOT);
        if (!asked.equals("TLS") && !asked.equals("SSL") && !asked.equals("TLS-C")) {
            session.reply().send(504, "AUTH TLS is the one mechanism here.");
        } else if (session.secure()) {
            session.reply().send(503, "Already using TLS.");
        } else if (!session.control().tlsAvailable()) {
            session.reply().send(534, "TLS is not available: the server has no certificate.");
        } else {
            session.reply().send(234, "Proceed with negotiation.");
            session.control().startTls();
            session.secured();
            session.loggedOut();
        }
    }

    private static void pbsz(Session session, String size) throws IOException {
        if (!session.secure()) {
            session.reply().send(503, "PBSZ needs a secure connection: AUTH TLS first.");
        } else {
            session.reply().send(200, "PBSZ=0");
        }
    }

    private static void prot(Session session, String level) throws IOException {
        String asked = level.strip().toUpperCase(Locale.ROOT);
        if (!session.secure()) {
            session.reply().send(503, "PROT needs a secure connection: AUTH TLS first.");
        } else if (asked.equals("P")) {
            session.privateData(true);
            session.reply().send(200, "PROT now Private.");
        } else if (asked.equals("C")) {
            session.privateData(false);
            session.reply().send(200, "PROT now Clear.");
        } else if (asked.equals("S") || asked.equals("E")) {
            session.reply().send(536, "PROT " + asked + " is not supported: P or C.");
        } else {
            session.reply().send(504, "PROT takes P or C.");
        }
    }
}
