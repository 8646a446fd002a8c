package dev.socklab.client;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import dev.socklab.net.AddressException;
import dev.socklab.net.Host;
import dev.socklab.net.Ports;

/**
 * An {@code http://} or {@code https://} URL as {@code socklab http} takes it (RFC 9110 §4.2.1,
 * §4.2.2): the host to connect to, its port (80, or 443 for https, unless given), the {@code Host}
 * field to send, the request target, and whether to speak TLS. As curl does, a URL without a
 * scheme is taken as {@code http://}: {@code localhost:10080/anything}.
 *
 * @param host the host as written, without an IPv6 literal's brackets: {@code ::1}, {@code localhost}
 * @param port the port, the scheme's own unless the URL names one
 * @param authority the {@code Host} field's value: the host as written, brackets and all, and the
 *     port unless it is the scheme's own
 * @param target the request target: the path and query, {@code /} when the URL has no path;
 *     bytes other than visible ASCII percent-encoded, the fragment left out
 * @param tls whether the URL is {@code https://}: the request goes over TLS
 */
public record HttpUrl(String host, int port, String authority, String target, boolean tls) {
    private static final int DEFAULT_PORT = 80;
    private static final int DEFAULT_TLS_PORT = 443;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /**
     * Reads a URL.
     *
     * @throws AddressException for a URL that cannot be used, in one sentence: a scheme other than
     *     {@code http://} and {@code https://}, user credentials, no host, a bad port
     */
    public static HttpUrl parse(String text) {
        return parse(text, false);
    }

    /**
     * Reads a URL, as {@code https://} whatever its scheme when {@code tls} (the client's
     * {@code --tls}): its port is then 443 unless it names one.
     *
     * @throws AddressException as {@link #parse(String)} does
     */
    public static HttpUrl parse(String text, boolean tls) {
        String rest = text.strip();
        int scheme = rest.indexOf("://");
        boolean secure = tls;
        if (scheme >= 0) {
            String name = rest.substring(0, scheme).toLowerCase(Locale.ROOT);
            if (!name.equals("http") && !name.equals("https")) {
                throw new AddressException("socklab http speaks http:// and https://, not " + name + "://: "
                        + text.strip());
            }
            secure |= name.equals("https");
            rest = rest.substring(scheme + 3);
        }
        int end = 0;
        while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        String hostAndPort = rest.substring(0, end);
        String target = target(rest.substring(end));
        if (hostAndPort.contains("@")) {
            throw new AddressException("socklab http takes no user name or password in a URL: " + text.strip());
        }
        if (hostAndPort.isEmpty()) {
            throw new AddressException("the URL has no host: write it as http://HOST[:PORT]/PATH, such as"
                    + " http://localhost:10080/anything");
        }
        if (!hostAndPort.startsWith("[") && hostAndPort.indexOf(':') != hostAndPort.lastIndexOf(':')) {
            throw new AddressException("an IPv6 address in a URL is written in brackets, such as http://[::1]:10080/: "
                    + text.strip());
        }
        String host = hostAndPort;
        String portText = null;
        int colon = hostAndPort.startsWith("[") ? hostAndPort.indexOf("]:") + 1 : hostAndPort.lastIndexOf(':');
        if (colon > 0) {
            host = hostAndPort.substring(0, colon);
            portText = hostAndPort.substring(colon + 1);
        }
        int defaultPort = secure ? DEFAULT_TLS_PORT : DEFAULT_PORT;
        int port = portText == null || portText.isEmpty() ? defaultPort : port(portText);
        if (host.startsWith("[") != host.endsWith("]") || host.length() <= 2 && host.startsWith("[")) {
            throw new AddressException("an IPv6 address in a URL is written in brackets, such as http://[::1]:10080/: "
                    + text.strip());
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        Host.parse(bare); // a malformed host is refused here, before anything is sent
        return new HttpUrl(bare, port, port == defaultPort ? host : host + ":" + port, target, secure);
    }

    /** {@code host} as socklab's address vocabulary reads it, for connecting. */
    public Host parsedHost() {
        return Host.parse(host);
    }

    /** The URL again, as sent: {@code http://localhost:10080/anything}. */
    @Override
    public String toString() {
        return (tls ? "https://" : "http://") + authority + target;
    }

    private static int port(String text) {
        if (!text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new AddressException("not a port number in the URL: '" + text + "'");
        }
        int port = Ports.parse(text);
        if (port == 0) {
            throw new AddressException("port 0 cannot be connected to: give the server's port");
        }
        return port;
    }

    /**
     * The path and query, with the fragment (which stays with the client) left out and every byte
     * that may not stand in a request line (RFC 9112 §3.2) percent-encoded, as a browser does.
     */
    private static String target(String pathAndQuery) {
        int hash = pathAndQuery.indexOf('#');
        String kept = hash < 0 ? pathAndQuery : pathAndQuery.substring(0, hash);
        if (!kept.startsWith("/")) {
            kept = "/" + kept;
        }
        StringBuilder encoded = new StringBuilder(kept.length());
        for (byte b : kept.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return encoded.toString();
    }
}
