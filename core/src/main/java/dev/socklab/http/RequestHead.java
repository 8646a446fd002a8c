package dev.socklab.http;

/**
 * A request's line and header fields (RFC 9112 §3), as parsed: the method, the request target as
 * sent (origin form, {@code /path?query}; or absolute form, or {@code *} for OPTIONS), the version
 * and the fields.
 */
public record RequestHead(String method, String target, HttpVersion version, Fields fields) {
    /**
     * The target's path, before any {@code ?}, still percent-encoded; for a target in absolute
     * form ({@code http://host/path}, which RFC 9112 §3.2.2 has servers accept) the path within it.
     */
    public String path() {
        int start = 0;
        if (!target.startsWith("/")) {
            int scheme = target.indexOf("://");
            if (scheme < 0) {
                return target;
            }
            int slash = target.indexOf('/', scheme + 3);
            if (slash < 0) {
                return "/";
            }
            start = slash;
        }
        int q = target.indexOf('?', start);
        return q < 0 ? target.substring(start) : target.substring(start, q);
    }

    /** The target's query, after the {@code ?}, still percent-encoded; empty when there is none. */
    public String query() {
        int q = target.indexOf('?');
        return q < 0 ? "" : target.substring(q + 1);
    }

    /**
     * Whether the client wants the connection kept open after this request: HTTP/1.1 unless it
     * says {@code Connection: close}, HTTP/1.0 only when it says {@code Connection: keep-alive}
     * (RFC 9112 §9.3).
     */
    public boolean keepAlive() {
        if (fields.hasToken("Connection", "close")) {
            return false;
        }
        return version == HttpVersion.HTTP_1_1 || fields.hasToken("Connection", "keep-alive");
    }
}
