package dev.socklab.services.ftp;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.socklab.service.DataListener;

/**
 * PASV and EPSV (RFC 2428) open a listening socket for the next data connection, which the runtime
 * accepts only from the control connection's host; PORT and EPRT, served only with
 * {@code --ftp-active}, name where the server connects, and must name the client's own host (no FTP
 * bounce, RFC 2577) and a port from 1024 up.
 */
final class DataCommands {
    private DataCommands() {
    }

    static Map<String, Verb> verbs() {
        return Map.of("PASV", Verb.loggedIn(DataCommands::pasv),
                "EPSV", Verb.loggedIn(DataCommands::epsv),
                "PORT", Verb.loggedIn(DataCommands::port),
                "EPRT", Verb.loggedIn(DataCommands::eprt));
    }

    private static void pasv(Session session, String argument) throws IOException {
        if (session.epsvOnly()) {
            session.reply().send(503, "EPSV ALL was sent: only EPSV now.");
            return;
        }
        Optional<InetAddress> advertised = session.settings().passiveAddress()
                .or(() -> Optional.of(((InetSocketAddress) session.control().local()).getAddress()));
        if (!(advertised.get() instanceof Inet4Address address)) {
            session.reply().send(522, "PASV is IPv4's: use EPSV over IPv6.");
            return;
        }
        int port = listen(session);
        byte[] a = address.getAddress();
        session.reply().send(227, String.format("Entering Passive Mode (%d,%d,%d,%d,%d,%d).", a[0] & 0xff,
                a[1] & 0xff, a[2] & 0xff, a[3] & 0xff, port >> 8, port & 0xff));
    }

    private static void epsv(Session session, String argument) throws IOException {
        String family = argument.strip();
        if (family.equalsIgnoreCase("ALL")) {
            session.epsvOnly(true);
            session.reply().send(200, "EPSV ALL ok.");
            return;
        }
        InetAddress local = ((InetSocketAddress) session.control().local()).getAddress();
        String own = local instanceof Inet6Address ? "2" : "1";
        if (!family.isEmpty() && !family.equals(own)) {
            session.reply().send(522, "Network protocol not supported, use (" + own + ")");
            return;
        }
        session.reply().send(229, "Entering Extended Passive Mode (|||" + listen(session) + "|)");
    }

    /** A new listening socket for the next transfer: its port. */
    private static int listen(Session session) throws IOException {
        DataListener listener = session.control().listenForData(session.settings().passivePorts());
        session.data().listen(listener);
        return ((InetSocketAddress) listener.local()).getPort();
    }

    private static void port(Session session, String argument) throws IOException {
        if (!activeAllowed(session)) {
            return;
        }
        String[] parts = argument.strip().split(",");
        try {
            if (parts.length != 6) {
                throw new NumberFormatException();
            }
            byte[] address = new byte[4];
            for (int i = 0; i < 4; i++) {
                address[i] = (byte) octet(parts[i]);
            }
            int port = octet(parts[4]) << 8 | octet(parts[5]);
            target(session, new InetSocketAddress(InetAddress.getByAddress(address), port), "PORT");
        } catch (NumberFormatException | UnknownHostException e) {
            session.reply().send(501, "Illegal PORT command: PORT h1,h2,h3,h4,p1,p2.");
        }
    }

    private static void eprt(Session session, String argument) throws IOException {
        if (!activeAllowed(session)) {
            return;
        }
        String text = argument.strip();
        String[] parts = text.length() < 2 ? new String[0] : text.substring(1).split(Pattern.quote(text.substring(0, 1)), -1);
        try {
            if (parts.length != 4 || !(parts[0].equals("1") || parts[0].equals("2"))) {
                session.reply().send(522, "Network protocol not supported, use (1,2)");
                return;
            }
            // An IP literal alone: InetAddress.ofLiteral never looks a name up.
            InetAddress host = InetAddress.ofLiteral(parts[1]);
            if ((host instanceof Inet4Address) != parts[0].equals("1")) {
                throw new IllegalArgumentException();
            }
            int port = Integer.parseInt(parts[2]);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException();
            }
            target(session, new InetSocketAddress(host, port), "EPRT");
        } catch (IllegalArgumentException e) {
            session.reply().send(501, "Illegal EPRT command: EPRT |1|127.0.0.1|50000|.");
        }
    }

    private static boolean activeAllowed(Session session) throws IOException {
        if (!session.settings().active()) {
            session.reply().send(502, "Active mode is off here: use PASV or EPSV.");
            return false;
        }
        if (session.epsvOnly()) {
            session.reply().send(503, "EPSV ALL was sent: only EPSV now.");
            return false;
        }
        return true;
    }

    private static void target(Session session, InetSocketAddress target, String verb) throws IOException {
        InetAddress client = ((InetSocketAddress) session.control().peer()).getAddress();
        if (!target.getAddress().equals(client)) {
            session.reply().send(501, verb + " refused: a data connection goes to your own address alone, "
                    + client.getHostAddress() + ".");
            return;
        }
        if (target.getPort() < 1024) {
            session.reply().send(501, verb + " refused: a data port must be 1024 or above.");
            return;
        }
        session.data().connectTo(target);
        session.reply().send(200, verb + " command successful. Consider using EPSV.");
    }

    private static int octet(String text) {
        int value = Integer.parseInt(text.strip());
        if (value < 0 || value > 255) {
            throw new NumberFormatException();
        }
        return value;
    }
}
