package dev.socklab.client;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import dev.socklab.net.Family;
import dev.socklab.net.Host;
import dev.socklab.trace.Tracer;

/**
 * FTP from the client's side (RFC 959). In passive mode, the default, each transfer opens a data
 * connection to the port the server names in answer to {@code EPSV} (RFC 2428), or {@code PASV}
 * when the server does not know it, always at the control connection's address. In active mode
 * ({@link #useActiveMode}) the client listens instead, and the server connects to it. Binary
 * ({@code TYPE I}) throughout. {@code REST} and {@code APPE} resume a download or an upload;
 * {@code SIZE} (RFC 3659) tells how much the server has. With TLS, {@code AUTH TLS} secures the
 * control connection (or, with implicit TLS, {@link #connectImplicit}, the handshake comes first,
 * before the greeting), and {@code PBSZ 0} and {@code PROT P} the data connections too (RFC 4217), each after the
 * server's 1xx reply to the transfer's command, when the server is ready for its handshake. Each
 * data connection resumes the control connection's TLS session, as vsftpd demands by default
 * ({@code require_ssl_reuse}), and proftpd and FileZilla Server too: it shows the server that the
 * data connection is the same client's. Over TLS 1.2 the JDK drops a session ticket said to last
 * past 7 days, as vsftpd's are, and is then left with nothing to resume: a JVM that uses this class
 * over TLS 1.2 should turn the JDK's TLS 1.2 tickets off ({@code
 * jdk.tls.client.enableSessionTicketExtension=false}, before the {@link ClientTls} is made), so
 * that the server gives the session an ID instead, as {@code socklab ftp} does.
 *
 * <p>Every reply that refuses (4xx, 5xx) becomes a {@link ServerRefusedException} that quotes it.
 */
public final class FtpClient implements Closeable {
    private static final String WHO = "ftp";
    private static final String DATA_WHO = "ftp-data";
    private static final int CHUNK = 64 * 1024;

    /** What {@link #list} asks for. */
    public enum Listing {
        /** {@code LIST}: the server's own long format, as {@code ls -l} prints it. */
        LONG("LIST"),
        /** {@code NLST}: names alone, one a line. */
        NAMES("NLST"),
        /** {@code MLSD} (RFC 3659): facts a program can read, such as {@code size=42;type=file; a.txt}. */
        MACHINE("MLSD");

        private final String command;

        Listing(String command) {
            this.command = command;
        }
    }

    private final FtpControl control;
    private final Host host;
    private final Duration timeout;
    private final Tracer tracer;
    private final Optional<ClientTls> tls;
    /** Whether EPSV was refused once: PASV straight away from then on. */
    private boolean epsvRefused;
    /** Whether the server opens the data connections (PORT, EPRT), not the client. */
    private boolean active;

    private FtpClient(FtpControl control, Host host, Duration timeout, Tracer tracer, Optional<ClientTls> tls) {
        this.control = control;
        this.host = host;
        this.timeout = timeout;
        this.tracer = tracer;
        this.tls = tls;
    }

    /**
     * Connects to the server, reads its greeting and, with {@code tls}, secures the control and
     * data connections ({@code AUTH TLS}, {@code PBSZ 0}, {@code PROT P}).
     *
     * @param timeout how long the connect and each answer may take
     * @throws ServerRefusedException if the server turns the client away (421), or refuses TLS
     * @throws IOException if the connection fails
     */
    public static FtpClient connect(Host host, int port, Family family, Duration timeout, Tracer tracer,
            Optional<ClientTls> tls) throws IOException {
        return open(host, port, family, timeout, tracer, Objects.requireNonNull(tls, "tls"), false);
    }

    /**
     * Connects to a server that speaks implicit TLS ({@code ftps://}, port 990 by custom): the TLS
     * handshake first, then the greeting over TLS; the data connections are secured as with
     * {@code AUTH TLS} ({@code PBSZ 0}, {@code PROT P}).
     *
     * @param timeout how long the connect, the handshake and each answer may take
     * @throws CertificateRefusedException if the server's certificate is refused
     * @throws ServerRefusedException if the server turns the client away (421)
     * @throws IOException if the connection or the handshake fails
     */
    public static FtpClient connectImplicit(Host host, int port, Family family, Duration timeout, Tracer tracer,
            ClientTls tls) throws IOException {
        return open(host, port, family, timeout, tracer, Optional.of(tls), true);
    }

    private static FtpClient open(Host host, int port, Family family, Duration timeout, Tracer tracer,
            Optional<ClientTls> tls, boolean implicit) throws IOException {
        ClientConnection conn = ClientConnection.connect(host, port, family, timeout, tracer, WHO);
        try {
            FtpControl control = new FtpControl(conn, timeout);
            if (implicit) {
                control.startTls(tls.orElseThrow(), host);
            }
            FtpReply greeting = control.reply();
            while (greeting.preliminary()) {
                greeting = control.reply(); // 120: ready in a while
            }
            expect(greeting, "the greeting", 2);
            if (tls.isPresent()) {
                if (!implicit) {
                    expect(control.command("AUTH TLS"), "AUTH TLS", 2,
                            "; the server may not offer TLS (vsftpd needs ssl_enable=YES): drop --tls");
                    control.startTls(tls.get(), host);
                }
                expect(control.command("PBSZ 0"), "PBSZ 0", 2);
                expect(control.command("PROT P"), "PROT P", 2);
            }
            return new FtpClient(control, host, timeout, tracer, tls);
        } catch (IOException | RuntimeException e) {
            conn.close();
            throw e;
        }
    }

    /**
     * Active mode from now on: for each transfer the client listens on an ephemeral port of the
     * control connection's local address, names it with {@code PORT} (IPv4) or {@code EPRT}
     * (IPv6, RFC 2428), and takes the connection the server opens to it, from the server's address
     * alone. For a client a server can reach, such as one whose firewall lets no connection out to
     * a passive port; over TLS the client still runs the handshake as the TLS client (RFC 4217).
     */
    public void useActiveMode() {
        active = true;
    }

    /**
     * Logs in and switches to binary ({@code TYPE I}).
     *
     * @throws ServerRefusedException if the server refuses the user or the password (530)
     */
    public void login(String user, String password) throws IOException {
        FtpReply reply = control.command("USER " + user);
        if (reply.intermediate()) {
            reply = control.command("PASS " + password);
        }
        if (!reply.completed()) {
            String hint = reply.code() == 530
                    ? "; check the user and password (anonymous logins need the server's consent: vsftpd's"
                    + " anonymous_enable, socklab's --ftp-anonymous)"
                    : "";
            throw new ServerRefusedException(reply.code(), "the server refused the login as " + user + ": " + reply
                    + hint);
        }
        expect(control.command("TYPE I"), "TYPE I", 2);
    }

    /**
     * The size of {@code path} on the server ({@code SIZE}, RFC 3659).
     *
     * @return empty if the server has no such file, or does not tell sizes
     */
    public OptionalLong size(String path) throws IOException {
        FtpReply reply = control.command("SIZE " + path);
        if (reply.code() != 213) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(reply.text().strip()));
        } catch (NumberFormatException e) {
            throw new ProtocolException("the server's SIZE reply holds no size: " + reply);
        }
    }

    /**
     * Downloads {@code path} into {@code out}, from byte {@code offset} on ({@code REST}, then
     * {@code RETR}). The progress's total is what {@code SIZE} says is left.
     *
     * @return the bytes received
     * @throws ServerRefusedException if the server refuses, such as for a missing file (550)
     */
    public long retrieve(String path, long offset, OutputStream out, TransferProgress progress) throws IOException {
        OptionalLong size = size(path);
        if (offset > 0) {
            FtpReply rest = control.command("REST " + offset);
            if (rest.code() != 350) {
                throw refused(rest, "REST " + offset, "; the server cannot resume, so remove the file to fetch it"
                        + " whole");
            }
        }
        try (ClientConnection data = transfer("RETR " + path)) {
            progress.started(size.isPresent() ? OptionalLong.of(Math.max(0, size.getAsLong() - offset)) : size);
            long got = 0;
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
            int n;
            while ((n = data.read(chunk.clear(), timeout)) >= 0) {
                out.write(chunk.array(), 0, n);
                got += n;
                progress.moved(got);
            }
            end(data);
            finish("RETR " + path);
            return got;
        }
    }

    /**
     * Uploads what {@code in} holds as {@code path}: {@code STOR}, or {@code APPE} to add to what
     * the server has.
     *
     * @param length the bytes {@code in} holds, for the progress's total
     * @return the bytes sent
     * @throws ServerRefusedException if the server refuses, such as for a user who may not write (553)
     */
    public long store(String path, InputStream in, long length, boolean append, TransferProgress progress)
            throws IOException {
        String command = (append ? "APPE " : "STOR ") + path;
        try (ClientConnection data = transfer(command)) {
            progress.started(OptionalLong.of(length));
            long sent = 0;
            byte[] chunk = new byte[CHUNK];
            int n;
            while ((n = in.read(chunk)) >= 0) {
                data.write(ByteBuffer.wrap(chunk, 0, n));
                sent += n;
                progress.moved(sent);
            }
            end(data);
            finish(command);
            return sent;
        }
    }

    /** Lists {@code path} (the login's directory when empty) into {@code out}, as the server wrote it. */
    public void list(Listing listing, String path, OutputStream out) throws IOException {
        String command = path.isEmpty() ? listing.command : listing.command + " " + path;
        try (ClientConnection data = transfer(command)) {
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
            int n;
            while ((n = data.read(chunk.clear(), timeout)) >= 0) {
                out.write(chunk.array(), 0, n);
            }
            end(data);
            finish(command);
        }
    }

    /** Says {@code QUIT}, reads the goodbye if it comes in time, and closes the control connection. */
    @Override
    public void close() throws IOException {
        try (ClientConnection conn = control.connection()) {
            control.command("QUIT");
        } catch (IOException e) {
            // Leaving anyway: a server that has gone needs no goodbye.
        }
    }

    /**
     * Opens a data connection and sends {@code command}; returns the connection once the server
     * says 1xx, after its TLS handshake when the data connections are private (PROT P).
     */
    private ClientConnection transfer(String command) throws IOException {
        ClientConnection data = active ? activeData(command) : passiveData(command);
        try {
            if (tls.isPresent()) {
                data.startTls(tls.get(), host, controlPort(), timeout);
            }
            return data;
        } catch (IOException | RuntimeException e) {
            data.close();
            throw e;
        }
    }

    /** Passive mode: connects to the server's data port, then sends {@code command}. */
    private ClientConnection passiveData(String command) throws IOException {
        ClientConnection data = connectPassive();
        try {
            started(command);
            return data;
        } catch (IOException | RuntimeException e) {
            data.close();
            throw e;
        }
    }

    /** Active mode: listens, names the port (PORT or EPRT), sends {@code command}, takes the server's connection. */
    private ClientConnection activeData(String command) throws IOException {
        InetSocketAddress local = (InetSocketAddress) control.connection().local();
        InetSocketAddress server = (InetSocketAddress) control.connection().peer();
        try (FtpDataListener listener = FtpDataListener.open(local.getAddress(), timeout, tracer, DATA_WHO)) {
            String port = FtpActive.command(listener.address());
            FtpReply reply = control.command(port);
            if (!reply.completed()) {
                throw refused(reply, port.substring(0, 4), "; the server may not serve active mode (vsftpd's"
                        + " port_enable, socklab's --ftp-active): try passive mode (without --active)");
            }
            started(command);
            return listener.accept(server.getAddress());
        }
    }

    /** Sends a transfer's command and reads its 1xx: the server is ready for the data connection. */
    private void started(String command) throws IOException {
        FtpReply reply = control.command(command);
        if (!reply.preliminary()) {
            throw refused(reply, command, hint(reply));
        }
    }

    /**
     * Closes a data connection whose bytes are all sent or read: close_notify first over TLS, which
     * a server may wait for (vsftpd does) before its final reply, then FIN; then waits for the
     * server to close its side too. Closing with bytes unread (a TLS 1.3 session ticket, the
     * server's close_notify) would reset the connection, and the server could lose the last of an
     * upload to the reset.
     */
    private void end(ClientConnection data) throws IOException {
        try (data) {
            data.shutdownOutput();
            ByteBuffer rest = ByteBuffer.allocate(CHUNK);
            long drained = 0;
            while (drained < CHUNK && data.read(rest.clear(), timeout) >= 0) {
                drained += rest.position();
            }
        }
    }

    /** The reply that ends a transfer, after its data: 226 or 250. */
    private void finish(String command) throws IOException {
        FtpReply reply = control.reply();
        if (!reply.completed()) {
            throw refused(reply, command, hint(reply));
        }
    }

    /** The control connection's port on the server, under which the JDK keeps the TLS session to resume. */
    private int controlPort() {
        return ((InetSocketAddress) control.connection().peer()).getPort();
    }

    /** A passive data connection: EPSV, or PASV where the server does not know EPSV. */
    private ClientConnection connectPassive() throws IOException {
        int port;
        FtpReply epsv = epsvRefused ? null : control.command("EPSV");
        if (epsv != null && epsv.code() == 229) {
            port = FtpPassive.epsvPort(epsv);
        } else {
            epsvRefused = true;
            FtpReply pasv = control.command("PASV");
            if (pasv.code() != 227) {
                throw refused(pasv, "PASV", "; the server offers no passive mode: try active mode (--active)");
            }
            port = FtpPassive.pasvPort(pasv);
        }
        InetSocketAddress server = (InetSocketAddress) control.connection().peer();
        InetSocketAddress target = new InetSocketAddress(server.getAddress(), port);
        return ClientConnection.connect(server.getAddress().getHostAddress(), port, List.of(target), timeout, tracer,
                DATA_WHO);
    }

    private static void expect(FtpReply reply, String what, int kind) throws ServerRefusedException {
        expect(reply, what, kind, "");
    }

    private static void expect(FtpReply reply, String what, int kind, String hint) throws ServerRefusedException {
        if (reply.code() / 100 != kind) {
            throw refused(reply, what, hint);
        }
    }

    private static ServerRefusedException refused(FtpReply reply, String what, String hint) {
        return new ServerRefusedException(reply.code(), "the server answered " + reply + " to " + what + hint);
    }

    /** What to try after a refusal, by its code. */
    private String hint(FtpReply reply) {
        return switch (reply.code()) {
            case 550 -> "; check the path (socklab ftp ls lists a directory)";
            case 553, 532 -> "; this account may not write there";
            case 452, 552 -> "; the server's disk or quota is full";
            case 425, 426 -> active
                    ? "; the data connection failed: a firewall or NAT between may keep the server from connecting"
                    + " to this client: try passive mode (without --active)"
                    : "; the data connection failed: a firewall or NAT between may block the passive port";
            case 530 -> "; log in first: give a user in the URL";
            default -> "";
        };
    }
}
