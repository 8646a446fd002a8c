package dev.socklab.services.ftp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a client asks of the server itself: NOOP, SYST, FEAT (RFC 2389), OPTS (UTF8, MLST) and TYPE.
 * Transfers are byte for byte whatever the TYPE, as vsftpd's are by default: ASCII mode is accepted,
 * and nothing is converted.
 */
final class SessionCommands {
    private SessionCommands() {
    }

    static Map<String, Verb> verbs() {
        return Map.of("NOOP", Verb.anyone((s, a) -> s.reply().send(200, "NOOP ok.")),
                "SYST", Verb.anyone((s, a) -> s.reply().send(215, "UNIX Type: L8")),
                "FEAT", Verb.anyone(SessionCommands::feat),
                "OPTS", Verb.anyone(SessionCommands::opts),
                "TYPE", Verb.loggedIn(SessionCommands::type));
    }

    private static void feat(Session session, String argument) throws IOException {
        boolean tls = session.control().tlsAvailable() || session.secure();
        List<String> features = new ArrayList<>();
        if (tls) {
            features.add("AUTH TLS");
        }
        if (session.settings().active()) {
            features.add("EPRT");
        }
        features.addAll(List.of("EPSV", "MDTM", "MFMT", session.facts().feature(), "PASV"));
        if (tls) {
            features.addAll(List.of("PBSZ", "PROT"));
        }
        features.addAll(List.of("REST STREAM", "SIZE", "TVFS", "UTF8"));
        session.reply().multi(211, "Features:", features, "End");
    }

    private static void opts(Session session, String argument) throws IOException {
        String[] words = argument.strip().split("\\s+", 2);
        String option = words[0].toUpperCase(Locale.ROOT);
        if (option.equals("UTF8") || option.equals("UTF-8")) {
            // Paths are UTF-8 always (RFC 2640): ON changes nothing, and OFF cannot be had.
            session.reply().send(200, "Always in UTF8 mode.");
        } else if (option.equals("MLST")) {
            session.facts(Facts.select(words.length > 1 ? words[1] : ""));
            session.reply().send(200, "MLST OPTS " + session.facts().selected());
        } else {
            session.reply().send(501, "Option not understood.");
        }
    }

    private static void type(Session session, String argument) throws IOException {
        switch (argument.strip().toUpperCase(Locale.ROOT)) {
            case "I", "L 8", "L8" -> {
                session.binary(true);
                session.reply().send(200, "Switching to Binary mode.");
            }
            case "A", "A N" -> {
                session.binary(false);
                session.reply().send(200, "Switching to ASCII mode.");
            }
            default -> session.reply().send(504, "Bad TYPE command: TYPE I (binary) or TYPE A.");
        }
    }
}
