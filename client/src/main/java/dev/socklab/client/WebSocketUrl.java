package dev.socklab.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import dev.socklab.net.AddressException;
import dev.socklab.net.Host;

/**
 * A WebSocket URL as {@code socklab ws} takes it (RFC 6455 §3): {@code ws://host[:port][/path][?query]},
 * port 80 when none is given, or {@code wss://}, over TLS, port 443 when none is given.
 *
 * @param host the server's host
 * @param hostText the host as the URL writes it, brackets around an IPv6 address
 * @param port the server's port
 * @param target the request target: the path ({@code /} when none) and the query
 * @param tls whether the URL is {@code wss://}: the WebSocket goes over TLS
 */
public record WebSocketUrl(Host host, String hostText, int port, String target, boolean tls) {
    private static final int DEFAULT_PORT = 80;
    private static final int DEFAULT_TLS_PORT = 443;

    /**
     * Reads {@code text}, without any lookup.
     *
     * @throws AddressException saying in one sentence what is wrong with it
     */
    public static WebSocketUrl parse(String text) {
        return parse(text, false);
    }

    /**
     * Reads {@code text} as {@link #parse(String)} does, as {@code wss://} whatever its scheme when
     * {@code tls} (the client's {@code --tls}): its port is then 443 unless it names one.
     *
     * @throws AddressException saying in one sentence what is wrong with it
     */
    public static WebSocketUrl parse(String text, boolean tls) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new AddressException("'" + text + "' is not a URL (" + e.getReason() + "): give one such as ws://localhost:10080/ws");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new AddressException("'" + text + "' is not a ws:// or wss:// URL: give one such as"
                    + " ws://localhost:10080/ws");
        }
        boolean secure = tls || scheme.equals("wss");
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new AddressException("'" + text + "' names no host (or more than one): give one such as ws://localhost:10080/ws");
        }
        if (uri.getRawFragment() != null) {
            throw new AddressException("a WebSocket URL has no #fragment: drop it from '" + text + "'");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        int port = uri.getPort() < 0 ? defaultPort(secure) : uri.getPort();
        return new WebSocketUrl(Host.parse(uri.getHost()), uri.getHost(), port, target, secure);
    }

    /** The {@code Host} field's value: the host, and the port unless it is the scheme's own (80, or 443 for wss). */
    public String hostField() {
        return port == defaultPort(tls) ? hostText : hostText + ":" + port;
    }

    private static int defaultPort(boolean tls) {
        return tls ? DEFAULT_TLS_PORT : DEFAULT_PORT;
    }
}
