package dev.socklab.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

import dev.socklab.net.AddressException;
import dev.socklab.net.Host;
import dev.socklab.net.Ports;
import dev.socklab.text.Visible;

/**
 * An {@code ftp://[USER[:PASSWORD]@]HOST[:PORT]/PATH} URL as {@code socklab ftp} takes it (RFC
 * 1738 §3.2): the user and password percent-decoded, port 21 unless given, and the path
 * percent-decoded and taken relative to the directory the login starts in, as curl takes it. An
 * {@code ftps://} URL is the same but for implicit TLS: TLS from the control connection's first
 * byte, port 990 unless given (IANA's ftps), as curl and lftp take it.
 *
 * @param host the host as written, without an IPv6 literal's brackets
 * @param port the port, 21 (ftps: 990) unless the URL names one
 * @param user the user, if the URL names one; anonymous otherwise
 * @param password the password, if the URL gives one
 * @param path the path without its leading slash; empty for the login's own directory
 * @param implicitTls whether the URL is {@code ftps://}: TLS from the first byte (implicit FTPS)
 */
public record FtpUrl(String host, int port, Optional<String> user, Optional<String> password, String path,
                     boolean implicitTls) {
    private static final int DEFAULT_PORT = 21;
    private static final int DEFAULT_TLS_PORT = 990;

    /**
     * Reads a URL.
     *
     * @throws AddressException for a URL that cannot be used, in one sentence: another scheme, no
     *     host, a bad port, a line end or NUL in a name (which would end the FTP command early)
     */
    public static FtpUrl parse(String text) {
        String written = checked(text.strip(), "text");
        String shown = Visible.of(written);
        URI uri;
        try {
            uri = new URI(written);
        } catch (URISyntaxException e) {
            throw new AddressException("not a URL socklab ftp can read (" + e.getReason() + "): write it as"
                    + " ftp://[USER[:PASSWORD]@]HOST[:PORT]/PATH, with a space as %20: " + shown);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("ftp") || scheme.equals("ftps")) || uri.getRawAuthority() == null) {
            throw new AddressException("socklab ftp takes a URL such as ftp://localhost:10021/file.txt (or ftps://"
                    + " for implicit TLS), not: " + shown);
        }
        boolean implicitTls = scheme.equals("ftps");
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new AddressException("the URL has no host, or one that cannot be read: " + shown);
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        Host.parse(bare); // a malformed host is refused here, before anything is sent
        int port = uri.getPort() >= 0 ? Ports.parse(Integer.toString(uri.getPort()))
                : implicitTls ? DEFAULT_TLS_PORT : DEFAULT_PORT;
        if (port == 0) {
            throw new AddressException("port 0 cannot be connected to: give the server's port");
        }
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = Optional.of(checked(decode(colon < 0 ? info : info.substring(0, colon)), "user"));
            if (colon >= 0) {
                password = Optional.of(checked(decode(info.substring(colon + 1)), "password"));
            }
        }
        String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
        String path = checked(decode(rawPath.startsWith("/") ? rawPath.substring(1) : rawPath), "path");
        return new FtpUrl(bare, port, user, password, path, implicitTls);
    }

    /** {@code host} as socklab's address vocabulary reads it, for connecting. */
    public Host parsedHost() {
        return Host.parse(host);
    }

    /** The path's last name, for a file saved under the server's name: {@code b.txt} of {@code a/b.txt}. */
    public String fileName() {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    /** The URL again, without the password: {@code ftp://user@localhost:10021/file}. */
    @Override
    public String toString() {
        String at = user.map(u -> u + "@").orElse("");
        String shown = host.contains(":") ? "[" + host + "]" : host;
        int usual = implicitTls ? DEFAULT_TLS_PORT : DEFAULT_PORT;
        return (implicitTls ? "ftps://" : "ftp://") + at + shown + (port == usual ? "" : ":" + port) + "/" + path;
    }

    private static String decode(String raw) {
        try {
            // URLDecoder reads '+' as a space, which a URL's path and user do not: kept as itself.
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new AddressException("the URL holds a % not followed by two hex digits: write % itself as %25");
        }
    }

    private static String checked(String value, String what) {
        if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new AddressException("the URL's " + what + " holds a line end or NUL, which FTP cannot carry in a"
                    + " command: percent-encoded or not, it is refused");
        }
        return value;
    }
}
