package dev.socklab.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import dev.socklab.net.AddressException;
import dev.socklab.net.Host;

/**
 * A WebSocket URL as {@code socklab ws} takes it (RFC 6455 §3): {@code ws://host[:port][/path][?query]},
 * port 80 when none is given. {@code wss://} is refused until socklab speaks TLS.
 *
 * @param host the server's host
 * @param hostText the host as the URL writes it, brackets around an IPv6 address
 * @param port the server's port
 * @param target the request target: the path ({@code /} when none) and the query
 */
public record WebSocketUrl(Host host, String hostText, int port, String target) {
    private static final int DEFAULT_PORT = 80;

    /**
     * Reads {@code text}, without any lookup.
     *
     * @throws AddressException saying in one sentence what is wrong with it
     */
    public static WebSocketUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new AddressException("'" + text + "' is not a URL (" + e.getReason() + "): give one such as ws://localhost:10080/ws");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("wss")) {
            throw new AddressException("wss:// needs TLS, which socklab does not speak yet: use ws://");
        }
        if (!scheme.equals("ws")) {
            throw new AddressException("'" + text + "' is not a ws:// URL: give one such as ws://localhost:10080/ws");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new AddressException("'" + text + "' names no host (or more than one): give one such as ws://localhost:10080/ws");
        }
        if (uri.getRawFragment() != null) {
            throw new AddressException("a WebSocket URL has no #fragment: drop it from '" + text + "'");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        return new WebSocketUrl(Host.parse(uri.getHost()), uri.getHost(), port, target);
    }

    /** The {@code Host} field's value: the host, and the port unless it is 80. */
    public String hostField() {
        return port == DEFAULT_PORT ? hostText : hostText + ":" + port;
    }
}
