package dev.socklab.services.ftp;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import dev.socklab.service.Connection;
import dev.socklab.service.Gauge;
import dev.socklab.service.Gauges;
import dev.socklab.service.StreamService;
import dev.socklab.services.Reloadable;
import dev.socklab.services.ServiceReload;
import dev.socklab.services.ServiceSettings;
import dev.socklab.services.storage.UploadLimits;

/**
 * File Transfer Protocol, RFC 959, as curl, Python's ftplib, lftp and wget use it, with FEAT and OPTS
 * (RFC 2389), EPSV and EPRT (RFC 2428), MLSD, MLST, SIZE, MDTM and REST STREAM (RFC 3659), and explicit
 * TLS (RFC 4217). The control connection is read a command at a time, and each command answered before
 * the next is read; during a transfer it is watched for ABOR alone ({@link Transfer}), with urgent data
 * read inline. Any command not listed by {@link #verbs()} is answered 502.
 *
 * <p>A session's states, and what holds each: greeted (220 sent, the runtime's first-request deadline
 * on the first command), USER given (waiting for PASS), logged in (the runtime's idle timeout between
 * commands, {@link FtpSettings#idleTimeout()} unless {@code --idle-timeout ftp=...}), transferring (the
 * data connection's own idle and write timeouts; {@link FtpSettings#dataWait()} for it to open), ended
 * (QUIT, the third failed login, or the client's close).
 */
public final class FtpService implements StreamService, Gauges, Reloadable {
    private static final Map<String, Verb> VERBS = verbs();

    /** Swapped whole by a reload; each connection reads it once. */
    private volatile FtpSettings settings;
    /** Transfers (and listings) in progress on data connections, in every session. */
    private final AtomicInteger transfers = new AtomicInteger();

    public FtpService(FtpSettings settings) {
        this.settings = settings;
    }

    /**
     * Takes the accounts anew (the users file read again, and anonymous access), for logins on
     * connections from then on, and the root's upload limits: the largest upload for uploads that
     * start from then on, each source's quota at once. The root, the data connections' ports and
     * address and active mode stay as they were made.
     */
    @Override
    public ServiceReload reload(ServiceSettings fresh) {
        FtpSettings before = settings;
        FtpSettings asked = fresh.ftp();
        FtpSettings next = new FtpSettings(before.root(), asked.accounts(), before.passivePorts(),
                before.passiveAddress(), before.active(), before.dataWait(), before.failedLoginDelay(),
                before.idleTimeout());
        UploadLimits limits = asked.root().limits();
        List<String> changes = new ArrayList<>(ServiceReload.changes("ftp", before.root().limits(), limits,
                new ServiceReload.Setting<>("--ftp-max-upload", UploadLimits::maxUploadBytes),
                new ServiceReload.Setting<>("--ftp-quota-per-source", UploadLimits::maxBytesPerSource)));
        // The accounts are taken whatever they are: a login check cannot be compared, so the file read is what is said.
        asked.accounts().usersFile().ifPresent(file -> changes.add("ftp: --ftp-users: accounts re-read from " + file));
        return new ServiceReload(changes, () -> {
            settings = next;
            before.root().limits(limits);
        });
    }

    private static Map<String, Verb> verbs() {
        Map<String, Verb> all = new HashMap<>();
        all.putAll(LoginCommands.verbs());
        all.putAll(SessionCommands.verbs());
        all.putAll(TlsCommands.verbs());
        all.putAll(NavigationCommands.verbs());
        all.putAll(DataCommands.verbs());
        all.putAll(ListingCommands.verbs());
        all.putAll(TransferCommands.verbs());
        all.putAll(ChangeCommands.verbs());
        return Map.copyOf(all);
    }

    @Override
    public List<Gauge> gauges() {
        return List.of(new Gauge("transfers_in_progress", "File transfers (and FTP listings) in progress now.",
                transfers::get));
    }

    @Override
    public void serve(Connection conn) throws IOException {
        Session session = new Session(conn, settings, transfers);
        session.reply().send(220, "socklab FTP ready.");
        while (!session.ended()) {
            Optional<String> line = session.takeHeld();
            if (line.isEmpty()) {
                line = conn.readLine();
            }
            if (line.isEmpty()) {
                return;
            }
            FtpCommand command = FtpCommand.parse(line.get());
            conn.log().debug("{}", command.shown());
            if (!command.verb().equals("RNTO")) {
                session.takeRenameFrom(); // RNTO must follow RNFR at once (RFC 959 section 4.1.3)
            }
            answer(session, command);
        }
    }

    private static void answer(Session session, FtpCommand command) throws IOException {
        Verb verb = VERBS.get(command.verb());
        if (command.verb().isEmpty()) {
            session.reply().send(500, "Syntax error: an empty command.");
        } else if (verb == null) {
            session.reply().send(502, "Command not implemented.");
        } else if (verb.access() != Verb.Access.ANYONE && session.account().isEmpty()) {
            session.reply().send(530, "Please login with USER and PASS.");
        } else if (verb.access() == Verb.Access.WRITER && !session.mayWrite()) {
            session.reply().send(550, "Permission denied: this account may only read.");
        } else {
            verb.handler().handle(session, command.argument());
        }
    }

    /** A client turned away by a limit reads a reply it understands: 421, service not available. */
    @Override
    public Optional<String> refusalLine(String reason) {
        return Optional.of("421 socklab: " + reason);
    }

    @Override
    public Optional<Duration> idleTimeout() {
        return Optional.of(settings.idleTimeout());
    }

    /** AUTH TLS, where the server has a certificate. */
    @Override
    public boolean startsTls() {
        return true;
    }

    /** ABOR may come as urgent data, or behind a Telnet Synch that does: its bytes stay in the line. */
    @Override
    public boolean urgentDataInline() {
        return true;
    }

    /** A password never shows in a trace, not even over TLS, where the trace sees the plaintext. */
    @Override
    public List<String> secretsInTrace() {
        return List.of("PASS ");
    }
}
