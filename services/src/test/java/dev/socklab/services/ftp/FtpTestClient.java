package dev.socklab.services.ftp;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * An FTP client for the tests, as raw as a person with {@code nc} would be: it sends a line, reads
 * the reply (the whole of a multi-line one), and opens data connections by hand. Every read has a
 * deadline ({@code SO_TIMEOUT}), so a test waits on bytes, never on a sleep.
 */
final class FtpTestClient implements Closeable {
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final Pattern EPSV = Pattern.compile("\\(\\|\\|\\|(\\d+)\\|\\)");
    private static final Pattern PASV = Pattern.compile("\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)");

    /** A reply: its code, and its text, the lines of a multi-line one joined with LF. */
    record Reply(int code, String text) {
    }

    private final InetSocketAddress server;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final Reply greeting;

    private FtpTestClient(InetSocketAddress server, Socket socket) throws IOException {
        this.server = server;
        use(socket);
        this.greeting = reply();
    }

    /** Connects, and reads the greeting. */
    static FtpTestClient connect(InetSocketAddress server) throws IOException {
        return connectFrom(null, server);
    }

    /** Connects from {@code source} (another loopback address, such as 127.0.0.2), or any when null. */
    static FtpTestClient connectFrom(InetAddress source, InetSocketAddress server) throws IOException {
        Socket socket = new Socket();
        if (source != null) {
            socket.bind(new InetSocketAddress(source, 0));
        }
        socket.connect(server, (int) WAIT.toMillis());
        return new FtpTestClient(server, socket);
    }

    private void use(Socket s) throws IOException {
        socket = s;
        socket.setSoTimeout((int) WAIT.toMillis());
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    Reply greeting() {
        return greeting;
    }

    InetSocketAddress server() {
        return server;
    }

    /** Sends {@code line} and CRLF, and reads the reply. */
    Reply send(String line) throws IOException {
        sendOnly(line);
        return reply();
    }

    /** Sends {@code line} and CRLF without waiting for a reply. */
    void sendOnly(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Sends raw bytes, such as a line in another encoding. */
    Reply sendBytes(byte[] line) throws IOException {
        out.write(line);
        out.flush();
        return reply();
    }

    /**
     * ABOR as RFC 959 section 4.1.3 and lftp send it: Telnet IP (IAC 0xF4), then the Synch (IAC, and
     * 0xF2 as TCP urgent data), then the command; no reply read.
     */
    void abortAsTelnetDoes() throws IOException {
        out.write(new byte[] {(byte) 0xff, (byte) 0xf4, (byte) 0xff});
        out.flush();
        socket.sendUrgentData(0xf2);
        sendOnly("ABOR");
    }

    /** USER then PASS: PASS's reply. */
    Reply login(String user, String password) throws IOException {
        Reply answer = send("USER " + user);
        if (answer.code() != 331) {
            return answer;
        }
        return send("PASS " + password);
    }

    /** Reads one reply, the whole of a multi-line one. */
    Reply reply() throws IOException {
        String first = line();
        if (first == null) {
            throw new java.io.EOFException("the server closed the control connection");
        }
        int code = Integer.parseInt(first.substring(0, 3));
        StringBuilder text = new StringBuilder(first.substring(4));
        if (first.charAt(3) == '-') {
            for (String next = line(); ; next = line()) {
                if (next == null) {
                    throw new java.io.EOFException("the server closed inside a multi-line reply");
                }
                text.append('\n').append(next.startsWith(code + " ") ? next.substring(4) : next);
                if (next.startsWith(code + " ")) {
                    break;
                }
            }
        }
        return new Reply(code, text.toString());
    }

    /** A line without its CRLF, or null at EOF. */
    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    /** Whether the server closed the control connection (EOF or reset) within the wait. */
    boolean closed() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return !(e instanceof java.net.SocketTimeoutException);
        }
    }

    /** AUTH TLS, then the handshake with {@code context}: AUTH's reply. */
    Reply startTls(SSLContext context) throws IOException {
        Reply answer = send("AUTH TLS");
        if (answer.code() == 234) {
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, "localhost", server.getPort(), true);
            tls.startHandshake();
            use(tls);
        }
        return answer;
    }

    /** EPSV, then a connection to the port it names. */
    Socket passive() throws IOException {
        return passiveFrom(null);
    }

    /** EPSV, then a connection to the port it names from {@code source}, or any when null. */
    Socket passiveFrom(InetAddress source) throws IOException {
        Reply answer = send("EPSV");
        Matcher m = EPSV.matcher(answer.text());
        if (answer.code() != 229 || !m.find()) {
            throw new IOException("EPSV answered " + answer);
        }
        return dataTo(source, new InetSocketAddress(server.getAddress(), Integer.parseInt(m.group(1))));
    }

    /** PASV, then a connection to the address and port it names. */
    Socket pasv() throws IOException {
        Reply answer = send("PASV");
        Matcher m = PASV.matcher(answer.text());
        if (answer.code() != 227 || !m.find()) {
            throw new IOException("PASV answered " + answer);
        }
        String host = m.group(1) + "." + m.group(2) + "." + m.group(3) + "." + m.group(4);
        int port = Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6));
        return dataTo(null, new InetSocketAddress(host, port));
    }

    private static Socket dataTo(InetAddress source, InetSocketAddress target) throws IOException {
        Socket data = new Socket();
        if (source != null) {
            data.bind(new InetSocketAddress(source, 0));
        }
        data.connect(target, (int) WAIT.toMillis());
        data.setSoTimeout((int) WAIT.toMillis());
        return data;
    }

    /** A data connection turned TLS, the client's end, as PROT P has it after the 150. */
    static Socket secured(Socket data, SSLContext context) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(data, "localhost", data.getPort(), true);
        tls.setSoTimeout((int) WAIT.toMillis());
        tls.startHandshake();
        return tls;
    }

    /** Everything a data connection carries until the server closes it. */
    static byte[] readAll(Socket data) throws IOException {
        try (data) {
            return data.getInputStream().readAllBytes();
        }
    }

    /** Sends {@code bytes} and closes the data connection: the end of an upload. */
    static void writeAll(Socket data, byte[] bytes) throws IOException {
        try (data) {
            data.getOutputStream().write(bytes);
        }
    }

    /** A listing command ({@code LIST}, {@code MLSD}) over EPSV: 150, the text, 226. */
    String listing(String command) throws IOException {
        Socket data = passive();
        Reply opening = send(command);
        if (opening.code() != 150) {
            data.close();
            throw new IOException(command + " answered " + opening);
        }
        String text = new String(readAll(data), StandardCharsets.UTF_8);
        Reply done = reply();
        if (done.code() != 226) {
            throw new IOException(command + " ended with " + done);
        }
        return text;
    }

    /** A listing's lines: each ends with CRLF, the line end of FTP's text, or this throws. */
    static List<String> lines(String listing) throws IOException {
        List<String> lines = new ArrayList<>(Arrays.asList(listing.split("\r\n", -1)));
        if (!lines.removeLast().isEmpty() || lines.stream().anyMatch(line -> line.contains("\n") || line.contains("\r"))) {
            throw new IOException("a listing's line does not end with CRLF: " + listing);
        }
        return lines;
    }

    /** RETR over EPSV: the file's bytes. */
    byte[] retrieve(String path) throws IOException {
        Socket data = passive();
        Reply opening = send("RETR " + path);
        if (opening.code() != 150) {
            data.close();
            throw new IOException("RETR answered " + opening);
        }
        byte[] bytes = readAll(data);
        Reply done = reply();
        if (done.code() != 226) {
            throw new IOException("RETR ended with " + done);
        }
        return bytes;
    }

    /**
     * {@code command} (STOR, APPE) with {@code bytes} over EPSV: the final reply. A server that ends the
     * upload early (552 past the limit) may reset the data connection while the bytes are still going:
     * the reply on the control connection says why, as it does to any FTP client.
     */
    Reply store(String command, byte[] bytes) throws IOException {
        Socket data = passive();
        Reply opening = send(command);
        if (opening.code() != 150) {
            data.close();
            return opening;
        }
        try {
            writeAll(data, bytes);
        } catch (SocketException e) {
            // Reset mid-upload: the reply follows.
        }
        return reply();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
