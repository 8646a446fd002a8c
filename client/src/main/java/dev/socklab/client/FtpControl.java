package dev.socklab.client;

import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.socklab.framing.LineFraming;
import dev.socklab.net.Host;
import dev.socklab.service.LineTooLongException;
import dev.socklab.text.Visible;

/**
 * FTP's control connection: commands out as lines, replies in, a multi-line reply read to the
 * line that ends it (RFC 959 §4.2), each line bounded in length and a reply in lines. Each command
 * and reply line is noted in the trace ({@code > RETR a.txt}, {@code < 150 Opening}); a password
 * is noted as {@code PASS ****}, though the {@code send} line shows the bytes as they went.
 */
final class FtpControl {
    /** The longest reply line taken: RFC 959 sets none; 8 KiB is far past any server's. */
    static final int MAX_LINE = 8192;
    /** The most lines in one reply: a long FEAT or HELP has a few dozen. */
    static final int MAX_LINES = 1000;

    private final ClientConnection conn;
    private final Duration timeout;
    private LineFraming lines;

    FtpControl(ClientConnection conn, Duration timeout) {
        this.conn = conn;
        this.timeout = timeout;
        this.lines = new LineFraming(new ConnectionSource(conn, timeout), MAX_LINE);
    }

    ClientConnection connection() {
        return conn;
    }

    /** Sends {@code command} and reads its reply, skipping none: a 1xx comes back as it is. */
    FtpReply command(String command) throws IOException {
        send(command);
        return reply();
    }

    /** Sends one command line. */
    void send(String command) throws IOException {
        conn.note("> " + Visible.of(command.startsWith("PASS ") ? "PASS ****" : command));
        conn.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads one reply.
     *
     * @throws EOFException if the server closes before a whole reply
     * @throws ProtocolException if a line does not start with a reply code, or a reply is too long
     */
    FtpReply reply() throws IOException {
        String first = line();
        int code = FtpReply.codeOf(first);
        if (code < 0) {
            throw new ProtocolException("the server's reply does not start with a three-digit code, so it is not an"
                    + " FTP server: " + first);
        }
        List<String> all = new ArrayList<>(List.of(first));
        if (FtpReply.opensMore(first)) {
            String next;
            do {
                if (all.size() == MAX_LINES) {
                    throw new ProtocolException("the server's reply " + code + " runs past " + MAX_LINES + " lines");
                }
                next = line();
                all.add(next);
            } while (!FtpReply.ends(next, code));
        }
        return new FtpReply(code, all);
    }

    /**
     * Runs the TLS handshake on the control connection, after {@code AUTH TLS} was accepted; the
     * replies are read over TLS from then on.
     */
    void startTls(ClientTls tls, Host host) throws IOException {
        conn.startTls(tls, host, timeout);
        lines = new LineFraming(new ConnectionSource(conn, timeout), MAX_LINE);
    }

    private String line() throws IOException {
        Optional<String> line;
        try {
            line = lines.readLine();
        } catch (LineTooLongException e) {
            throw new ProtocolException("the server sent a reply line longer than " + MAX_LINE + " bytes");
        }
        if (line.isEmpty()) {
            throw new EOFException("the server closed the control connection without a reply");
        }
        conn.note("< " + Visible.of(line.get()));
        return line.get();
    }
}
