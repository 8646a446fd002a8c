package dev.socklab.client;

import java.util.Locale;

import dev.socklab.net.AddressException;
import dev.socklab.net.Host;
import dev.socklab.net.Ports;

/**
 * Where {@code socklab rpc} calls: JSON-RPC over TCP ({@code tcp://HOST[:PORT]}) or a Unix socket
 * ({@code unix:PATH}), or a call over HTTP ({@code http://} or {@code https://}, which
 * {@link HttpUrl} reads).
 */
public sealed interface RpcUrl {
    /**
     * JSON-RPC over TCP.
     *
     * @param host the server's host
     * @param port its port
     */
    record Tcp(Host host, int port) implements RpcUrl {
    }

    /**
     * JSON-RPC over a Unix socket.
     *
     * @param path the socket file
     */
    record Unix(String path) implements RpcUrl {
    }

    /**
     * JSON-RPC or XML-RPC over HTTP.
     *
     * @param url the URL as written
     * @param pathGiven whether it names a path: without one, each protocol goes to its own ({@link RpcProtocol#path()})
     */
    record Http(HttpUrl url, boolean pathGiven) implements RpcUrl {
        /** The protocol the URL's path suggests: XML-RPC at {@code /RPC2}, JSON-RPC otherwise. */
        public RpcProtocol protocol() {
            return pathGiven ? RpcProtocol.forPath(url.target()) : RpcProtocol.JSON_RPC;
        }

        /** The URL calls in {@code protocol} go to: the one given, or with the protocol's own path. */
        public HttpUrl urlFor(RpcProtocol protocol) {
            return pathGiven ? url : new HttpUrl(url.host(), url.port(), url.authority(), protocol.path(), url.tls());
        }
    }

    /** Whether {@code word} is written as a URL, rather than as a host or a method. */
    static boolean isUrl(String word) {
        return word.contains("://") || word.startsWith("unix:");
    }

    /**
     * Reads {@code text}.
     *
     * @param defaultPort the port of a {@code tcp://} URL that names none
     * @param tls whether the client speaks TLS (its {@code --tls}): an {@code http://} URL is then taken as {@code https://}
     * @throws AddressException for a URL that cannot be used, in one sentence
     */
    static RpcUrl parse(String text, int defaultPort, boolean tls) {
        String url = text.strip();
        if (url.startsWith("unix:")) {
            String path = url.substring("unix:".length());
            if (path.startsWith("//")) {
                path = path.substring(2);
            }
            if (path.isEmpty()) {
                throw new AddressException("unix: names a socket file: write unix:/run/rpc.sock");
            }
            return new Unix(path);
        }
        int scheme = url.indexOf("://");
        String name = scheme < 0 ? "" : url.substring(0, scheme).toLowerCase(Locale.ROOT);
        if (name.equals("tcp")) {
            return tcp(url.substring(scheme + 3), defaultPort, text.strip());
        }
        if (!name.equals("http") && !name.equals("https")) {
            throw new AddressException("socklab rpc calls at tcp://HOST:PORT, unix:PATH, http:// or https://, not "
                    + (name.isEmpty() ? "'" + text.strip() + "'" : name + "://"));
        }
        String rest = url.substring(scheme + 3);
        int slash = rest.indexOf('/');
        boolean pathGiven = slash >= 0 && slash < rest.length() - 1;
        return new Http(HttpUrl.parse(url, tls), pathGiven);
    }

    private static Tcp tcp(String rest, int defaultPort, String text) {
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        if (rest.contains("/")) {
            throw new AddressException("a tcp:// URL has no path: write tcp://HOST:PORT, not " + text);
        }
        String host = rest;
        String port = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0 || close + 1 < rest.length() && rest.charAt(close + 1) != ':') {
                throw new AddressException("an IPv6 address in a URL is written in brackets, such as tcp://[::1]:10111: "
                        + text);
            }
            host = rest.substring(1, close);
            port = close + 1 < rest.length() ? rest.substring(close + 2) : null;
        } else if (rest.indexOf(':') >= 0) {
            if (rest.indexOf(':') != rest.lastIndexOf(':')) {
                throw new AddressException("an IPv6 address in a URL is written in brackets, such as tcp://[::1]:10111: "
                        + text);
            }
            host = rest.substring(0, rest.indexOf(':'));
            port = rest.substring(rest.indexOf(':') + 1);
        }
        if (host.isEmpty()) {
            throw new AddressException("the URL has no host: write tcp://HOST:PORT, such as tcp://localhost:10111");
        }
        return new Tcp(Host.parse(host), port == null || port.isEmpty() ? defaultPort : Ports.parse(port));
    }
}
